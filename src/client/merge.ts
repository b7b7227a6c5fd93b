// When a learner signs in, what they marked in this browser while signed out moves into the account:
// the server merges it (newest change wins), keeping what the roadmap can hold and naming what it
// cannot; only once the server has stored it is it removed from the browser. Says what happened.
import type { MergeOut } from '../features/progress/schema.ts';
import { ApiError, api, forgetLocalNote, forgetLocalProgress, localNotes, localProgress } from './stores.ts';

export interface MergeReport {
  /** Roadmaps whose progress changed in the account. */
  merged: string[];
  /** Marked topics now in the account. */
  kept: number;
  notes: number;
  /** One sentence per entry that could not be kept. */
  dropped: string[];
  /** Roadmaps whose progress or notes could not reach the server: they stay in this browser. */
  unsent: string[];
}

const noteUrl = (slug: string, topicId: string) =>
  `/api/v1/me/notes/${encodeURIComponent(slug)}/${encodeURIComponent(topicId)}`;

export async function mergeBrowserProgressIntoAccount(): Promise<MergeReport> {
  const report: MergeReport = { merged: [], kept: 0, notes: 0, dropped: [], unsent: [] };
  const notes = localNotes();
  const progress = localProgress();
  for (const slug of new Set([...Object.keys(progress), ...Object.keys(notes)])) {
    const doc = progress[slug];
    try {
      if (doc) {
        try {
          const answer = await api<Pick<MergeOut, 'kept' | 'dropped'>>(
            'POST',
            `/api/v1/me/progress/${encodeURIComponent(slug)}/merge`,
            {
              // Only the fields the endpoint takes; the server's rules judge every entry.
              choices: doc.choices ?? {},
              choicesUpdatedAt: doc.choicesUpdatedAt ?? {},
              topics: doc.topics ?? {},
              resources: doc.resources ?? {},
            },
          );
          report.kept += answer.kept;
          report.dropped.push(...answer.dropped.map((problem) => `${problem} (${slug})`));
          report.merged.push(slug);
        } catch (error) {
          // A refusal stays a refusal on every page load: report it rather than retry forever.
          if (!(error instanceof ApiError) || error.kind !== 'refused') throw error;
          report.dropped.push(`progress for "${slug}": ${error.message}`);
        }
        forgetLocalProgress(slug);
      }
      for (const [topicId, note] of Object.entries(notes[slug] ?? {})) {
        try {
          const current = await api<{ updatedAt: string | null }>('GET', noteUrl(slug, topicId));
          if (!current.updatedAt || Date.parse(current.updatedAt) < Date.parse(note.updatedAt)) {
            await api('PUT', noteUrl(slug, topicId), { markdown: note.markdown });
            report.notes++;
            if (!report.merged.includes(slug)) report.merged.push(slug);
          }
        } catch (error) {
          if (!(error instanceof ApiError) || error.kind !== 'refused') throw error;
          report.dropped.push(`note on "${topicId}" (${slug}): ${error.message}`);
        }
        forgetLocalNote(slug, topicId);
      }
    } catch {
      // No connection, or the server is in trouble: what is left stays here for the next page.
      report.unsent.push(slug);
    }
  }
  return report;
}

/**
 * The report in a learner's words, one sentence a line; nothing when there was nothing to say.
 * Right after a sign-up it starts with "Account created", with or without anything merged.
 */
export function describeMerge(report: MergeReport, { signedUp = false } = {}): string[] {
  const lines: string[] = [];
  const parts = [
    report.kept > 0 ? (report.kept === 1 ? '1 marked topic' : `${report.kept} marked topics`) : '',
    report.notes > 0 ? (report.notes === 1 ? '1 note' : `${report.notes} notes`) : '',
  ].filter(Boolean);
  const saved = parts.join(' and ');
  const are = report.kept + report.notes === 1 ? 'is' : 'are';
  if (signedUp)
    lines.push(
      parts.length > 0 ? `Account created: your ${saved} ${are} now saved in it.` : 'Account created.',
    );
  else if (parts.length > 0) lines.push(`Your ${saved} from this browser ${are} now saved in your account.`);
  if (report.dropped.length > 0) {
    const n = report.dropped.length;
    lines.push(
      `${n === 1 ? '1 entry' : `${n} entries`} from this browser could not be kept: ${report.dropped.join('; ')}.`,
    );
  }
  if (report.unsent.length > 0)
    lines.push(
      'Trailmap could not be reached, so what you marked in this browser is not in your account yet: it stays here and is saved the next time a page loads.',
    );
  return lines;
}
