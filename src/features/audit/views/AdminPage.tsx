// /admin for instance admins: the learners, the teams, and the newest entries of the audit log.
import { Layout, type PageAssets, type Viewer } from '../../../views/Layout.tsx';
import type { AuditRecord } from '../audit.ts';

export interface AdminPageProps {
  assets: PageAssets;
  viewer: Viewer;
  learners: { email: string; created_at: Date; roadmaps: number; is_admin: boolean }[];
  teams: { slug: string; name: string; created_at: Date; members: string | number }[];
  audit: AuditRecord[];
}

const day = (value: Date) => new Date(value).toISOString().slice(0, 10);

export function AdminPage({ assets, viewer, learners, teams, audit }: AdminPageProps) {
  return (
    <Layout
      title="Admin · Trailmap"
      description="Administration of this Trailmap server."
      assets={assets}
      viewer={viewer}
    >
      <header class="page-header">
        <h1>Admin</h1>
        <p class="subtitle">
          Learners, teams and the audit log of this server. Admins see no one’s progress or notes here; team
          figures are for each team’s owners and coaches.
        </p>
      </header>
      <section aria-labelledby="admin-learners">
        <h2 id="admin-learners">Learners ({learners.length})</h2>
        <div class="team-table-wrap">
          <table class="team-table">
            <thead>
              <tr>
                <th scope="col">Email</th>
                <th scope="col">Since</th>
                <th scope="col">Roadmaps started</th>
              </tr>
            </thead>
            <tbody>
              {learners.map((l) => (
                <tr key={l.email}>
                  <th scope="row">
                    {l.email}
                    {l.is_admin && <span class="team-table__role">admin</span>}
                  </th>
                  <td>{day(l.created_at)}</td>
                  <td>{l.roadmaps}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section aria-labelledby="admin-teams">
        <h2 id="admin-teams">Teams ({teams.length})</h2>
        {teams.length === 0 ? (
          <p class="hint">No team yet.</p>
        ) : (
          <div class="team-table-wrap">
            <table class="team-table">
              <thead>
                <tr>
                  <th scope="col">Team</th>
                  <th scope="col">Address</th>
                  <th scope="col">Members</th>
                  <th scope="col">Since</th>
                </tr>
              </thead>
              <tbody>
                {teams.map((t) => (
                  <tr key={t.slug}>
                    <th scope="row">{t.name}</th>
                    <td>{t.slug}</td>
                    <td>{Number(t.members)}</td>
                    <td>{day(t.created_at)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section aria-labelledby="admin-audit">
        <h2 id="admin-audit">Audit log</h2>
        <div class="team-table-wrap">
          <table class="team-table">
            <thead>
              <tr>
                <th scope="col">When (UTC)</th>
                <th scope="col">Who</th>
                <th scope="col">Action</th>
                <th scope="col">Target</th>
                <th scope="col">From</th>
              </tr>
            </thead>
            <tbody>
              {audit.map((entry, i) => (
                <tr key={`${entry.at.toISOString()}-${i}`}>
                  <td>{entry.at.toISOString().slice(0, 19).replace('T', ' ')}</td>
                  <td>{entry.actorEmail ?? 'operator (CLI)'}</td>
                  <td>{entry.action}</td>
                  <td>{entry.target}</td>
                  <td>{entry.ip ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </Layout>
  );
}
