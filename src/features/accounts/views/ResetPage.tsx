// The page a reset link opens: choose a new password (the link works once, within an hour).

import { Layout, type PageAssets } from '../../../views/Layout.tsx';
import { NewPasswordField } from './NewPasswordField.tsx';

export interface ResetPageProps {
  assets: PageAssets;
  csrfToken: string;
  token: string;
  email: string;
  error?: string;
}

const sentence = (message: string) => message.charAt(0).toUpperCase() + message.slice(1);

export function ResetPage({ assets, csrfToken, token, email, error }: ResetPageProps) {
  return (
    <Layout title="Choose a new password · Trailmap" description="Choose a new password." assets={assets}>
      <section class="auth">
        <h1>Choose a new password</h1>
        <p class="auth__lead">
          For <strong>{email}</strong>. Saving it signs you in here and signs you out everywhere else.
        </p>
        <form method="post" action={`/reset/${token}`} class="form">
          <input type="hidden" name="_csrf" value={csrfToken} />
          {error && (
            <p class="form-error" role="alert" id="reset-error">
              {sentence(error)}
            </p>
          )}
          <input type="email" name="username" autocomplete="username" value={email} hidden readOnly />
          <NewPasswordField name="password" errorId={error ? 'reset-error' : undefined} />
          <button type="submit" class="button">
            Save and sign in
          </button>
        </form>
      </section>
    </Layout>
  );
}
