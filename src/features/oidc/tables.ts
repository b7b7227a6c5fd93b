// Tables owned by single sign-on: identities (issuer + subject → learner) and sign-ins under way.
import type { ColumnType } from 'kysely';

export interface IdentitiesTable {
  issuer: string;
  /** The issuer's `sub`: stable for a person at that issuer, unlike the email. */
  subject: string;
  learner_id: string;
  created_at: ColumnType<Date, Date | undefined, never>;
}

/** A sign-in sent to the issuer and not back yet; taken (deleted) by its callback, so used once. */
export interface OidcLoginsTable {
  /** sha256 of the state: the database alone cannot finish someone's sign-in. */
  state_hash: string;
  nonce: string;
  code_verifier: string;
  /** Where the learner goes once signed in (a path on this site, see safeNext). */
  return_to: string;
  expires_at: Date;
}

export interface OidcTables {
  identities: IdentitiesTable;
  oidc_logins: OidcLoginsTable;
}
