// Private notes per topic: Markdown, rendered safely, shown only to their author.

import type { Static } from '@sinclair/typebox';
import { renderMarkdown } from '../../content/markdown.ts';
import type { Catalog } from '../../content/model.ts';
import type { Db } from '../../db/tables.ts';
import { AppError } from '../../errors.ts';
import { findRoadmap, findTopic } from '../roadmaps/lookup.ts';
import type { ProgressRecords } from './records.ts';
import { NOTE_MAX_LENGTH } from './rules.ts';
import type { NoteOut } from './schema.ts';
import * as store from './store.ts';

export type NoteView = Static<typeof NoteOut>;

export async function getNote(
  db: Db,
  catalog: Catalog,
  learnerId: string,
  slug: string,
  topicId: string,
): Promise<NoteView> {
  const topic = findTopic(findRoadmap(catalog, slug), topicId);
  // A note written before the topic was renamed is kept under its former id; the newest one wins.
  let row = await store.loadNote(db, learnerId, slug, topic.id);
  for (const former of topic.formerIds) {
    const old = await store.loadNote(db, learnerId, slug, former);
    if (old && (!row || new Date(old.updated_at) > new Date(row.updated_at))) row = old;
  }
  if (!row) return { markdown: '', html: '', updatedAt: null };
  return {
    markdown: row.markdown,
    html: row.markdown === '' ? '' : renderMarkdown(row.markdown),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

/**
 * Saves a note. With `baseUpdatedAt` (the version the learner edited), a note changed since on
 * another device is not overwritten: 409, and the learner chooses.
 */
export async function saveNote(
  records: ProgressRecords,
  catalog: Catalog,
  learnerId: string,
  slug: string,
  topicId: string,
  markdown: string,
  baseUpdatedAt?: string | null,
) {
  const topic = findTopic(findRoadmap(catalog, slug), topicId);
  if (markdown.length > NOTE_MAX_LENGTH) {
    throw new AppError(
      'invalid',
      `A note can hold at most ${NOTE_MAX_LENGTH.toLocaleString('en')} characters; this one has ${markdown.length.toLocaleString('en')}.`,
    );
  }
  // PostgreSQL cannot store a NUL in text; no Markdown needs one.
  if (markdown.includes('\u0000')) throw new AppError('invalid', 'markdown must not contain NUL characters');
  const base =
    baseUpdatedAt === undefined ? undefined : baseUpdatedAt === null ? null : new Date(baseUpdatedAt);
  const saved = await records.saveNote(learnerId, slug, topic.id, markdown, base);
  if (!saved) {
    throw new AppError(
      'conflict',
      'This note was changed on another device since you started editing it; nothing was overwritten.',
    );
  }
  return getNote(records.db, catalog, learnerId, slug, topic.id);
}
