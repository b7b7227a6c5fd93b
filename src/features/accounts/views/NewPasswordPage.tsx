// The form a one-time password leads to: the learner must choose a new password before anything else.

import { Layout, type PageAssets, type Viewer } from '../../../views/Layout.tsx';
import { NewPasswordField } from './NewPasswordField.tsx';

export interface NewPasswordPageProps {
  assets: PageAssets;
  viewer: Viewer;
  error?: string | undefined;
}

/** The service names the API field ("next must be…"); the page names what the learner typed. */
const sentence = (message: string) => {
  const text = message.replace(/^next\b/, 'the new password');
  return text.charAt(0).toUpperCase() + text.slice(1);
};

export function NewPasswordPage({ assets, viewer, error }: NewPasswordPageProps) {
  return (
    <Layout
      title="Choose a new password · Trailmap"
      description="Choose a new password for your Trailmap account."
      assets={assets}
      viewer={viewer}
    >
      <section class="auth">
        <h1>Choose a new password</h1>
        <p class="auth__lead" id="new-password-why">
          You signed in with a one-time password from an administrator. It worked once and cannot be used
          again: choose your own password to go on using Trailmap.
        </p>
        {error && (
          <p class="form-error" role="alert" id="new-password-error">
            {sentence(error)}
          </p>
        )}
        <form method="post" action="/account/password" class="form" aria-describedby="new-password-why">
          <input type="hidden" name="_csrf" value={viewer.csrfToken} />
          <NewPasswordField name="next" errorId={error ? 'new-password-error' : undefined} />
          <button type="submit" class="button">
            Save new password
          </button>
        </form>
      </section>
    </Layout>
  );
}
