// Reads a backup file line by line and checks everything that can be checked without the database:
// each line against its schema, emails, duplicates (named with the line they repeat), and at the
// end the trailer's counts and checksum. Every problem is a BackupError naming file:line.
import { createHash } from 'node:crypto';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import type { TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { AppError } from '../../errors.ts';
import { normalizeEmail } from '../accounts/service.ts';
import {
  BACKUP_VERSION,
  BackupAudit,
  type BackupCounts,
  BackupHeader,
  BackupLearner,
  BackupTeam,
  BackupTrailer,
  UNCHECKED_VERSION,
} from './format.ts';

export type BackupItem = BackupLearner | BackupTeam | BackupAudit;
const ORDER = { learner: 0, team: 1, audit: 2 } as const;

export function emptyCounts(): BackupCounts {
  return { learners: 0, progress: 0, choices: 0, notes: 0, resourceTicks: 0, teams: 0, auditEntries: 0 };
}

/** Adds what one line of a backup holds to the counts. */
export function countItem(counts: BackupCounts, item: BackupItem): void {
  if ('kind' in item) {
    if (item.kind === 'team') counts.teams++;
    else counts.auditEntries++;
    return;
  }
  counts.learners++;
  counts.progress += item.progress.length;
  counts.choices += item.choices.length;
  counts.notes += item.notes.length;
  counts.resourceTicks += item.resourceTicks?.length ?? 0;
}

export class BackupError extends Error {}

export interface ReadOptions {
  /** Accept a version 1 file, which has no trailer to check it against. */
  unchecked?: boolean;
}

function parse(text: string, where: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new BackupError(`${where}: not valid JSON`);
  }
}

function check<T>(schema: TSchema, value: unknown, where: string): T {
  const error = Value.Errors(schema, value).First();
  if (!error) return value as T;
  const message =
    (error.schema as { errorMessage?: string }).errorMessage ??
    `${error.message.charAt(0).toLowerCase()}${error.message.slice(1)}`;
  throw new BackupError(`${where}: ${error.path || 'line'} ${message}`);
}

/** A learner's rows must each be there once, as the primary keys require. */
function checkRepeats(learner: BackupLearner, where: string) {
  const lists = [
    ['progress', learner.progress.map((p) => `roadmap ${p.roadmap}, topic ${p.topicId}`)],
    ['choices', learner.choices.map((c) => `roadmap ${c.roadmap}, group ${c.group}`)],
    ['notes', learner.notes.map((n) => `roadmap ${n.roadmap}, topic ${n.topicId}`)],
    [
      'resourceTicks',
      (learner.resourceTicks ?? []).map(
        (t) => `roadmap ${t.roadmap}, topic ${t.topicId}, resource ${t.resourceId}`,
      ),
    ],
  ] as const;
  for (const [list, keys] of lists) {
    const seen = new Map<string, number>();
    for (const [index, key] of keys.entries()) {
      const first = seen.get(key);
      if (first !== undefined)
        throw new BackupError(`${where}: /${list}/${index} repeats /${list}/${first} (${key})`);
      seen.set(key, index);
    }
  }
}

/**
 * Yields the learners of a backup with their line numbers; throws a BackupError at the first
 * problem, at the latest after the last line (a missing or wrong trailer), so a caller that writes
 * as it reads must do so in a transaction.
 */
export async function* readBackup(
  input: Readable,
  name: string,
  options: ReadOptions = {},
): AsyncGenerator<BackupItem> {
  const checksum = createHash('sha256');
  const counts = emptyCounts();
  const teamLines = new Map<string, number>();
  let stage: keyof typeof ORDER = 'learner';
  const lineOfId = new Map<string, number>();
  const lineOfEmail = new Map<string, number>();
  let version: number | undefined;
  let trailerLine: number | undefined;
  let lineNumber = 0;

  for await (const text of createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY })) {
    lineNumber++;
    const where = `${name}:${lineNumber}`;
    if (trailerLine !== undefined) {
      if (text.trim() === '') continue;
      throw new BackupError(
        `${where}: a line after the trailer (line ${trailerLine}), which ends the backup`,
      );
    }
    if (lineNumber === 1) {
      const header = check<BackupHeader>(BackupHeader, parse(text, where), where);
      version = header.version;
      if (version === UNCHECKED_VERSION && !options.unchecked)
        throw new BackupError(
          `${where}: a version ${UNCHECKED_VERSION} backup has no trailer, so a file cut short cannot be told from a whole one: ` +
            `export again with this version of trailmap, or import with --unchecked if you know the file is whole`,
        );
      checksum.update(`${text}\n`);
      continue;
    }
    if (text.trim() === '') {
      checksum.update(`${text}\n`);
      continue;
    }
    const value = parse(text, where);
    if (version === BACKUP_VERSION && typeof value === 'object' && value !== null && 'trailer' in value) {
      const trailer = check<BackupTrailer>(BackupTrailer, value, where);
      const counted = (k: keyof BackupCounts) => trailer[k] ?? 0;
      const wrong = (Object.keys(counts) as (keyof BackupCounts)[]).filter((k) => counted(k) !== counts[k]);
      if (wrong.length > 0)
        throw new BackupError(
          `${where}: the trailer counts ${wrong.map((k) => `${counted(k)} ${k} but the file has ${counts[k]}`).join('; ')}`,
        );
      if (trailer.sha256 !== checksum.digest('hex'))
        throw new BackupError(
          `${where}: the checksum in the trailer does not match the lines before it: the file was changed or damaged`,
        );
      trailerLine = lineNumber;
      continue;
    }
    checksum.update(`${text}\n`);
    const kind = typeof value === 'object' && value !== null && 'kind' in value ? value.kind : 'learner';
    if (kind === 'team' || kind === 'audit') {
      if (ORDER[kind] < ORDER[stage])
        throw new BackupError(
          `${where}: a ${kind} line after the ${stage} lines (learners come first, then teams, then the audit log)`,
        );
      stage = kind;
      const item =
        kind === 'team'
          ? check<BackupTeam>(BackupTeam, value, where)
          : check<BackupAudit>(BackupAudit, value, where);
      if (item.kind === 'team') {
        const seen = teamLines.get(item.id);
        if (seen !== undefined)
          throw new BackupError(`${where}: team id ${item.id} is already on line ${seen}`);
        teamLines.set(item.id, lineNumber);
        for (const [index, member] of item.members.entries())
          if (!lineOfId.has(member.learnerId))
            throw new BackupError(
              `${where}: /members/${index} is learner ${member.learnerId}, who is not in the file`,
            );
      }
      countItem(counts, item);
      yield item;
      continue;
    }
    if (stage !== 'learner')
      throw new BackupError(
        `${where}: a learner line after the ${stage} lines (learners come first, then teams, then the audit log)`,
      );
    const learner = check<BackupLearner>(BackupLearner, value, where);
    try {
      normalizeEmail(learner.email);
    } catch (error) {
      if (error instanceof AppError)
        throw new BackupError(`${where}: /email ${error.message.replace(/^email /, '')}`);
      throw error;
    }
    checkRepeats(learner, where);
    const idLine = lineOfId.get(learner.id);
    if (idLine !== undefined)
      throw new BackupError(`${where}: learner id ${learner.id} is already on line ${idLine}`);
    // The database allows one account per email whatever its letter case.
    const emailKey = learner.email.toLowerCase();
    const emailLine = lineOfEmail.get(emailKey);
    if (emailLine !== undefined)
      throw new BackupError(`${where}: email ${learner.email} is already on line ${emailLine}`);
    lineOfId.set(learner.id, lineNumber);
    lineOfEmail.set(emailKey, lineNumber);
    countItem(counts, learner);
    yield learner;
  }
  if (lineNumber === 0) throw new BackupError(`${name}: the file is empty`);
  if (version === BACKUP_VERSION && trailerLine === undefined)
    throw new BackupError(
      `${name}:${lineNumber}: the file ends without its trailer (the last line of every export, with the record counts and checksum): it is incomplete, perhaps cut short`,
    );
}
