/**
 * `npm run user -- add NAME --role admin|staff` · `npm run user -- list` · `npm run user -- disable NAME`
 *
 * Manages console accounts in whichever record store the environment configures (DATABASE_URL,
 * else the SQLite file in DATA_DIR); REDIS_URL is not needed and not opened. The password comes from HANBEON_NEW_PASSWORD or, on a terminal, a
 * prompt that does not echo. Nothing here prints a password or a hash.
 */
import type { StaffPrincipal, StaffRole } from "../bot/staff/staff-ports";
import { parseConfig } from "../server/config";
import { createLogger } from "../server/logging/create-logger";
import { appendAudit } from "../server/staff/audit/record-audit";
import { checkNewUser, createStaffUser, MIN_PASSWORD_LENGTH } from "../server/staff/auth/staff-auth";
import { createStores } from "../server/storage/create-stores";

const USAGE = `usage:
  npm run user -- add NAME --role admin|staff   (password from HANBEON_NEW_PASSWORD or a prompt)
  npm run user -- list
  npm run user -- disable NAME`;

/** Who the audit log names for changes made with this command. */
const CLI_ACTOR: StaffPrincipal = { id: "cli", username: "cli", role: "admin" };

class UsageError extends Error {}

async function main(argv: string[]): Promise<void> {
  const [command, name] = argv;
  const config = parseConfig(process.env);
  const now = () => new Date();
  // Accounts live in the records; Redis holds nothing this command needs.
  const stores = createStores({ ...config, REDIS_URL: undefined }, createLogger("warn"), now);
  const audit = { log: stores.audit, now };
  try {
    if (command === "add" && name) {
      const role = roleOf(argv);
      const problem = checkNewUser({ username: name.toLowerCase(), password: "x".repeat(MIN_PASSWORD_LENGTH) });
      if (problem) throw new UsageError(problem);
      const password = await readNewPassword();
      const user = await createStaffUser(stores.users, { username: name, role, password }, now());
      await appendAudit(audit, CLI_ACTOR, { action: "user.add", recordType: "staff_user", recordId: user.id, detail: { role } });
      console.log(`added ${user.username} (${user.role}) in ${stores.records}`);
    } else if (command === "list") {
      const users = await stores.users.listUsers();
      for (const u of users) {
        const state = u.disabled ? "disabled" : "active";
        console.log(`${u.username}\t${u.role}\t${state}\tcreated ${u.createdAt}`);
      }
      if (!users.length) console.log(`no users yet in ${stores.records}: npm run user -- add NAME --role admin`);
    } else if (command === "disable" && name) {
      const user = await stores.users.findUserByName(name);
      if (!user) throw new UsageError(`no user ${name}`);
      await stores.users.saveUser({ ...user, disabled: true });
      await appendAudit(audit, CLI_ACTOR, { action: "user.disable", recordType: "staff_user", recordId: user.id });
      console.log(`disabled ${user.username}; their sessions end at their next request`);
    } else {
      throw new UsageError(USAGE);
    }
  } finally {
    await stores.close();
  }
}

function roleOf(argv: string[]): StaffRole {
  const role = argv[argv.indexOf("--role") + 1];
  if (!argv.includes("--role") || (role !== "admin" && role !== "staff")) throw new UsageError("--role admin or --role staff is required");
  return role;
}

async function readNewPassword(): Promise<string> {
  const fromEnv = process.env.HANBEON_NEW_PASSWORD;
  if (fromEnv !== undefined && fromEnv !== "") return fromEnv;
  if (!process.stdin.isTTY) throw new UsageError("set HANBEON_NEW_PASSWORD or run on a terminal to be asked");
  const first = await promptHidden(`password (at least ${MIN_PASSWORD_LENGTH} characters): `);
  const second = await promptHidden("again: ");
  if (first !== second) throw new UsageError("the passwords differ");
  return first;
}

/** Reads one line from the terminal in raw mode, echoing nothing. */
function promptHidden(question: string): Promise<string> {
  const stdin = process.stdin;
  process.stdout.write(question);
  stdin.setRawMode(true);
  stdin.setEncoding("utf8");
  stdin.resume();
  return new Promise((resolve, reject) => {
    let value = "";
    const finish = () => {
      stdin.off("data", onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stdout.write("\n");
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === "\r" || ch === "\n") {
          finish();
          resolve(value);
          return;
        }
        if (ch === "\u0003" || ch === "\u0004") {
          finish();
          reject(new UsageError("cancelled"));
          return;
        }
        value = ch === "\u007f" || ch === "\b" ? [...value].slice(0, -1).join("") : value + ch;
      }
    };
    stdin.on("data", onData);
  });
}

main(process.argv.slice(2)).catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  console.error(message);
  process.exit(error instanceof UsageError ? 2 : 1);
});
