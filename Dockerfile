# syntax=docker/dockerfile:1
# Build: compile TypeScript (and better-sqlite3's native addon) with the full toolchain.
FROM node:24-bookworm-slim AS build
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY bot ./bot
COPY flows ./flows
COPY server ./server
COPY locales ./locales
RUN npm run build && npm prune --omit=dev

# Run: production dependencies, compiled code and data only; never root.
FROM node:24-bookworm-slim AS runtime
ENV NODE_ENV=production PORT=3000 HOST=0.0.0.0 DATA_DIR=/app/data TZ=Asia/Seoul
WORKDIR /app
COPY --from=build --chown=node:node /app/package.json ./
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
COPY --from=build --chown=node:node /app/flows ./flows
COPY --from=build --chown=node:node /app/locales ./locales
COPY --from=build --chown=node:node /app/server/web/public ./server/web/public
COPY --from=build --chown=node:node /app/server/web/console ./server/web/console
COPY --from=build --chown=node:node /app/server/web/admin ./server/web/admin
COPY --from=build --chown=node:node /app/server/web/shared ./server/web/shared
RUN mkdir -p /app/data && chown node:node /app/data && chmod 0700 /app/data
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# The command `npm start` runs after its build step (see package.json).
CMD ["node", "dist/server/main.js"]
