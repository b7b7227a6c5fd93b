// Tables owned by authoring: custom roadmaps and their revisions.
import type { ColumnType, Generated } from 'kysely';

export type Visibility = 'private' | 'unlisted' | 'public';
export type RevisionKind = 'draft' | 'published';

export interface CustomRoadmapsTable {
  slug: string;
  owner_id: string;
  visibility: ColumnType<Visibility, Visibility | undefined, Visibility>;
  /** The newest revision: the draft an author edits. */
  latest_revision: number;
  /** What learners get; null until the first publish. */
  published_revision: number | null;
  forked_from: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface CustomRoadmapRevisionsTable {
  roadmap: string;
  number: number;
  /** The document as saved (schema.ts, AuthoringDocument). */
  document: ColumnType<unknown, string, string>;
  author_id: string | null;
  kind: RevisionKind;
  created_at: Generated<Date>;
}

export interface AuthoringTables {
  custom_roadmaps: CustomRoadmapsTable;
  custom_roadmap_revisions: CustomRoadmapRevisionsTable;
}
