// Who a single sign-on is: the learner linked to the issuer's subject, or a new or linked account.
import type { Db } from '../../db/tables.ts';
import { AppError } from '../../errors.ts';
import * as accounts from '../accounts/service.ts';
import type { Learner } from '../accounts/sessions.ts';
import { type IssuerClaims, SignOnRefused } from './relying-party.ts';
import * as store from './store.ts';

/**
 * The learner to sign in. A known subject is its learner. Otherwise an account with the same email
 * is linked only when the issuer vouches for the address (email_verified): else anyone who can
 * register that address at the issuer would take the account over. No account: one is made.
 */
export async function learnerOfSignOn(db: Db, claims: IssuerClaims): Promise<Learner> {
  const linked = await store.findIdentity(db, claims.issuer, claims.subject);
  if (linked) {
    const learner = await accounts.findLearnerById(db, linked);
    if (learner) return learner;
  }
  if (!claims.email) {
    throw new SignOnRefused(
      400,
      'The identity provider did not share your email address, which Trailmap needs for your account: you are not signed in. Ask its administrator to release the email claim.',
    );
  }
  return db.transaction().execute(async (trx) => {
    const email = claims.email as string;
    const existing = await accounts.findLearnerByEmail(trx, email);
    if (existing && !claims.emailVerified) {
      throw new SignOnRefused(
        403,
        `An account with ${email} already exists here, and the identity provider has not confirmed that this address is yours, so nothing was linked and you are not signed in. Sign in with your password, or ask the provider’s administrator to verify your email.`,
      );
    }
    const learner = existing ?? (await createAccount(trx, email));
    await store.insertIdentity(trx, claims.issuer, claims.subject, learner.id);
    return learner;
  });
}

async function createAccount(db: Db, email: string): Promise<Learner> {
  try {
    const created = await accounts.createPasswordlessLearner(db, email);
    // Taken between the look-up and the insert: the next sign-in finds and links it.
    if (!created) throw new SignOnRefused(409, 'Your account was being created at the same time: try again.');
    return created;
  } catch (error) {
    if (error instanceof AppError)
      throw new SignOnRefused(
        400,
        `The identity provider gave an email Trailmap cannot use (${error.message}).`,
      );
    throw error;
  }
}
