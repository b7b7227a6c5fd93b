// Keeps every open tab and device in step. Signed in: Server-Sent Events from the account (the
// browser reconnects by itself and resumes with Last-Event-ID). Signed out: the browser's own
// storage events, which other tabs of this browser receive when progress changes.
const REFRESH_AFTER_MS = 50;

export function followChanges(signedIn: boolean, refresh: () => void, refreshNotes: () => void): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const soon = () => {
    clearTimeout(timer);
    timer = setTimeout(refresh, REFRESH_AFTER_MS);
  };
  if (signedIn) {
    const source = new EventSource('/api/v1/me/events');
    source.addEventListener('progress', soon);
    source.addEventListener('choice', soon);
    source.addEventListener('resource', soon);
    source.addEventListener('note', refreshNotes);
    // After a (re)connection, anything missed while away is read afresh.
    source.addEventListener('open', () => {
      soon();
      refreshNotes();
    });
    // The session ended (signed out here or elsewhere, password changed): reconnecting would only
    // be refused.
    source.addEventListener('signed-out', () => source.close());
  } else {
    window.addEventListener('storage', (event) => {
      if (event.key === null || event.key.startsWith('trailmap.')) soon();
      if (event.key === null || event.key === 'trailmap.notes.v1') refreshNotes();
    });
  }
}
