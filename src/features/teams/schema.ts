// Request and reply schemas of the teams API.
import { type Static, Type } from '@sinclair/typebox';
import { ID_PATTERN, Slug } from '../../schemas.ts';

export const TeamSlug = Type.String({
  pattern: ID_PATTERN,
  minLength: 2,
  maxLength: 60,
  description: 'The team’s address: lower-case letters, digits and single hyphens, e.g. java-bootcamp',
});
export const Role = Type.Union([Type.Literal('owner'), Type.Literal('coach'), Type.Literal('member')], {
  description: 'owner | coach | member',
});
const InviteRole = Type.Union([Type.Literal('coach'), Type.Literal('member')], {
  description: 'The role the link gives: coach | member',
});
const InviteToken = Type.String({
  pattern: '^[A-Za-z0-9_-]{20,64}$',
  description: 'The token of an invitation link',
});
const MemberId = Type.String({
  format: 'uuid',
  description: 'A member’s id, as the progress answer lists them',
});
const IsoDate = Type.String({
  pattern: '^\\d{4}-\\d{2}-\\d{2}$',
  description: 'An ISO date, e.g. 2026-12-31',
});

export const TeamParams = Type.Object({ slug: TeamSlug });
export const InviteParams = Type.Object({ slug: TeamSlug, token: InviteToken });
export const TokenParams = Type.Object({ token: InviteToken });
export const MemberParams = Type.Object({ slug: TeamSlug, id: MemberId });
export const AssignmentParams = Type.Object({ slug: TeamSlug, roadmap: Slug });

export const TeamIn = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 80, description: 'The team’s name as members see it' }),
    slug: TeamSlug,
  },
  { additionalProperties: false },
);
export const TeamOut = Type.Object({ slug: Type.String(), name: Type.String(), role: Role });
export const TeamsOut = Type.Array(TeamOut);

export const InviteIn = Type.Object(
  {
    role: InviteRole,
    expiresInDays: Type.Integer({ minimum: 1, maximum: 90, description: 'Days the link works, 1 to 90' }),
    maxUses: Type.Union([Type.Integer({ minimum: 1, maximum: 10_000 }), Type.Null()], {
      description: 'How many people may join with it; null for no limit',
    }),
  },
  { additionalProperties: false },
);
export const InviteOut = Type.Object({
  token: Type.String(),
  url: Type.String({ description: 'The join page to send: <PUBLIC_URL>/join/<token>' }),
  expiresAt: Type.String({ format: 'date-time' }),
});
export const EmailInviteIn = Type.Object(
  {
    email: Type.String({ minLength: 3, maxLength: 254, description: 'The confirmed address of an account' }),
    role: InviteRole,
  },
  { additionalProperties: false },
);
export const AcceptOut = Type.Object({
  team: Type.Object({ slug: Type.String(), name: Type.String() }),
  role: Role,
});
export const OwnerIn = Type.Object({ memberId: MemberId }, { additionalProperties: false });

export const AssignmentIn = Type.Object(
  {
    dueDate: Type.Union([IsoDate, Type.Null()], { description: 'An ISO date, or null for none' }),
    choices: Type.Record(
      Type.String({ pattern: ID_PATTERN }),
      Type.String({ pattern: ID_PATTERN, maxLength: 100 }),
      {
        maxProperties: 50,
        description: 'Choice group → the option fixed for the team, e.g. { "language": "java" }',
      },
    ),
  },
  { additionalProperties: false },
);
export const AssignmentOut = Type.Object({
  roadmap: Type.String(),
  dueDate: Type.Union([Type.String(), Type.Null()]),
  choices: Type.Record(Type.String(), Type.String()),
});

const Figures = Type.Object({
  percent: Type.Integer(),
  done: Type.Integer(),
  onPath: Type.Integer(),
  overdue: Type.Boolean({ description: 'Past the due date and not at 100%' }),
});
export const TeamProgressOut = Type.Object({
  team: Type.Object({ slug: Type.String(), name: Type.String() }),
  assignments: Type.Array(
    Type.Object({ roadmap: Type.String(), dueDate: Type.Union([Type.String(), Type.Null()]) }),
  ),
  members: Type.Array(
    Type.Object({
      id: Type.String(),
      name: Type.String({ description: 'The member’s email address (accounts have no other name)' }),
      role: Role,
      lastActivityAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
      roadmaps: Type.Record(Type.String(), Figures),
    }),
  ),
});

export type TeamIn = Static<typeof TeamIn>;
export type InviteIn = Static<typeof InviteIn>;
export type AssignmentIn = Static<typeof AssignmentIn>;
