// The team dashboard follows its members live: on each `changed` event it reads the page again and
// swaps in the fresh table and heatmaps (the server decides what a coach may see, as on first load).
export function followTeam(root: Document): void {
  const section = root.querySelector<HTMLElement>('[data-team-live]');
  const url = section?.dataset.teamLive;
  if (!section || !url) return;
  const source = new EventSource(url);
  let reading = false;
  source.addEventListener('changed', async () => {
    if (reading) return;
    reading = true;
    try {
      const response = await fetch(location.href, {
        headers: { accept: 'text/html' },
        credentials: 'same-origin',
      });
      if (!response.ok) return;
      const fresh = new DOMParser().parseFromString(await response.text(), 'text/html');
      const next = fresh.querySelector('[data-team-dashboard]');
      const current = section.querySelector('[data-team-dashboard]');
      if (next && current) current.replaceWith(next);
      section.dataset.updatedAt = String(Date.now());
    } finally {
      reading = false;
    }
  });
}
