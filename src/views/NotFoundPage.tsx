// The 404 page, in the site's design.
import { Layout, type PageAssets } from './Layout.tsx';

export function NotFoundPage({ assets, message }: { assets: PageAssets; message: string }) {
  return (
    <Layout title="Page not found · Trailmap" description="This page does not exist." assets={assets}>
      <section class="not-found">
        <p class="eyebrow">404</p>
        <h1>Page not found</h1>
        <p>{message}</p>
        <p>
          <a class="button" href="/">
            Browse all roadmaps
          </a>
        </p>
      </section>
    </Layout>
  );
}
