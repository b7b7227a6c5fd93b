// SQL for single sign-on: identities (issuer + subject → learner) and the sign-ins under way.
import type { Db } from '../../db/tables.ts';

export async function findIdentity(db: Db, issuer: string, subject: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('identities')
    .select('learner_id')
    .where('issuer', '=', issuer)
    .where('subject', '=', subject)
    .executeTakeFirst();
  return row?.learner_id;
}

export async function insertIdentity(db: Db, issuer: string, subject: string, learnerId: string) {
  await db
    .insertInto('identities')
    .values({ issuer, subject, learner_id: learnerId })
    .onConflict((oc) => oc.columns(['issuer', 'subject']).doNothing())
    .execute();
}

export async function insertLogin(
  db: Db,
  login: { state_hash: string; nonce: string; code_verifier: string; return_to: string; expires_at: Date },
) {
  await db.insertInto('oidc_logins').values(login).execute();
}

/** Takes a sign-in under way out of the table: a second callback with the same state finds nothing. */
export async function takeLogin(db: Db, stateHash: string, now: Date) {
  const row = await db
    .deleteFrom('oidc_logins')
    .where('state_hash', '=', stateHash)
    .returning(['nonce', 'code_verifier', 'return_to', 'expires_at'])
    .executeTakeFirst();
  return row && new Date(row.expires_at) > now ? row : undefined;
}

/** Sign-ins abandoned at the issuer are forgotten, so the table does not grow. */
export async function deleteExpiredLogins(db: Db, now: Date) {
  await db.deleteFrom('oidc_logins').where('expires_at', '<=', now).execute();
}
