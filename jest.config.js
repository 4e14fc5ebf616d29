/** Tests strip types with @swc/jest; `npm run typecheck` (tsc 7) is the type check. */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: {
    "^.+\\.(t|j)sx?$": ["@swc/jest", {
      jsc: { parser: { syntax: "typescript" }, target: "es2022" },
      module: { type: "commonjs" },
    }],
  },
  // Kysely ships only ES modules: let swc turn it into CommonJS like our own code.
  transformIgnorePatterns: ["/node_modules/(?!kysely/)"],
  testTimeout: 30000,
  reporters: ["default", "<rootDir>/test/support/totals-reporter.js"],
};
