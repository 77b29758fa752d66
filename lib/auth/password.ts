/**
 * Password hashing with scrypt (memory-hard; Node's crypto, no native add-on). The stored form
 * is `scrypt$N$r$p$salt$hash` (base64), so the cost can be raised later without breaking old
 * hashes. Hashing runs on libuv's thread pool (async), never on the event loop.
 */
import { randomBytes, scrypt, timingSafeEqual } from "node:crypto";

/** 2^15 × 8 × 128 bytes = 32 MiB of memory per hash, about 50–100 ms on this machine's cores. */
export const SCRYPT = { N: 2 ** 15, r: 8, p: 1, keyLength: 32 } as const;
const MAX_MEM = 64 * 1024 ** 2;

export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 1024;

function derive(password: string, salt: Buffer, N: number, r: number, p: number, keyLength: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize("NFC"), salt, keyLength, { N, r, p, maxmem: MAX_MEM }, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, SCRYPT.N, SCRYPT.r, SCRYPT.p, SCRYPT.keyLength);
  return ["scrypt", SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString("base64"), key.toString("base64")].join("$");
}

/** True when `password` hashes to `stored`; false for any malformed stored value. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split("$");
  if (scheme !== "scrypt" || !salt || !hash) return false;
  const [N, R, P] = [Number(n), Number(r), Number(p)];
  if (![N, R, P].every((x) => Number.isInteger(x) && x > 0) || 128 * N * R * P > MAX_MEM) return false;
  const expected = Buffer.from(hash, "base64");
  if (expected.length < 16) return false;
  const key = await derive(password, Buffer.from(salt, "base64"), N, R, P, expected.length);
  return timingSafeEqual(key, expected);
}

/** A real hash of nothing anybody knows: verifying against it costs what a real check costs, so an unknown account takes as long as a wrong password. */
let decoy: Promise<string> | null = null;
export function decoyHash(): Promise<string> {
  return (decoy ??= hashPassword(randomBytes(24).toString("base64")));
}

/** A message for a password that may not be used, or null when it is acceptable. */
export function passwordProblem(password: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `A password needs at least ${MIN_PASSWORD_LENGTH} characters.`;
  if (password.length > MAX_PASSWORD_LENGTH) return `A password may have at most ${MAX_PASSWORD_LENGTH} characters.`;
  return null;
}
