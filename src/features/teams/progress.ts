// A team's figures for its owners and coaches: per member and assigned roadmap the same percent a
// member sees on their own page (progress/service.ts viewOf, one rules path), and per roadmap how
// many members have each topic done, learning, skipped or not started. Statuses and choices only:
// notes are never read here.
import type { Catalog } from '../../content/model.ts';
import type { Db } from '../../db/tables.ts';
import { effectiveStatuses } from '../progress/effective.ts';
import type { LearnerRecords } from '../progress/records.ts';
import type { TopicStatus } from '../progress/rules.ts';
import { viewOf } from '../progress/service.ts';
import { teamFor } from './service.ts';
import * as store from './store.ts';
import type { TeamRole } from './tables.ts';

export interface MemberFigures {
  percent: number;
  done: number;
  onPath: number;
  overdue: boolean;
}

export interface TeamProgress {
  team: { slug: string; name: string };
  assignments: { roadmap: string; dueDate: string | null }[];
  members: {
    id: string;
    name: string;
    role: TeamRole;
    lastActivityAt: string | null;
    roadmaps: Record<string, MemberFigures>;
  }[];
}

export type Heatmap = Record<
  string,
  { topicId: string; title: string; counts: Record<TopicStatus, number> }[]
>;

const today = () => new Date().toISOString().slice(0, 10);

/** Owners and coaches only; a member gets 403 and someone outside the team 404 (teamFor). */
export async function teamProgress(
  db: Db,
  catalog: Catalog,
  slug: string,
  learnerId: string,
): Promise<{ progress: TeamProgress; heatmap: Heatmap }> {
  const team = await teamFor(db, slug, learnerId, 'see-progress');
  const members = await store.membersOf(db, team.id);
  // Assignments of roadmaps no longer in the catalogue are left out until they come back.
  const assignments = (await store.assignmentsOf(db, team.id)).filter((a) => catalog.bySlug.has(a.roadmap));
  const rows = await store.teamProgressRows(db, team.id);

  const recordsOf = new Map<
    string,
    { statuses: LearnerRecords['statuses'][number][]; choices: LearnerRecords['choices'][number][] }
  >();
  const lastActivity = new Map<string, number>();
  const entry = (id: string) => {
    let found = recordsOf.get(id);
    if (!found) {
      found = { statuses: [], choices: [] };
      recordsOf.set(id, found);
    }
    return found;
  };
  const touch = (id: string, at: Date) =>
    lastActivity.set(id, Math.max(lastActivity.get(id) ?? 0, at.getTime()));
  for (const r of rows.statuses) {
    const updatedAt = new Date(r.updated_at);
    entry(r.learner_id).statuses.push({
      roadmap: r.roadmap,
      topicId: r.topic_id,
      status: r.status,
      updatedAt,
    });
    touch(r.learner_id, updatedAt);
  }
  for (const r of rows.choices) {
    const updatedAt = new Date(r.updated_at);
    entry(r.learner_id).choices.push({
      roadmap: r.roadmap,
      group: r.group_id,
      option: r.option_id,
      updatedAt,
    });
    touch(r.learner_id, updatedAt);
  }

  const heatmap: Heatmap = {};
  for (const assignment of assignments) {
    const roadmap = catalog.bySlug.get(assignment.roadmap);
    if (!roadmap) continue;
    heatmap[roadmap.slug] = roadmap.topics.map((t) => ({
      topicId: t.id,
      title: t.title,
      counts: { done: 0, learning: 0, skipped: 0, pending: 0 },
    }));
  }

  const now = today();
  const result = members.map((member) => {
    const own = recordsOf.get(member.id) ?? { statuses: [], choices: [] };
    const records: LearnerRecords = { ...own, ticks: [] };
    const roadmaps: Record<string, MemberFigures> = {};
    for (const assignment of assignments) {
      const roadmap = catalog.bySlug.get(assignment.roadmap);
      if (!roadmap) continue;
      const { summary } = viewOf(catalog, roadmap, records);
      roadmaps[roadmap.slug] = {
        percent: summary.percent,
        done: summary.done,
        onPath: summary.path,
        overdue: assignment.dueDate !== null && summary.percent < 100 && now > assignment.dueDate,
      };
      const statuses = effectiveStatuses(catalog, roadmap, records.statuses);
      for (const cell of heatmap[roadmap.slug] ?? [])
        cell.counts[statuses[cell.topicId]?.status ?? 'pending']++;
    }
    const last = lastActivity.get(member.id);
    return {
      id: member.id,
      name: member.email,
      role: member.role,
      lastActivityAt: last ? new Date(last).toISOString() : null,
      roadmaps,
    };
  });

  return {
    progress: {
      team: { slug: team.slug, name: team.name },
      assignments: assignments.map((a) => ({ roadmap: a.roadmap, dueDate: a.dueDate })),
      members: result,
    },
    heatmap,
  };
}

/** The progress as CSV: one line per member and assigned roadmap. */
export function progressCsv(progress: TeamProgress): string {
  const cell = (value: string | number | boolean | null) => {
    const text = value === null ? '' : String(value);
    // A leading =, +, - or @ would make a spreadsheet run the cell as a formula.
    const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
    return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
  };
  const lines = [
    ['member', 'role', 'roadmap', 'percent', 'done', 'on path', 'due', 'overdue', 'last activity'],
  ];
  for (const member of progress.members) {
    for (const assignment of progress.assignments) {
      const figures = member.roadmaps[assignment.roadmap];
      if (!figures) continue;
      lines.push([
        member.name,
        member.role,
        assignment.roadmap,
        String(figures.percent),
        String(figures.done),
        String(figures.onPath),
        assignment.dueDate ?? '',
        figures.overdue ? 'yes' : 'no',
        member.lastActivityAt ?? '',
      ]);
    }
  }
  return `${lines.map((line) => line.map(cell).join(',')).join('\r\n')}\r\n`;
}
