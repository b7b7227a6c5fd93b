// The backup file: JSON Lines, a header line and then one line per learner with everything of theirs
// except sessions. The schema checks each line on import.
import { FormatRegistry, type Static, Type } from '@sinclair/typebox';
import { Status } from '../progress/schema.ts';

if (!FormatRegistry.Has('date-time'))
  FormatRegistry.Set('date-time', (v) => !Number.isNaN(Date.parse(v)) && /^\d{4}-\d{2}-\d{2}T/.test(v));
if (!FormatRegistry.Has('uuid'))
  FormatRegistry.Set('uuid', (v) =>
    /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v),
  );

export const BACKUP_FORMAT = 'trailmap-backup';
export const BACKUP_VERSION = 1;

const Time = Type.String({ format: 'date-time' });
const Id = Type.String({ minLength: 1, maxLength: 100 });

export const BackupHeader = Type.Object({
  format: Type.Literal(BACKUP_FORMAT),
  version: Type.Literal(BACKUP_VERSION),
  exportedAt: Time,
});

export const BackupLearner = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    email: Type.String({ minLength: 3, maxLength: 254 }),
    passwordHash: Type.String({ pattern: '^\\$argon2id\\$' }),
    createdAt: Time,
    passwordChangedAt: Time,
    progress: Type.Array(Type.Object({ roadmap: Id, topicId: Id, status: Status, updatedAt: Time })),
    choices: Type.Array(
      Type.Object({ roadmap: Id, group: Id, option: Type.Union([Id, Type.Null()]), updatedAt: Time }),
    ),
    notes: Type.Array(
      Type.Object({
        roadmap: Id,
        topicId: Id,
        markdown: Type.String({ maxLength: 20_000 }),
        updatedAt: Time,
      }),
    ),
  },
  { additionalProperties: false },
);

export type BackupLearner = Static<typeof BackupLearner>;
