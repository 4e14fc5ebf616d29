import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from "node:crypto";

const VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;

/** Seals and opens personal data; the stores and services depend on this, not on the key. */
export type Sealer = { seal(plain: string): string; open(sealed: string): string };

/**
 * Personal data at rest: AES-256-GCM with a random 96-bit IV and the auth tag, written as
 * `v1:<base64url(iv | tag | ciphertext)>`, so a later key or algorithm can be told apart. Lookups
 * by a secret value (a phone) go through `blindIndex`, an HMAC-SHA256 under a separate subkey, so
 * the store can match without holding the value; a record named by a bearer token (a chat
 * session id) is stored under `recordId`, an HMAC under a third subkey. The subkeys are derived
 * once, here, from one 32-byte key (see data-encryption-key.ts for where it comes from).
 */
export class PersonalDataCipher implements Sealer {
  private readonly encryptionKey: Buffer;
  private readonly indexKey: Buffer;
  private readonly recordKey: Buffer;

  constructor(key: Buffer) {
    if (key.length !== KEY_BYTES) throw new RangeError(`the data encryption key must be ${KEY_BYTES} bytes`);
    const subkey = (info: string) => Buffer.from(hkdfSync("sha256", key, Buffer.alloc(0), info, KEY_BYTES));
    this.encryptionKey = subkey("hanbeon v1 encryption");
    this.indexKey = subkey("hanbeon v1 blind index");
    this.recordKey = subkey("hanbeon v1 record id");
  }

  seal(plain: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv("aes-256-gcm", this.encryptionKey, iv);
    const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
    return `${VERSION}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64url")}`;
  }

  /** The plain text; throws when the value is not ours, was changed, or was sealed under another key. */
  open(sealed: string): string {
    if (!isSealed(sealed)) throw new Error("not a sealed value");
    const raw = Buffer.from(sealed.slice(VERSION.length + 1), "base64url");
    if (raw.length < IV_BYTES + TAG_BYTES) throw new Error("sealed value too short");
    const decipher = createDecipheriv("aes-256-gcm", this.encryptionKey, raw.subarray(0, IV_BYTES));
    decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString("utf8");
  }

  /** The same value always gives the same 64 hex characters under one key; it cannot be reversed. */
  blindIndex(value: string): string {
    return createHmac("sha256", this.indexKey).update(value, "utf8").digest("hex");
  }

  /** The name a record keyed by a secret (a session id) is stored under: 43 base64url characters, stable under one key, not reversible. */
  recordId(secret: string): string {
    return createHmac("sha256", this.recordKey).update(secret, "utf8").digest("base64url");
  }
}

/** Whether a stored string is a sealed value (as opposed to a legacy plain one). */
export function isSealed(value: string): boolean {
  return value.startsWith(`${VERSION}:`);
}

/** Whether `text` is base64 of exactly 32 bytes: the shape DATA_ENCRYPTION_KEY must have. */
export function isDataEncryptionKey(text: string): boolean {
  return /^[A-Za-z0-9+/]{43}=$/.test(text) && Buffer.from(text, "base64").length === KEY_BYTES;
}
