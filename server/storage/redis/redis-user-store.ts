import type { Redis } from "ioredis";
import { DomainError } from "../../../bot/errors";
import type { StaffUser, UserStore } from "../../../bot/staff/staff-ports";
import { storageKeys } from "../storage-keys";
import { execTransaction } from "./exec-transaction";
import type { CorruptRecordReporter } from "../parse-stored-record";
import { storedStaffUserSchema } from "../stored-staff-schema";
import { parseStoredRecord } from "../parse-stored-record";

/** Console accounts in Redis: one JSON string per account and a username → id hash. */
export class RedisUserStore implements UserStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly reportCorrupt: CorruptRecordReporter,
  ) {}

  async findUserByName(username: string): Promise<StaffUser | undefined> {
    const id = await this.redis.hget(storageKeys.staffUsersByName(this.prefix), username.toLowerCase());
    return id === null ? undefined : this.findUserById(id);
  }

  async findUserById(id: string): Promise<StaffUser | undefined> {
    const key = storageKeys.staffUser(this.prefix, id);
    const text = await this.redis.get(key);
    return text === null ? undefined : parseStoredRecord(storedStaffUserSchema, text, { store: "redis", key }, this.reportCorrupt);
  }

  async saveUser(user: StaffUser): Promise<void> {
    const byName = storageKeys.staffUsersByName(this.prefix);
    const name = user.username.toLowerCase();
    await this.redis.hsetnx(byName, name, user.id);
    const owner = await this.redis.hget(byName, name);
    if (owner !== user.id) throw new DomainError("CONFLICT", "username taken");
    const previous = await this.findUserById(user.id);
    const multi = this.redis.multi().set(storageKeys.staffUser(this.prefix, user.id), JSON.stringify({ ...user, username: name }));
    if (previous && previous.username !== name) multi.hdel(byName, previous.username);
    await execTransaction(multi, "save staff user");
  }

  async listUsers(): Promise<StaffUser[]> {
    const byName = await this.redis.hgetall(storageKeys.staffUsersByName(this.prefix));
    const names = Object.keys(byName).sort();
    const users = await Promise.all(names.map((name) => this.findUserById(byName[name] ?? "")));
    return users.filter((user) => user !== undefined);
  }
}
