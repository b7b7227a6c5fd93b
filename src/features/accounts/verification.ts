// Confirming a learner's email address: a link mailed at sign-up (and again on request), and the
// change of address, which mails the old address a notice and the new one a link.
import type { Db } from '../../db/tables.ts';
import { AppError } from '../../errors.ts';
import type { MailContext } from '../email/context.ts';
import { emailChangedMail, verifyEmailMail } from '../email/messages.tsx';
import { emailKey } from './email-key.ts';
import { EmailTokenError, issueEmailToken, mailLinkToAddress, useEmailToken } from './email-tokens.ts';
import { normalizeEmail, requirePassword, toLearner } from './service.ts';
import type { Learner } from './sessions.ts';
import * as store from './store.ts';

type Reason = Parameters<typeof verifyEmailMail>[2];

/** Queues a confirmation link for the learner's current address. */
export function sendVerification(
  db: Db,
  mail: MailContext,
  learner: Pick<Learner, 'id' | 'email'>,
  reason: Reason,
) {
  mail.mailer.later('verify-email', async () => {
    const token = await issueEmailToken(db, learner.id, learner.email, 'verify-email');
    return [verifyEmailMail(learner.email, `${mail.siteUrl}/verify/${token}`, reason)];
  });
}

export const UNVERIFIED =
  'Confirm your email address first: open the link we mailed you, or ask for a new one below';

/** With REQUIRE_EMAIL_VERIFICATION, sign-in stops here for an address not confirmed yet. */
export function requireVerified(mail: MailContext, learner: Learner): void {
  if (mail.requireVerification && !learner.emailVerifiedAt) throw new AppError('forbidden', UNVERIFIED);
}

/** After sign-up: the first confirmation link, when this server sends mail. */
export function welcome(db: Db, mail: MailContext, learner: Learner): void {
  if (mail.mailer.enabled) sendVerification(db, mail, learner, 'signup');
}

/** For a signed-out learner who cannot sign in yet: answered alike whether or not the address has an account. */
export function resendVerificationByEmail(
  db: Db,
  mail: MailContext,
  email: string,
  after?: Promise<unknown>,
): void {
  mailLinkToAddress(
    db,
    mail,
    email,
    'verify-email',
    (address, link) => verifyEmailMail(address, link, 'resend'),
    {
      wanted: (record) => !record.email_verified_at,
      after,
    },
  );
}

/** Uses a confirmation link: the address it was sent to is confirmed, if the account still has it. */
export async function confirmEmail(db: Db, token: string): Promise<Learner> {
  const record = await db.transaction().execute(async (trx) => {
    const { learnerId, email } = await useEmailToken(trx, token, 'verify-email');
    if (!(await store.markEmailVerified(trx, learnerId, email))) {
      throw new AppError('invalid', 'This link was for an address the account no longer uses');
    }
    return store.findLearnerById(trx, learnerId);
  });
  if (!record) throw new EmailTokenError('unknown', 'verify-email');
  return toLearner(record);
}

/** Moves the account to a new address (the current password confirms it); both addresses get a mail. */
export async function changeEmail(
  db: Db,
  mail: MailContext,
  learnerId: string,
  input: { email: string; password: string },
): Promise<Learner> {
  await requirePassword(db, learnerId, input.password, 'password');
  const next = normalizeEmail(input.email);
  const before = await store.findLearnerById(db, learnerId);
  if (!before) throw new AppError('not_found', 'This account no longer exists');
  if (emailKey(before.email) === emailKey(next))
    throw new AppError('invalid', 'email is already your address');
  if (!(await store.updateEmail(db, learnerId, next))) {
    throw new AppError('conflict', 'Another account already uses this email');
  }
  const after = toLearner({ ...before, email: next, email_verified_at: null });
  if (mail.mailer.enabled) {
    mail.mailer.later('email-changed', async () => [emailChangedMail(before.email, next, mail.siteUrl)]);
    sendVerification(db, mail, after, 'changed');
  }
  return after;
}
