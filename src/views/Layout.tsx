// The frame every page shares: head, site header, main landmark, footer.
import type { ComponentChildren } from 'preact';

export interface PageAssets {
  js: string;
  css: string;
  icon: string;
}

interface LayoutProps {
  title: string;
  description: string;
  assets: PageAssets;
  children: ComponentChildren;
}

export function Layout({ title, description, assets, children }: LayoutProps) {
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
      <body>
        <a class="skip-link" href="#main">
          Skip to content
        </a>
        <header class="site-header">
          <div class="site-header__inner">
            <a class="brand" href="/">
              <img class="brand__mark" src={assets.icon} alt="" width="28" height="28" />
              Trailmap
            </a>
            <nav aria-label="Site">
              <ul class="site-nav">
                <li>
                  <a href="/">All Roadmaps</a>
                </li>
                <li>
                  <a href="/api/docs">API</a>
                </li>
              </ul>
            </nav>
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
