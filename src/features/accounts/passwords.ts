// Password rules and hashing: argon2id with OWASP's parameters, common passwords refused.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { hash, verify } from '@node-rs/argon2';
import { AppError } from '../../errors.ts';

export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 256;

// OWASP Password Storage Cheat Sheet: argon2id, 19 MiB, 2 iterations, 1 lane.
// 2 is Algorithm.Argon2id (a const enum, which this build cannot import).
const ARGON2 = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

function loadCommonPasswords(): Set<string> {
  // Next to this file in src/, and next to the bundle in dist/ (the build copies it there).
  const text = readFileSync(fileURLToPath(new URL('./common-passwords.txt', import.meta.url)), 'utf8');
  return new Set(text.split('\n').filter((line) => line && !line.startsWith('#')));
}

let commonPasswords: Set<string> | undefined;

export function isCommonPassword(password: string): boolean {
  commonPasswords ??= loadCommonPasswords();
  return commonPasswords.has(password.toLowerCase());
}

// Half of a UTF-16 pair on its own: not text, and hashed differently by every encoder.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Throws an `invalid` error naming what is wrong with a new password. */
export function checkNewPassword(password: string, field = 'password'): void {
  if (LONE_SURROGATE.test(password)) {
    throw new AppError('invalid', `${field} must not contain a lone surrogate (broken text)`);
  }
  // In characters (code points), as people count them: an emoji is one, not two.
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) {
    throw new AppError('invalid', `${field} must be at least ${MIN_PASSWORD_LENGTH} characters`);
  }
  if (length > MAX_PASSWORD_LENGTH) {
    throw new AppError('invalid', `${field} must be at most ${MAX_PASSWORD_LENGTH} characters`);
  }
  if (isCommonPassword(password)) {
    throw new AppError('invalid', `${field} is one of the most common passwords: choose another`);
  }
}

export const hashPassword = (password: string) => hash(password, ARGON2);

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// Verifying against this when the email is unknown makes both failures take the same time.
const DUMMY_HASH =
  '$argon2id$v=19$m=19456,t=2,p=1$UXlUuEAQyjXUr/3AbAab7w$beRhg9iG8B26w7NTT0cKyf4iHkIwy63bVQ4jTrBBNd8';
export const burnVerifyTime = (password: string) => verifyPassword(DUMMY_HASH, password);
