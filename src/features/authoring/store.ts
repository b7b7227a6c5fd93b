// SQL of custom roadmaps and their revisions. Every save is a new numbered revision; a save names
// the revision it edits and only lands while that is still the newest one.
import type { Db } from '../../db/tables.ts';
import type { AuthoringDocument } from './schema.ts';
import type { RevisionKind, Visibility } from './tables.ts';

export interface CustomRoadmapRow {
  slug: string;
  ownerId: string;
  ownerEmail: string;
  visibility: Visibility;
  latestRevision: number;
  publishedRevision: number | null;
  forkedFrom: string | null;
}

export interface RevisionRow {
  number: number;
  kind: RevisionKind;
  document: AuthoringDocument;
  authorEmail: string | null;
  createdAt: Date;
}

const roadmapColumns = [
  'custom_roadmaps.slug',
  'custom_roadmaps.owner_id',
  'learners.email',
  'custom_roadmaps.visibility',
  'custom_roadmaps.latest_revision',
  'custom_roadmaps.published_revision',
  'custom_roadmaps.forked_from',
] as const;

type RoadmapRecord = {
  slug: string;
  owner_id: string;
  email: string;
  visibility: Visibility;
  latest_revision: number;
  published_revision: number | null;
  forked_from: string | null;
};

const roadmapOf = (r: RoadmapRecord): CustomRoadmapRow => ({
  slug: r.slug,
  ownerId: r.owner_id,
  ownerEmail: r.email,
  visibility: r.visibility,
  latestRevision: r.latest_revision,
  publishedRevision: r.published_revision,
  forkedFrom: r.forked_from,
});

export async function findCustomRoadmap(db: Db, slug: string): Promise<CustomRoadmapRow | undefined> {
  const row = await db
    .selectFrom('custom_roadmaps')
    .innerJoin('learners', 'learners.id', 'custom_roadmaps.owner_id')
    .select(roadmapColumns)
    .where('custom_roadmaps.slug', '=', slug)
    .executeTakeFirst();
  return row ? roadmapOf(row) : undefined;
}

/** Every custom roadmap with a published revision, for the catalogue in memory. */
export async function publishedCustomRoadmaps(db: Db): Promise<CustomRoadmapRow[]> {
  const rows = await db
    .selectFrom('custom_roadmaps')
    .innerJoin('learners', 'learners.id', 'custom_roadmaps.owner_id')
    .select(roadmapColumns)
    .where('custom_roadmaps.published_revision', 'is not', null)
    .orderBy('custom_roadmaps.slug')
    .execute();
  return rows.map(roadmapOf);
}

export async function countOwnedRoadmaps(db: Db, ownerId: string): Promise<number> {
  const row = await db
    .selectFrom('custom_roadmaps')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('owner_id', '=', ownerId)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Answers false when the slug is already a custom roadmap's. */
export async function insertCustomRoadmap(
  db: Db,
  values: { slug: string; ownerId: string; forkedFrom: string | null; document: AuthoringDocument },
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('custom_roadmaps')
      .values({
        slug: values.slug,
        owner_id: values.ownerId,
        latest_revision: 1,
        published_revision: null,
        forked_from: values.forkedFrom,
      })
      .onConflict((oc) => oc.column('slug').doNothing())
      .returning('slug')
      .executeTakeFirst();
    if (!inserted) return false;
    await trx
      .insertInto('custom_roadmap_revisions')
      .values({
        roadmap: values.slug,
        number: 1,
        document: JSON.stringify(values.document),
        author_id: values.ownerId,
        kind: 'draft',
      })
      .execute();
    return true;
  });
}

/** Saves a new revision on top of `base`; answers its number, or undefined when `base` is stale. */
export async function insertRevision(
  db: Db,
  slug: string,
  base: number,
  document: AuthoringDocument,
  authorId: string,
): Promise<number | undefined> {
  return db.transaction().execute(async (trx) => {
    const moved = await trx
      .updateTable('custom_roadmaps')
      .set({ latest_revision: base + 1, updated_at: new Date() })
      .where('slug', '=', slug)
      .where('latest_revision', '=', base)
      .returning('latest_revision')
      .executeTakeFirst();
    if (!moved) return undefined;
    await trx
      .insertInto('custom_roadmap_revisions')
      .values({
        roadmap: slug,
        number: base + 1,
        document: JSON.stringify(document),
        author_id: authorId,
        kind: 'draft',
      })
      .execute();
    return base + 1;
  });
}

export async function findRevision(db: Db, slug: string, number: number): Promise<RevisionRow | undefined> {
  const row = await db
    .selectFrom('custom_roadmap_revisions')
    .leftJoin('learners', 'learners.id', 'custom_roadmap_revisions.author_id')
    .select(['number', 'kind', 'document', 'learners.email', 'custom_roadmap_revisions.created_at'])
    .where('roadmap', '=', slug)
    .where('number', '=', number)
    .executeTakeFirst();
  return row
    ? {
        number: row.number,
        kind: row.kind,
        document: row.document as AuthoringDocument,
        authorEmail: row.email,
        createdAt: new Date(row.created_at),
      }
    : undefined;
}

/** Newest first, without the documents. */
export async function listRevisions(db: Db, slug: string): Promise<Omit<RevisionRow, 'document'>[]> {
  const rows = await db
    .selectFrom('custom_roadmap_revisions')
    .leftJoin('learners', 'learners.id', 'custom_roadmap_revisions.author_id')
    .select(['number', 'kind', 'learners.email', 'custom_roadmap_revisions.created_at'])
    .where('roadmap', '=', slug)
    .orderBy('number', 'desc')
    .execute();
  return rows.map((r) => ({
    number: r.number,
    kind: r.kind,
    authorEmail: r.email,
    createdAt: new Date(r.created_at),
  }));
}

/** Makes `number` the published revision, if it is still the newest one; answers whether it was. */
export async function markPublished(db: Db, slug: string, number: number): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('custom_roadmaps')
      .set({ published_revision: number, updated_at: new Date() })
      .where('slug', '=', slug)
      .where('latest_revision', '=', number)
      .returning('slug')
      .executeTakeFirst();
    if (!updated) return false;
    await trx
      .updateTable('custom_roadmap_revisions')
      .set({ kind: 'published' })
      .where('roadmap', '=', slug)
      .where('number', '=', number)
      .execute();
    return true;
  });
}

export async function updateVisibility(db: Db, slug: string, visibility: Visibility): Promise<void> {
  await db
    .updateTable('custom_roadmaps')
    .set({ visibility, updated_at: new Date() })
    .where('slug', '=', slug)
    .execute();
}

/** Removes the roadmap and its revisions; learners' progress rows on it stay (their export has them). */
export async function deleteCustomRoadmap(db: Db, slug: string): Promise<void> {
  await db.deleteFrom('custom_roadmaps').where('slug', '=', slug).execute();
}
