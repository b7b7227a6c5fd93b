// Single-use links mailed to a learner: a random 256-bit token in the link, only its SHA-256 in
// the database, an expiry, and a mark once used. Checking a token says why it does not work.
import { randomBytes } from 'node:crypto';
import type { Db } from '../../db/tables.ts';
import { AppError } from '../../errors.ts';
import type { MailContext } from '../email/context.ts';
import type { Mail } from '../email/mailer.ts';
import { normalizeEmail } from './service.ts';
import { hashToken } from './sessions.ts';
import * as store from './store.ts';
import type { EmailTokenPurpose } from './tables.ts';

export const TOKEN_LIFETIME_MS: Record<EmailTokenPurpose, number> = {
  'password-reset': 3_600_000,
  'verify-email': 86_400_000,
};

const LIFETIME_WORDS: Record<EmailTokenPurpose, string> = {
  'password-reset': 'reset links last an hour',
  'verify-email': 'confirmation links last a day',
};

export type TokenProblem = 'unknown' | 'used' | 'expired';

/** Thrown for a link that does not work; `problem` lets a page offer the right next step. */
export class EmailTokenError extends AppError {
  constructor(
    readonly problem: TokenProblem,
    purpose: EmailTokenPurpose,
  ) {
    const message =
      problem === 'used'
        ? 'This link was already used: each link works once'
        : problem === 'expired'
          ? `This link has expired: ${LIFETIME_WORDS[purpose]}`
          : 'This link is not one we sent, or a newer link replaced it';
    super('invalid', message);
  }
}

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export async function issueEmailToken(
  db: Db,
  learnerId: string,
  email: string,
  purpose: EmailTokenPurpose,
): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + TOKEN_LIFETIME_MS[purpose]);
  await store.insertEmailToken(db, { tokenHash: hashToken(token), learnerId, purpose, email, expiresAt });
  return token;
}

/** The learner and address a token was sent for; throws EmailTokenError when it does not work. */
export async function checkEmailToken(db: Db, token: string, purpose: EmailTokenPurpose) {
  const record = TOKEN.test(token) ? await store.findEmailToken(db, hashToken(token), purpose) : undefined;
  if (!record) throw new EmailTokenError('unknown', purpose);
  if (record.used_at) throw new EmailTokenError('used', purpose);
  if (new Date(record.expires_at).getTime() <= Date.now()) throw new EmailTokenError('expired', purpose);
  return { learnerId: record.learner_id, email: record.email };
}

/** Checks a token and marks it used, in the caller's transaction: two requests cannot both use it. */
export async function useEmailToken(db: Db, token: string, purpose: EmailTokenPurpose) {
  const found = await checkEmailToken(db, token, purpose);
  if (!(await store.useEmailToken(db, hashToken(token), new Date()))) {
    // Another request used it, or a newer link replaced it, since the check: say which.
    await checkEmailToken(db, token, purpose);
    throw new EmailTokenError('used', purpose);
  }
  return found;
}

const LINK_PATH: Record<EmailTokenPurpose, string> = {
  'password-reset': '/reset/',
  'verify-email': '/verify/',
};

/**
 * Queues a link for whoever holds this address, if anyone does and `wanted` agrees. The lookup,
 * the token and the mail all happen after the answer, so an address with an account and one
 * without answer alike, in the same time.
 */
export function mailLinkToAddress(
  db: Db,
  mail: MailContext,
  email: string,
  purpose: EmailTokenPurpose,
  compose: (address: string, link: string) => Mail,
  {
    wanted = () => true,
    after,
  }: { wanted?: (record: { email_verified_at: unknown }) => boolean; after?: Promise<unknown> } = {},
): void {
  const address = normalizeEmail(email);
  mail.mailer.later(
    purpose,
    async () => {
      const record = await store.findLearnerByEmail(db, address);
      if (!record || !wanted(record)) return [];
      const token = await issueEmailToken(db, record.id, record.email, purpose);
      return [compose(record.email, `${mail.siteUrl}${LINK_PATH[purpose]}${token}`)];
    },
    after,
  );
}
