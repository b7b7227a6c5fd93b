// Pages for errors a visitor can meet: not found, refused, too many attempts, the database away.
import { Layout, type PageAssets } from './Layout.tsx';

const TITLES: Record<number, string> = {
  400: 'Something in the request was not right',
  401: 'Please sign in',
  403: 'Not allowed',
  404: 'Page not found',
  405: 'Not possible here',
  409: 'Already there',
  413: 'Too large',
  429: 'Too many attempts',
  503: 'Temporarily unavailable',
};

export function ErrorPage({
  assets,
  status,
  message,
}: {
  assets: PageAssets;
  status: number;
  message: string;
}) {
  const title = TITLES[status] ?? (status >= 500 ? 'Something went wrong' : 'That did not work');
  return (
    <Layout title={`${title} · Trailmap`} description={message} assets={assets}>
      <section class="not-found">
        <p class="eyebrow">{status}</p>
        <h1>{title}</h1>
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
