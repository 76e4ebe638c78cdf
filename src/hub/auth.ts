/**
 * Passwords, sessions and invitation codes.
 * Passwords: argon2id (memory-hard) from hash-wasm, already the app's hashing library (WASM, so
 * no native build on the hub's machine); OWASP's parameters (19 MiB, 2 passes, 1 lane).
 * Sessions and invitations: random tokens; the database keeps only their SHA-256, so a copy of
 * the database opens no account.
 */
import { createHash, randomBytes } from 'node:crypto';
import { argon2id, argon2Verify } from 'hash-wasm';

export const SESSION_DAYS = 14;
export const INVITE_DAYS = 7;
export const MIN_PASSWORD = 10;

export function hashPassword(password: string): Promise<string> {
  return argon2id({
    password,
    salt: randomBytes(16),
    parallelism: 1,
    iterations: 2,
    memorySize: 19456,
    hashLength: 32,
    outputType: 'encoded',
  });
}

export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  try {
    return await argon2Verify({ password, hash: encoded });
  } catch {
    return false;
  }
}

/** A hash to compare against when the user does not exist, so both paths take as long. */
let dummy: Promise<string> | undefined;
export const dummyHash = () => (dummy ??= hashPassword('not-a-password-' + randomBytes(8).toString('hex')));

export const newToken = () => randomBytes(32).toString('base64url');
export const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'; // no 0/O, 1/I: read aloud over the phone
/** XXXX-XXXX-XXXX-XXXX: 80 bits, typed from a letter or a chat message. */
export function newInviteCode(): string {
  const bytes = randomBytes(16);
  const chars = [...bytes].map((b) => ALPHABET[b % 32]);
  return [0, 4, 8, 12].map((i) => chars.slice(i, i + 4).join('')).join('-');
}
/** Codes are compared without case, spaces or dashes. */
export const normaliseCode = (code: string) => code.toUpperCase().replace(/[^A-Z0-9]/g, '');

export function passwordProblem(password: unknown): string | null {
  if (typeof password !== 'string' || password.length < MIN_PASSWORD) return `password-too-short:${MIN_PASSWORD}`;
  if (password.length > 256) return 'password-too-long';
  return null;
}
