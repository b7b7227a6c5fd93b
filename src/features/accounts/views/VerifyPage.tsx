// What a confirmation link says once opened: confirmed, or why not and how to get a new link.
import { Layout, type PageAssets, type Viewer } from '../../../views/Layout.tsx';

export interface VerifyPageProps {
  assets: PageAssets;
  viewer?: Viewer | undefined;
  confirmed?: string;
  problem?: string;
}

export function VerifyPage({ assets, viewer, confirmed, problem }: VerifyPageProps) {
  return (
    <Layout
      title="Confirm your address · Trailmap"
      description="Confirm your email address."
      assets={assets}
      viewer={viewer}
    >
      <section class="auth">
        <h1>{confirmed ? 'Address confirmed' : 'This link did not work'}</h1>
        {confirmed ? (
          <p class="notice" role="status">
            {confirmed} is confirmed. Thank you.
          </p>
        ) : (
          <p class="form-error" role="alert">
            {problem}.
          </p>
        )}
        <p>
          {confirmed ? (
            <a class="button" href={viewer ? '/account' : '/signin'}>
              {viewer ? 'Back to your account' : 'Sign in'}
            </a>
          ) : viewer ? (
            <>
              Send a new link from <a href="/account">your account page</a>.
            </>
          ) : (
            <>
              <a href="/signin">Sign in</a> to send a new link from your account page, or ask for one on the
              sign-in page.
            </>
          )}
        </p>
      </section>
    </Layout>
  );
}
