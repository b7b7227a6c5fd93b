// The join page of an invitation link: which team, which role, and exactly what its owners and
// coaches will see of your progress, before you join.
import { Layout, type PageAssets, type Viewer } from '../../../views/Layout.tsx';
import type { InviteState } from '../service.ts';

export interface JoinPageProps {
  assets: PageAssets;
  viewer?: Viewer | undefined;
  token: string;
  invite: InviteState;
  error?: string | undefined;
}

/** What a team's owners and coaches see of a member; the account page says the same. */
export function SharedWithTeams() {
  return (
    <div class="shared" id="what-coaches-see">
      <h2>What the team’s owners and coaches will see</h2>
      <ul>
        <li>Your email address and your role in the team.</li>
        <li>
          On the roadmaps the team assigns: the status of each topic (done, learning, skipped or not started),
          your percent, and when you last changed something.
        </li>
      </ul>
      <h2>What they never see</h2>
      <ul>
        <li>Your private notes, which stay yours alone.</li>
        <li>Which resources you ticked as read, your password and your sessions.</li>
      </ul>
      <p class="hint">You can leave the team at any time; from then on they see nothing.</p>
    </div>
  );
}

export function JoinPage({ assets, viewer, token, invite, error }: JoinPageProps) {
  const title = invite.ok ? `Join ${invite.team.name} · Trailmap` : 'Invitation · Trailmap';
  return (
    <Layout title={title} description="An invitation to a team on Trailmap." assets={assets} viewer={viewer}>
      <section class="account join">
        {invite.ok ? (
          <>
            <h1>Join “{invite.team.name}”</h1>
            <p class="auth__lead">
              You are invited as a <strong>{invite.role}</strong>.{' '}
              {invite.role === 'coach'
                ? 'As a coach you will also see the progress of the team’s members, as described below for you.'
                : 'The team can assign you roadmaps with a due date; they appear on your catalogue and in My learning.'}
            </p>
            <SharedWithTeams />
            {error && (
              <p class="form-error" role="alert">
                {error}
              </p>
            )}
            {viewer ? (
              <form method="post" action={`/join/${token}`} class="form">
                <input type="hidden" name="_csrf" value={viewer.csrfToken} />
                <button type="submit" class="button">
                  Join {invite.team.name}
                </button>
              </form>
            ) : (
              <p>
                <a class="button" href={`/signin?next=${encodeURIComponent(`/join/${token}`)}`}>
                  Sign in to join
                </a>{' '}
                <a href={`/signup?next=${encodeURIComponent(`/join/${token}`)}`}>or create an account</a>
              </p>
            )}
          </>
        ) : (
          <>
            <h1>This invitation cannot be used</h1>
            <p class="notice" role="status">
              {invite.reason}
            </p>
          </>
        )}
      </section>
    </Layout>
  );
}
