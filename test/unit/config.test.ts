import { ConfigError, parseConfig } from "../../server/config";

describe("parseConfig", () => {
  it("when nothing is set, then every default applies", () => {
    const config = parseConfig({});
    expect(config).toMatchObject({ PORT: 3000, HOST: "0.0.0.0", DATA_DIR: "./data", SESSION_IDLE_DAYS: 7, KAKAO_DEADLINE_MS: 3000 });
    expect(config.REDIS_URL).toBeUndefined();
  });

  it("when a value is bad, then the error names each bad variable", () => {
    const bad = () => parseConfig({ PORT: "eighty", REDIS_URL: "http://x" });
    expect(bad).toThrow(ConfigError);
    expect(bad).toThrow(/PORT/);
    expect(bad).toThrow(/REDIS_URL/);
  });

  it("when a variable is set but empty, then it counts as unset", () => {
    expect(parseConfig({ REDIS_URL: "" }).REDIS_URL).toBeUndefined();
  });

  it("when only half of the Kakao secret pair is set, then it is refused", () => {
    expect(() => parseConfig({ KAKAO_SECRET_HEADER: "X-Hanbeon-Secret" })).toThrow(/KAKAO_SECRET/);
  });
});
