// Tables owned by accounts: learners and their sessions.
import type { ColumnType, Generated } from 'kysely';

export interface LearnersTable {
  id: Generated<string>;
  email: string;
  /** emailKey(email): what sign-up and sign-in match on (see email-key.ts). */
  email_key: string;
  /** null for an account made by single sign-on, which has no password. */
  password_hash: string | null;
  created_at: ColumnType<Date, Date | undefined, never>;
  password_changed_at: ColumnType<Date, Date | undefined, Date>;
  /** Set by an operator's password reset: the password is one-time and must be changed. */
  password_must_change: ColumnType<boolean, boolean | undefined, boolean>;
  /** When the learner opened the confirmation link sent to `email`; null until then. */
  email_verified_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  /** An instance admin: the first account, or promoted by `trailmap user promote`. */
  is_admin: ColumnType<boolean, boolean | undefined, boolean>;
}

export type EmailTokenPurpose = 'password-reset' | 'verify-email';

export interface EmailTokensTable {
  /** sha256 of the token in the mailed link. */
  token_hash: string;
  learner_id: string;
  purpose: EmailTokenPurpose;
  /** The address the mail went to (a confirmation confirms this address only). */
  email: string;
  created_at: ColumnType<Date, Date | undefined, never>;
  expires_at: Date;
  used_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export interface SessionsTable {
  /** sha256 of the cookie's token: a stolen database does not hand out sessions. */
  token_hash: string;
  learner_id: string;
  created_at: ColumnType<Date, Date | undefined, never>;
  expires_at: Date;
}

export interface AccountTables {
  learners: LearnersTable;
  sessions: SessionsTable;
  email_tokens: EmailTokensTable;
}
