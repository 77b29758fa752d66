import { describe, expect, it } from "vitest";
import { configuredPassword, issueToken, passwordMatches, tokenValid } from "./analyst";

describe("analyst sign-in", () => {
  it("reads the password from ANALYST_PASSWORD only when set", () => {
    expect(configuredPassword({ ANALYST_PASSWORD: "s3cret" })).toBe("s3cret");
    expect(configuredPassword({})).toBeNull();
    expect(configuredPassword({ ANALYST_PASSWORD: "" })).toBeNull();
  });
  it("compares passwords by hash", () => {
    expect(passwordMatches("s3cret", "s3cret")).toBe(true);
    expect(passwordMatches("s3cret ", "s3cret")).toBe(false);
    expect(passwordMatches("", "s3cret")).toBe(false);
  });
  it("issues session tokens that expire, and that a password change revokes", () => {
    const now = Date.parse("2025-03-01T00:00:00Z");
    const { token } = issueToken("s3cret", now);
    expect(tokenValid(token, "s3cret", now + 1000)).toBe(true);
    expect(tokenValid(token, "other", now + 1000)).toBe(false);
    expect(tokenValid(token, "s3cret", now + 13 * 3_600_000)).toBe(false);
    expect(tokenValid(token.replace(/.$/, (c) => (c === "0" ? "1" : "0")), "s3cret", now)).toBe(false);
    expect(tokenValid(`${now + 99_999_999}.abcd`, "s3cret", now)).toBe(false);
    expect(tokenValid(undefined, "s3cret", now)).toBe(false);
    expect(tokenValid(token, null, now)).toBe(false);
  });
});
