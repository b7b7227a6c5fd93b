// A notice at the top of the page ("your progress is now in your account"). It survives one reload,
// since the catalogue reloads after a sign-in merge to show the account's figures.
const KEY = 'trailmap.notice';

export function showPageNotice(lines: string[], { afterReload = false } = {}) {
  if (lines.length === 0) return;
  if (afterReload) {
    sessionStorage.setItem(KEY, JSON.stringify(lines));
    return;
  }
  const main = document.querySelector('main');
  if (!main) return;
  document.querySelector('[data-page-notice]')?.remove();
  const notice = document.createElement('div');
  notice.className = 'page-notice';
  notice.dataset.pageNotice = '';
  notice.setAttribute('role', 'status');
  for (const line of lines) {
    const p = document.createElement('p');
    p.textContent = line;
    notice.append(p);
  }
  main.prepend(notice);
}

/** Shows a notice kept for this page load, once. */
export function showKeptNotice() {
  const kept = sessionStorage.getItem(KEY);
  if (!kept) return;
  sessionStorage.removeItem(KEY);
  try {
    showPageNotice(JSON.parse(kept) as string[]);
  } catch {
    // A notice that cannot be read is not worth an error.
  }
}
