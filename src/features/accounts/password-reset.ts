// Password reset by mail: ask for a link (answered the same whether or not the address has an
// account), then set a new password with it, which ends every session and mails a notice.
import type { Db } from '../../db/tables.ts';
import type { MailContext } from '../email/context.ts';
import { passwordResetDoneMail, passwordResetMail } from '../email/messages.tsx';
import { checkEmailToken, mailLinkToAddress, useEmailToken } from './email-tokens.ts';
import { checkNewPassword, hashPassword } from './passwords.ts';
import { toLearner } from './service.ts';
import type { Learner } from './sessions.ts';
import * as store from './store.ts';

/** Queues the reset mail for whoever holds the address: answered alike whether or not anyone does. */
export function requestPasswordReset(
  db: Db,
  mail: MailContext,
  email: string,
  after?: Promise<unknown>,
): void {
  mailLinkToAddress(db, mail, email, 'password-reset', passwordResetMail, { after });
}

/** Whether a reset link works, without using it (the page shows the form only for one that does). */
export const checkResetToken = (db: Db, token: string) => checkEmailToken(db, token, 'password-reset');

/** Sets the new password, uses the link up, ends every session and mails the owner a notice. */
export async function resetPassword(
  db: Db,
  mail: MailContext,
  token: string,
  password: string,
): Promise<Learner> {
  // What is wrong with the link is said before what is wrong with the password.
  await checkResetToken(db, token);
  checkNewPassword(password);
  const passwordHash = await hashPassword(password);
  const record = await db.transaction().execute(async (trx) => {
    const { learnerId, email } = await useEmailToken(trx, token, 'password-reset');
    await store.updatePasswordHash(trx, learnerId, passwordHash);
    await store.deleteOtherSessions(trx, learnerId, null);
    // The link reached this address: that confirms it as well as a confirmation link would.
    await store.markEmailVerified(trx, learnerId, email);
    return store.findLearnerById(trx, learnerId);
  });
  if (!record) throw new Error('the learner of a reset link vanished during the reset');
  mail.mailer.later('password-reset-done', async () => [passwordResetDoneMail(record.email, mail.siteUrl)]);
  return toLearner(record);
}
