// Who may do what in a team, in one place. A team you are not in does not exist for you (404);
// a member who tries to manage gets 403; owners and coaches manage; only owners hand out the
// coach role, remove coaches and transfer ownership.
import { AppError } from '../../errors.ts';
import type { TeamRole } from './tables.ts';

export type TeamAction =
  | 'view'
  | 'see-progress'
  | 'invite-member'
  | 'invite-coach'
  | 'revoke-invite'
  | 'remove-member'
  | 'remove-coach'
  | 'assign'
  | 'transfer-ownership'
  | 'see-audit';

const ALLOWED: Record<TeamRole, readonly TeamAction[]> = {
  owner: [
    'view',
    'see-progress',
    'invite-member',
    'invite-coach',
    'revoke-invite',
    'remove-member',
    'remove-coach',
    'assign',
    'transfer-ownership',
    'see-audit',
  ],
  coach: ['view', 'see-progress', 'invite-member', 'revoke-invite', 'remove-member', 'assign'],
  member: ['view'],
};

export const may = (role: TeamRole, action: TeamAction) => ALLOWED[role].includes(action);

const SENTENCES: Partial<Record<TeamAction, string>> = {
  'invite-coach': 'Only an owner of the team can invite coaches',
  'remove-coach': 'Only an owner of the team can remove a coach or an owner',
  'transfer-ownership': 'Only an owner of the team can hand ownership to someone else',
  'see-audit': 'Only an owner of the team can read its audit log',
};

export function requireMay(role: TeamRole, action: TeamAction): void {
  if (!may(role, action))
    throw new AppError(
      'forbidden',
      SENTENCES[action] ?? 'Only the owners and coaches of this team can do that',
    );
}

export const noSuchTeam = (slug: string) =>
  new AppError('not_found', `There is no team "${slug}" that you belong to`);
