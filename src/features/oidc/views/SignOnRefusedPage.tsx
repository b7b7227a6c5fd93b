// The page a refused single sign-on ends on: what happened in a sentence, and the way back.
import { Layout, type PageAssets } from '../../../views/Layout.tsx';

export function SignOnRefusedPage({
  assets,
  status,
  message,
}: {
  assets: PageAssets;
  status: number;
  message: string;
}) {
  return (
    <Layout title="Single sign-on did not complete · Trailmap" description={message} assets={assets}>
      <section class="auth">
        <p class="eyebrow">{status}</p>
        <h1>Single sign-on did not complete</h1>
        <p class="form-error" role="alert">
          {message}
        </p>
        <p>
          <a class="button" href="/signin">
            Back to sign in
          </a>
        </p>
      </section>
    </Layout>
  );
}
