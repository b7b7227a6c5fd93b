// The team dashboard for owners and coaches: members × assigned roadmaps (percent, last activity,
// overdue), sortable; per roadmap a heatmap of topic statuses; a CSV download; live updates.
import { Layout, type PageAssets, plural, type Viewer } from '../../../views/Layout.tsx';
import type { Heatmap, TeamProgress } from '../progress.ts';

/** An address may wrap before its "@" on a phone, never in the middle of a word. */
function breakableAddress(address: string) {
  const at = address.lastIndexOf('@');
  if (at <= 0) return address;
  return (
    <>
      {address.slice(0, at)}
      <wbr />
      {address.slice(at)}
    </>
  );
}

export type TeamSort = 'name' | 'activity' | `roadmap:${string}`;

export interface TeamPageProps {
  assets: PageAssets;
  viewer: Viewer;
  progress: TeamProgress;
  heatmap: Heatmap;
  titles: Record<string, string>;
  sort: TeamSort;
  role: string;
}

const day = (iso: string | null) => (iso ? iso.slice(0, 10) : 'never');

function sortMembers(members: TeamProgress['members'], sort: TeamSort) {
  const sorted = [...members];
  if (sort === 'activity')
    sorted.sort((a, b) => (b.lastActivityAt ?? '').localeCompare(a.lastActivityAt ?? ''));
  else if (sort.startsWith('roadmap:')) {
    const slug = sort.slice('roadmap:'.length);
    sorted.sort((a, b) => (a.roadmaps[slug]?.percent ?? 0) - (b.roadmaps[slug]?.percent ?? 0));
  } else sorted.sort((a, b) => a.name.localeCompare(b.name));
  return sorted;
}

function SortLink({ sort, current, label }: { sort: TeamSort; current: TeamSort; label: string }) {
  return sort === current ? (
    <span aria-current="true">{label} ▾</span>
  ) : (
    <a href={`?sort=${encodeURIComponent(sort)}`}>{label}</a>
  );
}

export function TeamDashboard({
  progress,
  heatmap,
  titles,
  sort,
}: Omit<TeamPageProps, 'assets' | 'viewer' | 'role'>) {
  const members = sortMembers(progress.members, sort);
  return (
    <div data-team-dashboard>
      {progress.assignments.length === 0 ? (
        <p class="notice">
          No roadmap is assigned yet: assign one with the API (PUT /api/v1/teams/…/assignments/…).
        </p>
      ) : (
        <div class="team-table-wrap">
          <table class="team-table">
            <caption class="visually-hidden">Progress of each member on each assigned roadmap</caption>
            <thead>
              <tr>
                <th scope="col">
                  <SortLink sort="name" current={sort} label="Member" />
                </th>
                {progress.assignments.map((a) => (
                  <th scope="col" key={a.roadmap}>
                    <SortLink
                      sort={`roadmap:${a.roadmap}`}
                      current={sort}
                      label={titles[a.roadmap] ?? a.roadmap}
                    />
                    {a.dueDate && <span class="team-table__due">due {a.dueDate}</span>}
                  </th>
                ))}
                <th scope="col">
                  <SortLink sort="activity" current={sort} label="Last activity" />
                </th>
              </tr>
            </thead>
            <tbody>
              {members.map((m) => (
                <tr key={m.id}>
                  <th scope="row">
                    <span class="team-table__name">{breakableAddress(m.name)}</span>
                    {m.role !== 'member' && <span class="team-table__role">{m.role}</span>}
                  </th>
                  {progress.assignments.map((a) => {
                    const figures = m.roadmaps[a.roadmap];
                    return (
                      <td key={a.roadmap} class={figures?.overdue ? 'is-overdue' : undefined}>
                        <span class="team-table__percent">{figures?.percent ?? 0}%</span>
                        <span class="team-table__count">
                          {figures?.done ?? 0}/{figures?.onPath ?? 0}
                        </span>
                        {figures?.overdue && <span class="team-table__overdue">overdue</span>}
                      </td>
                    );
                  })}
                  <td>{day(m.lastActivityAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {progress.assignments.map((a) => (
        <section class="heatmap" key={a.roadmap} aria-labelledby={`heat-${a.roadmap}`}>
          <h2 id={`heat-${a.roadmap}`}>{titles[a.roadmap] ?? a.roadmap}: where the team stands</h2>
          <p class="hint">Members per topic: done, learning, skipped, not started.</p>
          <ol class="heatmap__list">
            {(heatmap[a.roadmap] ?? []).map((cell) => {
              const total =
                cell.counts.done + cell.counts.learning + cell.counts.skipped + cell.counts.pending;
              const share =
                total === 0 ? 0 : Math.round((100 * (cell.counts.done + cell.counts.skipped)) / total);
              return (
                <li
                  class={`heatmap__cell heat-${Math.round(share / 10) * 10}`}
                  key={cell.topicId}
                  data-share={share}
                >
                  <span class="heatmap__title">{cell.title}</span>
                  <span class="heatmap__counts">
                    <span title="done">✓ {cell.counts.done}</span>{' '}
                    <span title="learning">◐ {cell.counts.learning}</span>{' '}
                    <span title="skipped">↷ {cell.counts.skipped}</span>{' '}
                    <span title="not started">○ {cell.counts.pending}</span>
                  </span>
                </li>
              );
            })}
          </ol>
        </section>
      ))}
    </div>
  );
}

export function TeamPage({ assets, viewer, progress, heatmap, titles, sort, role }: TeamPageProps) {
  const slug = progress.team.slug;
  return (
    <Layout
      title={`${progress.team.name} · Trailmap`}
      description="A team's progress on Trailmap."
      assets={assets}
      viewer={viewer}
    >
      <section class="team" data-team-live={`/api/v1/teams/${slug}/events`}>
        <h1>{progress.team.name}</h1>
        <p class="team__meta">
          {plural(progress.members.length, 'member')} · you are {role} ·{' '}
          <a href={`/teams/${slug}/progress.csv`} download>
            Download CSV
          </a>
        </p>
        <p class="hint">Statuses and figures only: members’ notes are never shown to anyone but them.</p>
        <TeamDashboard progress={progress} heatmap={heatmap} titles={titles} sort={sort} />
      </section>
    </Layout>
  );
}
