// Remembers whether the learner reads roadmaps as a list or as a map: links to a roadmap then lead
// to the view they picked last. The list stays the address every roadmap link has without this.
const KEY = 'trailmap:view';

function stored(): string | null {
  try {
    return window.localStorage.getItem(KEY);
  } catch {
    return null; // storage switched off: every link keeps its list address
  }
}

export function rememberViewChoice(): void {
  document.addEventListener('click', (event) => {
    const choice = (event.target as Element).closest<HTMLElement>('[data-view-choice]');
    if (!choice) return;
    try {
      window.localStorage.setItem(KEY, choice.dataset.viewChoice as string);
    } catch {
      // nothing kept; the link still goes where it says
    }
  });
  if (stored() !== 'map') return;
  for (const link of document.querySelectorAll<HTMLAnchorElement>('a[href^="/roadmaps/"]')) {
    if (link.dataset.viewChoice) continue;
    const slug = /^\/roadmaps\/([a-z0-9-]+)$/.exec(link.getAttribute('href') ?? '')?.[1];
    if (slug) link.setAttribute('href', `/roadmaps/${slug}/map`);
  }
}
