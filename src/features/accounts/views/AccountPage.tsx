// The account page: who you are, change the password, download your data, delete the account.
import { Layout, type PageAssets, type Viewer } from '../../../views/Layout.tsx';
import { SharedWithTeams } from '../../teams/views/JoinPage.tsx';
import { NewPasswordField } from './NewPasswordField.tsx';

export interface AccountPageProps {
  assets: PageAssets;
  viewer: Viewer;
  createdAt: Date;
  notice?: string;
  error?: { form: 'password' | 'delete' | 'email'; message: string };
  /** Null until the address is confirmed with a mailed link. */
  emailVerifiedAt: Date | null;
  sendsMail: boolean;
  /** An instance admin: the page links to /admin. */
  isAdmin?: boolean;
}

export function AccountPage({
  assets,
  viewer,
  createdAt,
  notice,
  error,
  emailVerifiedAt,
  sendsMail,
  isAdmin = false,
}: AccountPageProps) {
  return (
    <Layout
      title="Your account · Trailmap"
      description="Your Trailmap account."
      assets={assets}
      viewer={viewer}
    >
      <section class="account">
        <h1>Your account</h1>
        <p>
          Signed in as <strong>{viewer.email}</strong>, member since{' '}
          <time dateTime={createdAt.toISOString()}>{createdAt.toISOString().slice(0, 10)}</time>.
        </p>
        {notice && (
          <p class="notice" role="status">
            {notice}
          </p>
        )}
        {sendsMail && !emailVerifiedAt && (
          <div class="notice reminder" role="status" id="verify-reminder">
            <p>
              Your address is not confirmed yet: open the link we mailed to <strong>{viewer.email}</strong>.
              It can get you back in if you forget your password.
            </p>
            <form method="post" action="/account/verify-email">
              <input type="hidden" name="_csrf" value={viewer.csrfToken} />
              <button type="submit" class="button button--secondary">
                Send it again
              </button>
            </form>
          </div>
        )}

        <h2 id="email-title">Email address</h2>
        <form method="post" action="/account/email" class="form" aria-labelledby="email-title">
          <input type="hidden" name="_csrf" value={viewer.csrfToken} />
          {error?.form === 'email' && (
            <p class="form-error" role="alert">
              {error.message}
            </p>
          )}
          <label for="new-email">New email address</label>
          <input id="new-email" name="email" type="email" autocomplete="email" required maxLength={254} />
          <label for="email-password">Current password</label>
          <input
            id="email-password"
            name="password"
            type="password"
            autocomplete="current-password"
            required
            maxLength={256}
          />
          <p class="hint">
            {sendsMail
              ? 'We mail a notice to your current address and a confirmation link to the new one.'
              : 'You sign in with the new address from then on.'}
          </p>
          <button type="submit" class="button">
            Change email
          </button>
        </form>

        <h2 id="password-title">Change password</h2>
        <form method="post" action="/account/password" class="form" aria-labelledby="password-title">
          <input type="hidden" name="_csrf" value={viewer.csrfToken} />
          {error?.form === 'password' && (
            <p class="form-error" role="alert">
              {error.message}
            </p>
          )}
          <label for="current">Current password</label>
          <input
            id="current"
            name="current"
            type="password"
            autocomplete="current-password"
            required
            maxLength={256}
          />
          <NewPasswordField
            name="next"
            hint="At least 8 characters. Changing it signs you out everywhere else."
          />
          <button type="submit" class="button">
            Change password
          </button>
        </form>

        <h2 id="teams-title">Teams</h2>
        <p>
          <a href="/me">My learning</a>: the roadmaps your teams assigned and the ones you started.
          {isAdmin && (
            <>
              {' '}
              You are an admin of this server: <a href="/admin">Admin</a>.
            </>
          )}
        </p>
        <SharedWithTeams />
        <h2>Your data</h2>
        <p>
          Everything Trailmap keeps about you — your account, progress, choices and notes — as one JSON file.
        </p>
        <p>
          <a class="button button--secondary" href="/api/v1/me/export" download>
            Download all my data
          </a>
        </p>

        <h2 id="delete-title">Delete account</h2>
        <form method="post" action="/account/delete" class="form form--danger" aria-labelledby="delete-title">
          <input type="hidden" name="_csrf" value={viewer.csrfToken} />
          <p>This deletes your account, progress, choices and notes at once. It cannot be undone.</p>
          {error?.form === 'delete' && (
            <p class="form-error" role="alert">
              {error.message}
            </p>
          )}
          <label for="delete-password">Your password, to confirm</label>
          <input
            id="delete-password"
            name="password"
            type="password"
            autocomplete="current-password"
            required
            maxLength={256}
          />
          <button type="submit" class="button button--danger">
            Delete my account
          </button>
        </form>
      </section>
    </Layout>
  );
}
