import { DomainError } from "../../../bot/errors";
import type { StaffUser, UserStore } from "../../../bot/staff/staff-ports";
import { staffUserSchema } from "../../../bot/staff/staff-ports";
import type { CorruptRecordReporter } from "../parse-stored-record";
import { parseStoredValue } from "../parse-stored-record";
import type { DatabaseSchema } from "./database-schema";
import type { SqlDatabase } from "./open-database";
import { isUniqueViolation } from "./open-database";

type Row = DatabaseSchema["staff_users"];

/** Console accounts in SQL; the username column is unique, so two instances never give one name twice. */
export class SqlUserStore implements UserStore {
  constructor(private readonly sql: SqlDatabase, private readonly reportCorrupt: CorruptRecordReporter) {}

  async findUserByName(username: string): Promise<StaffUser | undefined> {
    return this.parse(await (await this.sql.open()).selectFrom("staff_users").selectAll().where("username", "=", username.toLowerCase()).executeTakeFirst());
  }

  async findUserById(id: string): Promise<StaffUser | undefined> {
    return this.parse(await (await this.sql.open()).selectFrom("staff_users").selectAll().where("id", "=", id).executeTakeFirst());
  }

  async saveUser(user: StaffUser): Promise<void> {
    const row: Row = { id: user.id, username: user.username.toLowerCase(), role: user.role, password_hash: user.passwordHash, created_at: user.createdAt, disabled: user.disabled ? 1 : 0 };
    const { id: _id, ...changes } = row;
    try {
      await (await this.sql.open()).insertInto("staff_users").values(row).onConflict((oc) => oc.column("id").doUpdateSet(changes)).execute();
    } catch (error) {
      if (isUniqueViolation(error)) throw new DomainError("CONFLICT", "username taken", undefined, { cause: error });
      throw error;
    }
  }

  async listUsers(): Promise<StaffUser[]> {
    const rows = await (await this.sql.open()).selectFrom("staff_users").selectAll().orderBy("username").execute();
    return rows.flatMap((row) => this.parse(row) ?? []);
  }

  private parse(row: Row | undefined): StaffUser | undefined {
    return row && parseStoredValue(staffUserSchema, {
      id: row.id, username: row.username, role: row.role, passwordHash: row.password_hash, createdAt: row.created_at, ...(row.disabled ? { disabled: true } : {}),
    }, { store: "sql", key: `staff_users:${row.id}` }, this.reportCorrupt);
  }
}
