// The audit log: who did which team or admin action, to what, when and from which address.
import type { ColumnType, Generated } from 'kysely';

export interface AuditLogTable {
  id: Generated<string>;
  at: ColumnType<Date, Date | undefined, never>;
  actor_id: string | null;
  actor_email: string | null;
  action: string;
  team_id: string | null;
  target: string;
  ip: string | null;
}

export interface AuditTables {
  audit_log: AuditLogTable;
}
