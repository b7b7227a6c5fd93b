// The backup file: JSON Lines, a header line, one line per learner with everything of theirs except
// sessions, and a trailer with the record counts and the SHA-256 of every line before it, so a file
// cut short or changed is refused. The schemas check each line on import; `errorMessage` is what
// the import says when a value does not fit (TypeBox's own message would quote the pattern).
import { FormatRegistry, type Static, Type } from '@sinclair/typebox';
import { Status } from '../progress/schema.ts';

if (!FormatRegistry.Has('date-time'))
  FormatRegistry.Set('date-time', (v) => !Number.isNaN(Date.parse(v)) && /^\d{4}-\d{2}-\d{2}T/.test(v));
if (!FormatRegistry.Has('uuid'))
  FormatRegistry.Set('uuid', (v) =>
    /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v),
  );

export const BACKUP_FORMAT = 'trailmap-backup';
/** 2: with the trailer. 1 (no trailer) is read only when the operator asks for it (--unchecked). */
export const BACKUP_VERSION = 2;
export const UNCHECKED_VERSION = 1;

const Time = Type.String({ format: 'date-time' });
/** Roadmap slugs, topic, group and option ids: what the progress API accepts. */
const Id = Type.String({
  pattern: '^[a-z0-9-]+$',
  minLength: 1,
  maxLength: 100,
  errorMessage: 'must be 1 to 100 lower-case letters, digits and hyphens',
});
/** What hashPassword stores: argon2id in the PHC string format. */
const PASSWORD_HASH = '^\\$argon2id\\$v=19\\$m=\\d+,t=\\d+,p=\\d+\\$[A-Za-z0-9+/]+\\$[A-Za-z0-9+/]+$';

export const BackupHeader = Type.Object({
  format: Type.Literal(BACKUP_FORMAT),
  version: Type.Union([Type.Literal(BACKUP_VERSION), Type.Literal(UNCHECKED_VERSION)]),
  exportedAt: Time,
});

export const BackupLearner = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    email: Type.String({ minLength: 3, maxLength: 254 }),
    // null: an account made by single sign-on, which has no password.
    passwordHash: Type.Union(
      [
        Type.String({
          pattern: PASSWORD_HASH,
          errorMessage: 'must be an argon2id hash in PHC form ($argon2id$v=19$m=…,t=…,p=…$salt$hash)',
        }),
        Type.Null(),
      ],
      {
        errorMessage: 'must be an argon2id hash in PHC form ($argon2id$v=19$m=…,t=…,p=…$salt$hash)',
      },
    ),
    createdAt: Time,
    passwordChangedAt: Time,
    /** Present (true) for an instance admin. */
    isAdmin: Type.Optional(Type.Literal(true)),
    /** Present (true) while the password is an operator's one-time password. */
    passwordMustChange: Type.Optional(Type.Literal(true)),
    /** When the address was confirmed; absent in backups made before mail existed. */
    emailVerifiedAt: Type.Optional(Type.Union([Time, Type.Null()])),
    progress: Type.Array(
      Type.Object(
        { roadmap: Id, topicId: Id, status: Status, updatedAt: Time },
        { additionalProperties: false },
      ),
    ),
    choices: Type.Array(
      Type.Object(
        { roadmap: Id, group: Id, option: Type.Union([Id, Type.Null()]), updatedAt: Time },
        { additionalProperties: false },
      ),
    ),
    /** The single sign-on identities linked to the account (absent in backups made before them). */
    identities: Type.Optional(
      Type.Array(
        Type.Object(
          {
            issuer: Type.String({ minLength: 1, maxLength: 2000 }),
            subject: Type.String({ minLength: 1, maxLength: 255 }),
          },
          { additionalProperties: false },
        ),
      ),
    ),
    notes: Type.Array(
      Type.Object(
        { roadmap: Id, topicId: Id, markdown: Type.String({ maxLength: 20_000 }), updatedAt: Time },
        { additionalProperties: false },
      ),
    ),
    /** The custom roadmaps the learner owns, every revision with it; absent in backups made before them. */
    customRoadmaps: Type.Optional(
      Type.Array(
        Type.Object(
          {
            slug: Id,
            visibility: Type.Union([
              Type.Literal('private'),
              Type.Literal('unlisted'),
              Type.Literal('public'),
            ]),
            latestRevision: Type.Integer({ minimum: 1 }),
            publishedRevision: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()]),
            forkedFrom: Type.Union([Id, Type.Null()]),
            createdAt: Time,
            updatedAt: Time,
            revisions: Type.Array(
              Type.Object(
                {
                  number: Type.Integer({ minimum: 1 }),
                  kind: Type.Union([Type.Literal('draft'), Type.Literal('published')]),
                  /** The document as saved (features/authoring/schema.ts). */
                  document: Type.Record(Type.String(), Type.Unknown()),
                  authorId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
                  createdAt: Time,
                },
                { additionalProperties: false },
              ),
            ),
          },
          { additionalProperties: false },
        ),
      ),
    ),
    /** Resources ticked as read (or unticked); absent in backups made before ticks existed. */
    resourceTicks: Type.Optional(
      Type.Array(
        Type.Object(
          {
            roadmap: Id,
            topicId: Id,
            resourceId: Type.String({ pattern: '^[0-9a-f]{12}$', errorMessage: 'must be 12 hex digits' }),
            read: Type.Boolean(),
            updatedAt: Time,
          },
          { additionalProperties: false },
        ),
      ),
    ),
  },
  { additionalProperties: false },
);

const Role = Type.Union([Type.Literal('owner'), Type.Literal('coach'), Type.Literal('member')]);
const Uuid = Type.String({ format: 'uuid' });
const NullableUuid = Type.Union([Uuid, Type.Null()]);

/** A team with its members, invitation links (hashes only) and assignments; after every learner. */
export const BackupTeam = Type.Object(
  {
    kind: Type.Literal('team'),
    id: Uuid,
    slug: Id,
    name: Type.String({ minLength: 1, maxLength: 80 }),
    createdAt: Time,
    members: Type.Array(
      Type.Object({ learnerId: Uuid, role: Role, joinedAt: Time }, { additionalProperties: false }),
    ),
    invites: Type.Array(
      Type.Object(
        {
          tokenHash: Type.String({
            pattern: '^[A-Za-z0-9_-]{43}$',
            errorMessage: 'must be a base64url SHA-256',
          }),
          role: Type.Union([Type.Literal('coach'), Type.Literal('member')]),
          createdBy: NullableUuid,
          createdAt: Time,
          expiresAt: Time,
          maxUses: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()]),
          uses: Type.Integer({ minimum: 0 }),
          revokedAt: Type.Union([Time, Type.Null()]),
        },
        { additionalProperties: false },
      ),
    ),
    assignments: Type.Array(
      Type.Object(
        {
          roadmap: Id,
          dueDate: Type.Union([Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }), Type.Null()]),
          choices: Type.Record(Type.String(), Id),
          assignedBy: NullableUuid,
          updatedAt: Time,
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

/** One entry of the audit log; after every team. */
export const BackupAudit = Type.Object(
  {
    kind: Type.Literal('audit'),
    at: Time,
    actorId: NullableUuid,
    actorEmail: Type.Union([Type.String({ maxLength: 254 }), Type.Null()]),
    action: Type.String({ minLength: 1, maxLength: 100 }),
    teamId: NullableUuid,
    target: Type.String({ maxLength: 2000 }),
    ip: Type.Union([Type.String({ maxLength: 100 }), Type.Null()]),
  },
  { additionalProperties: false },
);

const Count = Type.Integer({ minimum: 0 });
export const BackupTrailer = Type.Object(
  {
    trailer: Type.Literal(true),
    learners: Count,
    progress: Count,
    choices: Count,
    notes: Count,
    /** Absent in backups made before ticks existed: then 0. */
    resourceTicks: Type.Optional(Count),
    /** Absent in backups made before teams existed: then 0. */
    teams: Type.Optional(Count),
    auditEntries: Type.Optional(Count),
    /** Hex SHA-256 of every line before the trailer, each with its newline. */
    sha256: Type.String({ pattern: '^[0-9a-f]{64}$', errorMessage: 'must be 64 lower-case hex digits' }),
  },
  { additionalProperties: false },
);

export type BackupHeader = Static<typeof BackupHeader>;
export type BackupLearner = Static<typeof BackupLearner>;
export type BackupTrailer = Static<typeof BackupTrailer>;
export type BackupTeam = Static<typeof BackupTeam>;
export type BackupAudit = Static<typeof BackupAudit>;
export type BackupCounts = Required<Omit<BackupTrailer, 'trailer' | 'sha256'>>;
