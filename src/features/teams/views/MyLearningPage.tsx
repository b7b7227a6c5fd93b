// "My learning": the roadmaps a learner's teams assigned and the ones they started, each with the
// percent and the next topic to learn ("continue where you left off").
import { Layout, type PageAssets, type Viewer } from '../../../views/Layout.tsx';
import { assignedLabel, type LearnerAssignment } from './AssignedNote.tsx';

export interface LearningEntry {
  slug: string;
  title: string;
  percent: number;
  assignments: LearnerAssignment[];
  overdue: boolean;
  /** The next topic on the path, or a choice still to make; null when the path is finished. */
  next: { href: string; label: string } | null;
}

export interface MyLearningProps {
  assets: PageAssets;
  viewer: Viewer;
  entries: LearningEntry[];
  teams: { slug: string; name: string; role: string }[];
}

export function MyLearningPage({ assets, viewer, entries, teams }: MyLearningProps) {
  return (
    <Layout
      title="My learning · Trailmap"
      description="Your roadmaps on Trailmap."
      assets={assets}
      viewer={viewer}
    >
      <header class="page-header">
        <h1>My learning</h1>
        <p class="subtitle">The roadmaps your teams assigned and the ones you started.</p>
      </header>
      {entries.length === 0 ? (
        <p class="notice">
          Nothing here yet: open a roadmap from <a href="/">All Roadmaps</a> and mark a topic.
        </p>
      ) : (
        <ul class="learning-list">
          {entries.map((entry) => (
            <li key={entry.slug} class="learning-item" data-learning={entry.slug}>
              <a class="learning-item__title" href={`/roadmaps/${entry.slug}`}>
                {entry.title}
              </a>
              {entry.assignments.map((a) => (
                <span key={a.team.slug} class="assigned-badge">
                  {assignedLabel(a)}
                </span>
              ))}
              {entry.overdue && <span class="team-table__overdue">overdue</span>}
              <span class="learning-item__progress">
                <progress class="bar" max={100} value={entry.percent} aria-hidden="true" />
                <span>{entry.percent}% done</span>
              </span>
              {entry.next ? (
                <a class="button button--small" href={entry.next.href}>
                  {entry.next.label}
                </a>
              ) : (
                <span class="hint">Path finished.</span>
              )}
            </li>
          ))}
        </ul>
      )}
      {teams.length > 0 && (
        <section aria-labelledby="my-teams">
          <h2 id="my-teams">My teams</h2>
          <ul>
            {teams.map((t) => (
              <li key={t.slug}>
                {t.role === 'member' ? t.name : <a href={`/teams/${t.slug}`}>{t.name}</a>} ({t.role})
              </li>
            ))}
          </ul>
          <p class="hint">
            Owners and coaches of your teams see the statuses and percent of the roadmaps they assign you, and
            when you last changed something — never your notes.
          </p>
        </section>
      )}
    </Layout>
  );
}
