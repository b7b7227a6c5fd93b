// SQL for progress, choices, resource ticks and notes. Writes are upserts that keep the change rules.ts says wins
// (the newest; on a tie its tie rule, written here in SQL), so repeated and concurrent updates from
// several devices converge whatever order they arrive in.
import { type Expression, sql } from 'kysely';
import type { Db } from '../../db/tables.ts';
import { STATUS_ORDER, type TopicStatus } from './rules.ts';

/** A status's place in rules.ts's tie order, in SQL. */
const statusRank = (status: Expression<string>) =>
  sql<number>`(case ${status} ${sql.join(
    STATUS_ORDER.map((s, i) => sql`when ${sql.lit(s)} then ${sql.lit(i)}`),
    sql` `,
  )} end)`;

export interface StatusRow {
  roadmap: string;
  topicId: string;
  status: TopicStatus;
  updatedAt: Date;
}

export interface ChoiceRow {
  roadmap: string;
  group: string;
  option: string | null;
  updatedAt: Date;
}

export interface TickRow {
  roadmap: string;
  topicId: string;
  resourceId: string;
  read: boolean;
  updatedAt: Date;
}

export type TickEntry = Omit<TickRow, 'roadmap'>;

/** Every status a learner has, in every roadmap: shared skills need them all, and there are few. */
export async function loadStatuses(db: Db, learnerId: string): Promise<StatusRow[]> {
  const rows = await db
    .selectFrom('progress')
    .select(['roadmap', 'topic_id', 'status', 'updated_at'])
    .where('learner_id', '=', learnerId)
    .execute();
  return rows.map((r) => ({
    roadmap: r.roadmap,
    topicId: r.topic_id,
    status: r.status,
    updatedAt: new Date(r.updated_at),
  }));
}

/** Every choice a learner has made, in every roadmap. */
export async function loadChoices(db: Db, learnerId: string): Promise<ChoiceRow[]> {
  const rows = await db
    .selectFrom('choices')
    .select(['roadmap', 'group_id', 'option_id', 'updated_at'])
    .where('learner_id', '=', learnerId)
    .execute();
  return rows.map((r) => ({
    roadmap: r.roadmap,
    group: r.group_id,
    option: r.option_id,
    updatedAt: new Date(r.updated_at),
  }));
}

/** A status change for one learner's topic, as one row of an upsert. */
export interface StatusChange {
  learnerId: string;
  roadmap: string;
  topicId: string;
  status: TopicStatus;
  updatedAt: Date;
}

/**
 * Upserts statuses of one learner's roadmap; a row only changes when the incoming change is newer
 * than the stored one. Answers the rows that changed.
 */
export async function upsertStatuses(
  db: Db,
  learnerId: string,
  roadmap: string,
  entries: { topicId: string; status: TopicStatus; updatedAt: Date }[],
): Promise<StatusRow[]> {
  const stored = await upsertStatusChanges(
    db,
    entries.map((e) => ({ learnerId, roadmap, ...e })),
  );
  return stored.filter((row): row is StatusRow => row !== undefined);
}

/**
 * Upserts status changes of any learners in one statement (at most one per learner, roadmap and
 * topic). Answers, for each change, the row it stored, or undefined where a newer one was kept.
 */
export async function upsertStatusChanges(
  db: Db,
  changes: StatusChange[],
): Promise<(StatusRow | undefined)[]> {
  if (changes.length === 0) return [];
  // Rows in one order for every statement: concurrent upserts then lock them in the same order and
  // cannot deadlock each other.
  const ordered = [...changes].sort(compareKeys);
  const rows = await db
    .insertInto('progress')
    .values(
      ordered.map((c) => ({
        learner_id: c.learnerId,
        roadmap: c.roadmap,
        topic_id: c.topicId,
        status: c.status,
        updated_at: c.updatedAt,
      })),
    )
    .onConflict((oc) =>
      oc
        .columns(['learner_id', 'roadmap', 'topic_id'])
        .doUpdateSet((eb) => ({
          status: eb.ref('excluded.status'),
          updated_at: eb.ref('excluded.updated_at'),
        }))
        .where((eb) =>
          eb.or([
            eb('progress.updated_at', '<', eb.ref('excluded.updated_at')),
            eb.and([
              eb('progress.updated_at', '=', eb.ref('excluded.updated_at')),
              eb(statusRank(eb.ref('excluded.status')), '>=', statusRank(eb.ref('progress.status'))),
            ]),
          ]),
        ),
    )
    .returning(['learner_id', 'roadmap', 'topic_id', 'status', 'updated_at'])
    .execute();
  const byKey = new Map(rows.map((r) => [statusKey(r.learner_id, r.roadmap, r.topic_id), r]));
  return changes.map((c) => {
    const row = byKey.get(statusKey(c.learnerId, c.roadmap, c.topicId));
    return (
      row && {
        roadmap: row.roadmap,
        topicId: row.topic_id,
        status: row.status,
        updatedAt: new Date(row.updated_at),
      }
    );
  });
}

function compareKeys(a: StatusChange, b: StatusChange): number {
  const x = statusKey(a.learnerId, a.roadmap, a.topicId);
  const y = statusKey(b.learnerId, b.roadmap, b.topicId);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** One string per learner, roadmap and topic (ids never hold a NUL). */
export const statusKey = (learnerId: string, roadmap: string, topicId: string) =>
  `${learnerId}\u0000${roadmap}\u0000${topicId}`;

export async function upsertChoices(
  db: Db,
  learnerId: string,
  roadmap: string,
  entries: { group: string; option: string | null; updatedAt: Date }[],
): Promise<ChoiceRow[]> {
  if (entries.length === 0) return [];
  const rows = await db
    .insertInto('choices')
    .values(
      entries.map((e) => ({
        learner_id: learnerId,
        roadmap,
        group_id: e.group,
        option_id: e.option,
        updated_at: e.updatedAt,
      })),
    )
    .onConflict((oc) =>
      oc
        .columns(['learner_id', 'roadmap', 'group_id'])
        .doUpdateSet((eb) => ({
          option_id: eb.ref('excluded.option_id'),
          updated_at: eb.ref('excluded.updated_at'),
        }))
        .where((eb) =>
          eb.or([
            eb('choices.updated_at', '<', eb.ref('excluded.updated_at')),
            eb.and([
              eb('choices.updated_at', '=', eb.ref('excluded.updated_at')),
              // rules.ts's tie rule: the greater option id in code-unit order, a cleared one as "".
              sql<boolean>`coalesce(excluded.option_id, '') collate "C" >= coalesce(choices.option_id, '') collate "C"`,
            ]),
          ]),
        ),
    )
    .returning(['group_id', 'option_id', 'updated_at'])
    .execute();
  return rows.map((r) => ({
    roadmap,
    group: r.group_id,
    option: r.option_id,
    updatedAt: new Date(r.updated_at),
  }));
}

/** Every resource tick a learner has, in every roadmap (shared skills need them all). */
export async function loadTicks(db: Db, learnerId: string): Promise<TickRow[]> {
  const rows = await db
    .selectFrom('resource_ticks')
    .select(['roadmap', 'topic_id', 'resource_id', 'read', 'updated_at'])
    .where('learner_id', '=', learnerId)
    .execute();
  return rows.map(tickRowOf);
}

const tickRowOf = (r: {
  roadmap: string;
  topic_id: string;
  resource_id: string;
  read: boolean;
  updated_at: Date;
}): TickRow => ({
  roadmap: r.roadmap,
  topicId: r.topic_id,
  resourceId: r.resource_id,
  read: r.read,
  updatedAt: new Date(r.updated_at),
});

/**
 * Upserts ticks of one learner's roadmap; a row only changes when the incoming tick wins by
 * rules.ts's newerTick (newer; on a tie "read", as false < true in SQL). Answers the rows stored.
 */
export async function upsertTicks(
  db: Db,
  learnerId: string,
  roadmap: string,
  entries: TickEntry[],
): Promise<TickRow[]> {
  if (entries.length === 0) return [];
  // One order for every statement, so concurrent upserts lock rows alike and cannot deadlock.
  const ordered = [...entries].sort((a, b) =>
    a.topicId === b.topicId ? (a.resourceId < b.resourceId ? -1 : 1) : a.topicId < b.topicId ? -1 : 1,
  );
  const rows = await db
    .insertInto('resource_ticks')
    .values(
      ordered.map((e) => ({
        learner_id: learnerId,
        roadmap,
        topic_id: e.topicId,
        resource_id: e.resourceId,
        read: e.read,
        updated_at: e.updatedAt,
      })),
    )
    .onConflict((oc) =>
      oc
        .columns(['learner_id', 'roadmap', 'topic_id', 'resource_id'])
        .doUpdateSet((eb) => ({ read: eb.ref('excluded.read'), updated_at: eb.ref('excluded.updated_at') }))
        .where((eb) =>
          eb.or([
            eb('resource_ticks.updated_at', '<', eb.ref('excluded.updated_at')),
            eb.and([
              eb('resource_ticks.updated_at', '=', eb.ref('excluded.updated_at')),
              eb('excluded.read', '>=', eb.ref('resource_ticks.read')),
            ]),
          ]),
        ),
    )
    .returning(['roadmap', 'topic_id', 'resource_id', 'read', 'updated_at'])
    .execute();
  return rows.map(tickRowOf);
}

/** Replaces one roadmap's statuses, choices and ticks with a document (import, the undo of a reset). */
export async function replaceRoadmap(
  db: Db,
  learnerId: string,
  roadmap: string,
  statuses: { topicId: string; status: TopicStatus; updatedAt: Date }[],
  choices: { group: string; option: string | null; updatedAt: Date }[],
  ticks: TickEntry[] = [],
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .deleteFrom('resource_ticks')
      .where('learner_id', '=', learnerId)
      .where('roadmap', '=', roadmap)
      .execute();
    await trx
      .deleteFrom('progress')
      .where('learner_id', '=', learnerId)
      .where('roadmap', '=', roadmap)
      .execute();
    await trx
      .deleteFrom('choices')
      .where('learner_id', '=', learnerId)
      .where('roadmap', '=', roadmap)
      .execute();
    await upsertStatuses(trx, learnerId, roadmap, statuses);
    await upsertChoices(trx, learnerId, roadmap, choices);
    await upsertTicks(trx, learnerId, roadmap, ticks);
  });
}

export async function loadNote(db: Db, learnerId: string, roadmap: string, topicId: string) {
  return db
    .selectFrom('notes')
    .select(['markdown', 'updated_at'])
    .where('learner_id', '=', learnerId)
    .where('roadmap', '=', roadmap)
    .where('topic_id', '=', topicId)
    .executeTakeFirst();
}

/**
 * Saves a note. With `base` (the time of the version the learner edited, null for none), only
 * when the stored note is still that version; answers the new time, or undefined when a newer
 * note was kept. An emptied note stays as an empty row, so other devices hear of it.
 */
export async function saveNote(
  db: Db,
  learnerId: string,
  roadmap: string,
  topicId: string,
  markdown: string,
  at: Date,
  base?: Date | null,
): Promise<Date | undefined> {
  const row = await db
    .insertInto('notes')
    .values({ learner_id: learnerId, roadmap, topic_id: topicId, markdown, updated_at: at })
    .onConflict((oc) => {
      const update = oc.columns(['learner_id', 'roadmap', 'topic_id']).doUpdateSet((eb) => ({
        markdown: eb.ref('excluded.markdown'),
        updated_at: eb.ref('excluded.updated_at'),
      }));
      if (base === undefined) return update;
      // A note saved against no version may only be new; one against a version, only that one.
      return base === null ? update.where(sql<boolean>`false`) : update.where('notes.updated_at', '=', base);
    })
    .returning('updated_at')
    .executeTakeFirst();
  return row ? new Date(row.updated_at) : undefined;
}

/** Everything stored about a learner, for "download all my data". */
export async function exportLearnerRows(db: Db, learnerId: string) {
  const [progress, choices, notes, ticks] = await Promise.all([
    db
      .selectFrom('progress')
      .select(['roadmap', 'topic_id', 'status', 'updated_at'])
      .where('learner_id', '=', learnerId)
      .execute(),
    db
      .selectFrom('choices')
      .select(['roadmap', 'group_id', 'option_id', 'updated_at'])
      .where('learner_id', '=', learnerId)
      .execute(),
    db
      .selectFrom('notes')
      .select(['roadmap', 'topic_id', 'markdown', 'updated_at'])
      .where('learner_id', '=', learnerId)
      .where('markdown', '<>', '')
      .execute(),
    db
      .selectFrom('resource_ticks')
      .select(['roadmap', 'topic_id', 'resource_id', 'read', 'updated_at'])
      .where('learner_id', '=', learnerId)
      .execute(),
  ]);
  return { progress, choices, notes, ticks };
}
