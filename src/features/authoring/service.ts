// The rules of custom roadmaps: who may change one, the limits, drafts that never overwrite each
// other (each save names the revision it edits), and publishing only what the checker accepts.
import type { Catalog } from '../../content/model.ts';
import type { Db } from '../../db/tables.ts';
import { AppError, notFound } from '../../errors.ts';
import { mayView } from './catalog.ts';
import { checkDocument, documentOf, normaliseDocument } from './document.ts';
import { type AuthoringDocument, LIMITS, type Problem } from './schema.ts';
import * as store from './store.ts';
import type { Visibility } from './tables.ts';

const today = () => new Date().toISOString().slice(0, 10);

function checkLimits(document: AuthoringDocument) {
  const topics = document.sections.reduce((n, s) => n + s.topics.length, 0);
  if (topics > LIMITS.topicsPerRoadmap) {
    throw new AppError(
      'invalid',
      `The roadmap has ${topics} topics, more than the ${LIMITS.topicsPerRoadmap} a roadmap may have`,
    );
  }
}

/** A custom roadmap its author acts on; anyone else learns only what they could see anyway. */
async function owned(db: Db, slug: string, learnerId: string): Promise<store.CustomRoadmapRow> {
  const row = await store.findCustomRoadmap(db, slug);
  if (!row) throw notFound(`There is no roadmap "${slug}"`);
  if (row.ownerId !== learnerId) {
    if (row.publishedRevision !== null && mayView(row, learnerId))
      throw new AppError('forbidden', `Only the author of "${slug}" can change it: fork it to make your own`);
    throw notFound(`There is no roadmap "${slug}"`);
  }
  return row;
}

export async function createRoadmap(
  db: Db,
  catalog: Catalog,
  ownerId: string,
  slug: string,
  document: AuthoringDocument,
  forkedFrom: string | null = null,
): Promise<{ slug: string; revision: number }> {
  checkLimits(document);
  const taken = () => new AppError('conflict', `The address "${slug}" is taken: choose another slug`);
  if (catalog.bySlug.has(slug)) throw taken();
  if ((await store.countOwnedRoadmaps(db, ownerId)) >= LIMITS.roadmapsPerAccount) {
    throw new AppError(
      'forbidden',
      `You have ${LIMITS.roadmapsPerAccount} roadmaps, the most an account may have: delete one first`,
    );
  }
  const inserted = await store.insertCustomRoadmap(db, {
    slug,
    ownerId,
    forkedFrom,
    document: normaliseDocument(document),
  });
  if (!inserted) throw taken();
  return { slug, revision: 1 };
}

/** A private draft copy of a roadmap the learner can see (the route's visibility check ran). */
export async function forkRoadmap(db: Db, catalog: Catalog, ownerId: string, from: string, slug: string) {
  const source = catalog.bySlug.get(from);
  if (!source) throw notFound(`There is no roadmap "${from}"`);
  return createRoadmap(db, catalog, ownerId, slug, documentOf(source), from);
}

export async function getDraft(db: Db, slug: string, learnerId: string) {
  const row = await owned(db, slug, learnerId);
  const revision = await store.findRevision(db, slug, row.latestRevision);
  if (!revision) throw notFound(`There is no roadmap "${slug}"`);
  return {
    revision: row.latestRevision,
    published: row.publishedRevision,
    visibility: row.visibility,
    document: revision.document,
  };
}

/** The revision an If-Match header names: `"3"` (or a weak `W/"3"`). */
export function revisionOfIfMatch(header: string | undefined): number {
  if (header === undefined) {
    throw new AppError(
      'precondition_required',
      'Say which revision you edited: send If-Match with the ETag of GET …/draft',
    );
  }
  const match = /^(?:W\/)?"(\d{1,9})"$/.exec(header.trim());
  if (!match) throw new AppError('precondition_failed', `If-Match ${header} names no revision of this draft`);
  return Number(match[1]);
}

export async function saveDraft(
  db: Db,
  slug: string,
  learnerId: string,
  ifMatch: string | undefined,
  document: AuthoringDocument,
): Promise<{ revision: number; document: AuthoringDocument }> {
  const row = await owned(db, slug, learnerId);
  const base = revisionOfIfMatch(ifMatch);
  checkLimits(document);
  const stale = () =>
    new AppError(
      'precondition_failed',
      `The draft changed since revision ${base} (it is at ${row.latestRevision} now): load it again and choose which to keep`,
    );
  if (base !== row.latestRevision) throw stale();
  const saved = normaliseDocument(document);
  const revision = await store.insertRevision(db, slug, base, saved, learnerId);
  if (revision === undefined) throw stale();
  return { revision, document: saved };
}

export type PublishResult = { ok: true; revision: number } | { ok: false; problems: Problem[] };

export async function publish(db: Db, slug: string, learnerId: string): Promise<PublishResult> {
  const row = await owned(db, slug, learnerId);
  const revision = await store.findRevision(db, slug, row.latestRevision);
  if (!revision) throw notFound(`There is no roadmap "${slug}"`);
  const problems = checkDocument(revision.document, today());
  if (problems.length > 0) return { ok: false, problems };
  if (!(await store.markPublished(db, slug, row.latestRevision))) {
    throw new AppError(
      'precondition_failed',
      'The draft changed while it was being published: publish again',
    );
  }
  return { ok: true, revision: row.latestRevision };
}

export async function listRevisions(db: Db, slug: string, learnerId: string) {
  await owned(db, slug, learnerId);
  return (await store.listRevisions(db, slug)).map((r) => ({
    revision: r.number,
    kind: r.kind,
    author: r.authorEmail,
    createdAt: r.createdAt.toISOString(),
  }));
}

/** Makes an older revision the draft again, as a new revision (history is never rewritten). */
export async function restoreRevision(db: Db, slug: string, learnerId: string, number: number) {
  const row = await owned(db, slug, learnerId);
  const old = await store.findRevision(db, slug, number);
  if (!old) throw notFound(`The roadmap "${slug}" has no revision ${number}`);
  const revision = await store.insertRevision(db, slug, row.latestRevision, old.document, learnerId);
  if (revision === undefined)
    throw new AppError('precondition_failed', 'The draft changed meanwhile: try again');
  return { slug, revision };
}

export async function setVisibility(db: Db, slug: string, learnerId: string, visibility: string) {
  await owned(db, slug, learnerId);
  if (visibility === 'team') {
    throw new AppError(
      'invalid',
      'Team visibility comes with teams, which this server does not have yet: choose private, unlisted or public',
    );
  }
  await store.updateVisibility(db, slug, visibility as Visibility);
  return { slug, visibility };
}

export async function deleteRoadmap(db: Db, slug: string, learnerId: string) {
  await owned(db, slug, learnerId);
  await store.deleteCustomRoadmap(db, slug);
}
