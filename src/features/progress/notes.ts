// Private notes per topic: Markdown, rendered safely, shown only to their author.

import { renderMarkdown } from '../../content/markdown.ts';
import type { Catalog } from '../../content/model.ts';
import type { Db } from '../../db/tables.ts';
import { AppError } from '../../errors.ts';
import { findRoadmap, findTopic } from '../roadmaps/lookup.ts';
import * as store from './store.ts';

export interface NoteView {
  markdown: string;
  html: string;
  updatedAt: string | null;
}

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
    html: renderMarkdown(row.markdown),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

export async function saveNote(
  db: Db,
  catalog: Catalog,
  learnerId: string,
  slug: string,
  topicId: string,
  markdown: string,
) {
  const topic = findTopic(findRoadmap(catalog, slug), topicId);
  // PostgreSQL cannot store a NUL in text; no Markdown needs one.
  if (markdown.includes('\u0000')) throw new AppError('invalid', 'markdown must not contain NUL characters');
  await store.saveNote(db, learnerId, slug, topic.id, markdown, new Date());
  return getNote(db, catalog, learnerId, slug, topic.id);
}
