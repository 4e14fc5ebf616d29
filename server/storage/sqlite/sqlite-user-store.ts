import type Database from "better-sqlite3";
import { DomainError } from "../../../bot/errors";
import type { StaffUser, UserStore } from "../../../bot/staff/staff-ports";
import type { CorruptRecordReporter } from "../parse-stored-record";
import { storedStaffUserSchema } from "../stored-staff-schema";
import { parseStoredRecord } from "../parse-stored-record";

type Row = { id: string; data: string };

/** Console accounts in the embedded SQLite file; the username column is unique. */
export class SqliteUserStore implements UserStore {
  private readonly byName: Database.Statement<[string], Row>;
  private readonly byId: Database.Statement<[string], Row>;
  private readonly all: Database.Statement<[], Row>;
  private readonly upsert: Database.Statement<[string, string, string]>;

  constructor(db: Database.Database, private readonly reportCorrupt: CorruptRecordReporter) {
    this.byName = db.prepare("SELECT id, data FROM staff_users WHERE username = ?");
    this.byId = db.prepare("SELECT id, data FROM staff_users WHERE id = ?");
    this.all = db.prepare("SELECT id, data FROM staff_users ORDER BY username");
    this.upsert = db.prepare("INSERT INTO staff_users (id, username, data) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET username = excluded.username, data = excluded.data");
  }

  async findUserByName(username: string): Promise<StaffUser | undefined> {
    return this.parse(this.byName.get(username.toLowerCase()));
  }

  async findUserById(id: string): Promise<StaffUser | undefined> {
    return this.parse(this.byId.get(id));
  }

  async saveUser(user: StaffUser): Promise<void> {
    const name = user.username.toLowerCase();
    const owner = this.byName.get(name);
    if (owner && owner.id !== user.id) throw new DomainError("CONFLICT", "username taken");
    this.upsert.run(user.id, name, JSON.stringify({ ...user, username: name }));
  }

  async listUsers(): Promise<StaffUser[]> {
    return this.all.all().flatMap((row) => {
      const user = this.parse(row);
      return user ? [user] : [];
    });
  }

  private parse(row: Row | undefined): StaffUser | undefined {
    return row && parseStoredRecord(storedStaffUserSchema, row.data, { store: "sqlite", key: `staff_users:${row.id}` }, this.reportCorrupt);
  }
}
