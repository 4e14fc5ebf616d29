import { hashPassword, SCRYPT_PARAMS, verifyPassword } from "../../../server/staff/auth/hash-password";

const FAST = { N: 2 ** 10, r: 8, p: 1 };

describe("hashPassword", () => {
  it("when hashing with the defaults, then the encoding is scrypt$32768$8$1$salt$hash", async () => {
    const encoded = await hashPassword("correct horse battery");
    const [scheme, n, r, p, salt, hash] = encoded.split("$");
    expect([scheme, Number(n), Number(r), Number(p)]).toEqual(["scrypt", SCRYPT_PARAMS.N, 8, 1]);
    expect(Buffer.from(salt ?? "", "base64")).toHaveLength(16);
    expect(Buffer.from(hash ?? "", "base64")).toHaveLength(32);
    expect(encoded).not.toContain("correct horse");
    expect(await verifyPassword("correct horse battery", encoded)).toBe(true);
  });

  it("when the same password is hashed twice, then the salts differ", async () => {
    const a = await hashPassword("same password!", FAST);
    const b = await hashPassword("same password!", FAST);
    expect(a).not.toBe(b);
  });

  it("when the password is wrong, then verify says false", async () => {
    const encoded = await hashPassword("the right password", FAST);
    expect(await verifyPassword("the wrong password", encoded)).toBe(false);
    expect(await verifyPassword("", encoded)).toBe(false);
  });

  it("when the password is the same text in another Unicode form, then it still matches", async () => {
    const encoded = await hashPassword("비밀번호는한번에".normalize("NFD"), FAST);
    expect(await verifyPassword("비밀번호는한번에".normalize("NFC"), encoded)).toBe(true);
  });

  it.each([
    ["another scheme", "bcrypt$10$abc"],
    ["too few parts", "scrypt$1024$8$1$c2FsdHNhbHQ="],
    ["N not a power of two", "scrypt$1000$8$1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA=="],
    ["N too large", `scrypt$${2 ** 24}$8$1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA==`],
    ["an empty hash", "scrypt$1024$8$1$c2FsdHNhbHRzYWx0$"],
  ])("when the stored hash is %s, then verify says false without throwing", async (_label, encoded) => {
    expect(await verifyPassword("anything at all", encoded)).toBe(false);
  });
});
