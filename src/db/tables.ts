// The whole database as Kysely sees it: each feature declares its own tables.
import type { Kysely } from 'kysely';
import type { AccountTables } from '../features/accounts/tables.ts';
import type { AuditTables } from '../features/audit/tables.ts';
import type { AuthoringTables } from '../features/authoring/tables.ts';
import type { OidcTables } from '../features/oidc/tables.ts';
import type { ProgressTables } from '../features/progress/tables.ts';
import type { TeamTables } from '../features/teams/tables.ts';

export interface Database
  extends AccountTables,
    AuditTables,
    AuthoringTables,
    OidcTables,
    ProgressTables,
    TeamTables {
  server_secrets: { name: string; value: string };
  rate_limits: { key: string; count: number; reset_at: Date };
}

export type Db = Kysely<Database>;
