// Operator commands on the database: `trailmap migrate` and `trailmap user list|delete|reset-password|promote`.
import { createReadStream, existsSync } from 'node:fs';
import { readConfig } from '../config.ts';
import { announceChange } from '../db/change-feed.ts';
import type { DatabaseHandle } from '../db/database.ts';
import { openConfiguredDatabase } from '../db/from-config.ts';
import type { Db } from '../db/tables.ts';
import * as accounts from '../features/accounts/service.ts';
import { recordAudit } from '../features/audit/audit.ts';
import { exportBackup } from '../features/backup/export.ts';
import type { BackupCounts } from '../features/backup/format.ts';
import { importBackup } from '../features/backup/import.ts';

type Output = { out: (line: string) => void; err: (line: string) => void };

const describeCounts = (c: BackupCounts) =>
  `${c.learners} learner(s), ${c.progress} status(es), ${c.choices} choice(s), ${c.notes} note(s), ${c.resourceTicks} resource tick(s), ${c.teams} team(s), ${c.auditEntries} audit log ${c.auditEntries === 1 ? 'entry' : 'entries'}`;

async function withDatabase(
  holder: string,
  io: Output,
  run: (db: Db, description: string, migrated: string[], database: DatabaseHandle) => Promise<number>,
) {
  let database: Awaited<ReturnType<typeof openConfiguredDatabase>>;
  try {
    database = await openConfiguredDatabase(readConfig(), holder);
  } catch (error) {
    io.err(`trailmap: ${(error as Error).message}`);
    return 1;
  }
  try {
    return await run(database.db, database.description, database.migrated, database);
  } finally {
    await database.close();
  }
}

/** `trailmap export`: every account, session-free, as JSON Lines on standard output, with a trailer. */
export function exportCommand(io: Output): Promise<number> {
  return withDatabase('trailmap export', io, async (db) => {
    const counts = await exportBackup(db, process.stdout);
    io.err(`exported ${describeCounts(counts)}`);
    return 0;
  });
}

/**
 * `trailmap import [--unchecked] <file>`: restores a backup into an empty database, all or nothing.
 * --unchecked reads a version 1 file (older exports, without a trailer).
 */
export function importCommand(file: string | undefined, io: Output, unchecked = false): Promise<number> {
  if (!file) {
    io.err('usage: trailmap import [--unchecked] <backup.jsonl>');
    return Promise.resolve(2);
  }
  if (!existsSync(file)) {
    io.err(`trailmap: ${file} does not exist`);
    return Promise.resolve(1);
  }
  return withDatabase('trailmap import', io, async (db) => {
    try {
      const counts = await importBackup(db, createReadStream(file), file, { unchecked });
      io.out(`imported ${describeCounts(counts)} from ${file}`);
      return 0;
    } catch (error) {
      io.err(`trailmap: ${(error as Error).message}; nothing was imported`);
      return 1;
    }
  });
}

export function migrateCommand(io: Output): Promise<number> {
  return withDatabase('trailmap migrate', io, async (_db, description, migrated) => {
    io.out(
      migrated.length > 0
        ? `${description}: applied ${migrated.join(', ')}`
        : `${description}: already up to date`,
    );
    return 0;
  });
}

export function userCommand(args: string[], io: Output): Promise<number> {
  const [action, email] = args;
  const usage =
    'usage: trailmap user list | trailmap user delete <email> | trailmap user reset-password <email> | trailmap user promote <email>';
  if (action !== 'list' && !(action === 'delete' || action === 'reset-password' || action === 'promote')) {
    io.err(usage);
    return Promise.resolve(2);
  }
  if (action !== 'list' && !email) {
    io.err(usage);
    return Promise.resolve(2);
  }
  return withDatabase(`trailmap user ${action}`, io, async (db, _description, _migrated, database) => {
    if (action === 'list') {
      const learners = await accounts.listLearners(db);
      for (const learner of learners) {
        io.out(
          `${learner.email}\tsince ${new Date(learner.created_at).toISOString().slice(0, 10)}\t${learner.roadmaps} roadmap(s)`,
        );
      }
      io.out(`${learners.length} learner(s)`);
      return 0;
    }
    const noSuchLearner = () => {
      io.err(`trailmap: no learner with the email ${email}`);
      return 1;
    };
    if (action === 'delete') {
      const learner = await accounts.deleteLearnerByEmail(db, email as string);
      if (!learner) return noSuchLearner();
      // Running servers forget the learner's cached sessions and progress.
      await announceChange(database, 'sessions', [learner.id]);
      await announceChange(database, 'progress', [learner.id]);
      io.out(`deleted ${learner.email} and all their progress, choices, notes and sessions`);
      return 0;
    }
    if (action === 'promote') {
      const learner = await accounts.promoteByEmail(db, email as string);
      if (!learner) return noSuchLearner();
      await recordAudit(db, { actor: null, action: 'admin.promote', target: learner.email, ip: null });
      // Running servers read the learner again, now an admin.
      await announceChange(database, 'sessions', [learner.id]);
      io.out(`${learner.email} is now an admin of this instance (the /admin page)`);
      return 0;
    }
    const reset = await accounts.resetPasswordByEmail(db, email as string);
    if (!reset) return noSuchLearner();
    await announceChange(database, 'sessions', [reset.learner.id]);
    io.out(
      `One-time password for ${reset.learner.email} (every session was signed out; it works for one sign-in, which must choose a new password):`,
    );
    io.out(reset.password);
    return 0;
  });
}
