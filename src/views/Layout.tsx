// The frame every page shares: head, site header, main landmark, footer.
import type { ComponentChildren } from 'preact';

export interface PageAssets {
  js: string;
  css: string;
  icon: string;
}

/** Who is looking at a personal page; absent on the shared (cached) pages. */
export interface Viewer {
  email: string;
  csrfToken: string;
}

interface LayoutProps {
  title: string;
  description: string;
  assets: PageAssets;
  viewer?: Viewer | undefined;
  children: ComponentChildren;
}

/** The header's search field: submits to /search; with JavaScript it opens the search dialog. */
function SiteSearch() {
  return (
    <search class="site-search">
      <form method="get" action="/search">
        <label for="site-search-q" class="visually-hidden">
          Search
        </label>
        <input
          id="site-search-q"
          class="site-search__input"
          type="search"
          name="q"
          placeholder="Search"
          maxLength={200}
          autocomplete="off"
          aria-keyshortcuts="Control+K Meta+K /"
          data-search-field
        />
      </form>
    </search>
  );
}

function SiteNav({ viewer }: { viewer?: Viewer | undefined }) {
  return (
    <nav aria-label="Site">
      <ul class="site-nav">
        <li>
          <a href="/">All Roadmaps</a>
        </li>
        <li class="site-nav__secondary">
          <a href="/api/docs">API</a>
        </li>
        {viewer ? (
          <>
            <li>
              <a href="/account" title={viewer.email}>
                Account
              </a>
            </li>
            <li>
              <form method="post" action="/signout" class="inline-form">
                <input type="hidden" name="_csrf" value={viewer.csrfToken} />
                <button type="submit" class="link-button">
                  Sign out
                </button>
              </form>
            </li>
          </>
        ) : (
          <li>
            <a href="/signin" class="site-nav__signin">
              Sign in
            </a>
          </li>
        )}
      </ul>
    </nav>
  );
}

export function Layout({ title, description, assets, viewer, children }: LayoutProps) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
        <meta name="description" content={description} />
        <meta name="color-scheme" content="light dark" />
        <link rel="icon" href={assets.icon} type="image/svg+xml" />
        <link rel="stylesheet" href={assets.css} />
        <script type="module" src={assets.js} />
      </head>
      <body data-signed-in={viewer ? 'true' : undefined}>
        <a class="skip-link" href="#main">
          Skip to content
        </a>
        <header class="site-header">
          <div class="site-header__inner">
            <a class="brand" href="/">
              <img class="brand__mark" src={assets.icon} alt="" width="28" height="28" />
              Trailmap
            </a>
            <SiteSearch />
            <SiteNav viewer={viewer} />
          </div>
        </header>
        <main id="main" class="page">
          {children}
        </main>
        <footer class="site-footer">
          <p>Trailmap — open, self-hostable learning roadmaps. Every resource listed is free.</p>
        </footer>
      </body>
    </html>
  );
}

export function formatHours(hours: number): string {
  return `~${Math.round(hours)} h`;
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
