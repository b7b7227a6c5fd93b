// Trailmap's look for the API reference (Swagger UI): its name and icon, its colours, the system's
// dark mode, and a way back to the site. Served as files by Swagger UI, so the page's CSP holds.

/** Runs in the browser after Swagger UI: the top bar becomes Trailmap's, the logo leads home. */
const script = (icon: string) => `(function () {
  var dark = window.matchMedia('(prefers-color-scheme: dark)');
  function applyScheme() { document.documentElement.classList.toggle('dark-mode', dark.matches); }
  applyScheme();
  dark.addEventListener('change', applyScheme);
  function brand() {
    var wrapper = document.querySelector('#swagger-ui .topbar-wrapper');
    if (!wrapper || wrapper.querySelector('.trailmap-home')) return;
    var old = wrapper.querySelector('a.link');
    var home = document.createElement('a');
    home.className = 'link trailmap-home';
    home.href = '/';
    var img = document.createElement('img');
    img.src = ${JSON.stringify(icon)};
    img.alt = '';
    img.width = 32;
    img.height = 32;
    var name = document.createElement('span');
    name.textContent = 'Trailmap API';
    home.append(img, name);
    if (old) old.replaceWith(home); else wrapper.prepend(home);
    var back = document.createElement('a');
    back.className = 'trailmap-back';
    back.href = '/';
    back.textContent = 'All roadmaps';
    wrapper.append(back);
  }
  new MutationObserver(brand).observe(document.body, { childList: true, subtree: true });
  brand();
})();
`;

const css = `
.swagger-ui .topbar { background: #0f766e; padding: 0.6rem 0; }
.swagger-ui .topbar .topbar-wrapper { flex-direction: row; align-items: center; gap: 1rem; }
.swagger-ui .topbar a.trailmap-home { gap: 0.6rem; font-size: 1.25rem; max-width: none; flex: 0 1 auto; }
.swagger-ui .topbar a.trailmap-home span { padding: 0; }
.swagger-ui .topbar a.trailmap-home img { border-radius: 7px; box-shadow: 0 0 0 2px rgb(255 255 255 / 40%); }
.swagger-ui .topbar a.trailmap-back { margin-left: auto; flex: 0 0 auto; font-size: 1rem; font-weight: 600;
  color: #fff; text-decoration: underline; text-underline-offset: 0.2em; max-width: none; }
.swagger-ui .topbar a:focus-visible { outline: 3px solid #fbbf24; outline-offset: 3px; }
/* One document only, and the page follows the system's colour scheme like the rest of the site. */
.swagger-ui .topbar .download-url-wrapper, .swagger-ui .topbar .dark-mode-toggle { display: none; }
.swagger-ui .info .title { font-size: 2rem; }
html.dark-mode, html.dark-mode body { background: #111416; }
html.dark-mode .swagger-ui .topbar { background: #0b5a54; }
`;

export function apiDocsTheme(iconUrl: string, iconSvg: Buffer) {
  return {
    title: 'Trailmap API',
    css: [{ filename: 'trailmap.css', content: css }],
    js: [{ filename: 'trailmap.js', content: script(iconUrl) }],
    favicon: [
      { filename: 'favicon.svg', rel: 'icon', sizes: 'any', type: 'image/svg+xml', content: iconSvg },
    ],
  };
}
