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
}
