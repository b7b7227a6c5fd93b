// Tables owned by progress: statuses, Pick One choices, resource ticks and private notes, per learner and roadmap.
import type { TopicStatus } from './rules.ts';

export interface ProgressTable {
  learner_id: string;
  roadmap: string;
  topic_id: string;
  status: TopicStatus;
  updated_at: Date;
}

export interface ChoicesTable {
  learner_id: string;
  roadmap: string;
  group_id: string;
  /** null once the learner clears the choice; the row keeps its time so merges stay correct. */
  option_id: string | null;
  updated_at: Date;
}

export interface NotesTable {
  learner_id: string;
  roadmap: string;
  topic_id: string;
  markdown: string;
  updated_at: Date;
}

export interface ResourceTicksTable {
  learner_id: string;
  roadmap: string;
  topic_id: string;
  resource_id: string;
  /** false once unticked; the row keeps its time so merges stay correct. */
  read: boolean;
  updated_at: Date;
}

export interface ProgressTables {
  progress: ProgressTable;
  resource_ticks: ResourceTicksTable;
  choices: ChoicesTable;
  notes: NotesTable;
}
