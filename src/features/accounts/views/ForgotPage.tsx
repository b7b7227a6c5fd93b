// "Forgot your password?": ask for a reset link by mail, or, on a server without mail, what to do.
import { Layout, type PageAssets } from '../../../views/Layout.tsx';

export interface ForgotPageProps {
  assets: PageAssets;
  csrfToken: string;
  /** False without SMTP_URL: the page then explains the operator's command instead of a form. */
  sendsMail: boolean;
  email?: string;
  /** After the form was sent: the same words whether or not the address has an account. */
  sent?: string;
  error?: string;
  /** Why the link that brought the learner here did not work (from /reset/<token>). */
  problem?: string;
}

export function ForgotPage({ assets, csrfToken, sendsMail, email, sent, error, problem }: ForgotPageProps) {
  return (
    <Layout
      title="Reset your password · Trailmap"
      description="Get a link to choose a new password."
      assets={assets}
    >
      <section class="auth">
        <h1>Reset your password</h1>
        {problem && (
          <p class="form-error" role="alert">
            {problem}.{sendsMail ? ' Ask for a new link below.' : ''}
          </p>
        )}
        {!sendsMail ? (
          <>
            <p class="notice" role="status" id="no-email">
              This server sends no email, so it cannot mail you a reset link.
            </p>
            <p>
              Ask the person who runs this Trailmap to run{' '}
              <code>trailmap user reset-password &lt;your email&gt;</code>: it gives you a one-time password
              to sign in with, and you can then choose a new one on your account page.
            </p>
          </>
        ) : sent ? (
          <p class="notice" role="status">
            {sent}
          </p>
        ) : (
          <p class="auth__lead">
            Enter the address of your account: we mail you a link to choose a new password.
          </p>
        )}
        {sendsMail && (
          <form method="post" action="/forgot" class="form">
            <input type="hidden" name="_csrf" value={csrfToken} />
            {error && (
              <p class="form-error" role="alert" id="forgot-error">
                {error}
              </p>
            )}
            <label for="email">Email</label>
            <input
              id="email"
              name="email"
              type="email"
              autocomplete="email"
              required
              maxLength={254}
              value={email ?? ''}
              aria-describedby={error ? 'forgot-error' : undefined}
            />
            <button type="submit" class="button">
              {sent ? 'Send another link' : 'Send me a link'}
            </button>
          </form>
        )}
        <p>
          Remembered it? <a href="/signin">Sign in</a>
        </p>
      </section>
    </Layout>
  );
}
