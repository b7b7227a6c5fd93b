// When a learner signs in, what they marked in this browser while signed out moves into the account:
// the server merges it (newest change wins) and only then is it removed from the browser.
import { forgetLocal, localNotes, localProgress } from './stores.ts';

export async function mergeBrowserProgressIntoAccount(): Promise<string[]> {
  const merged: string[] = [];
  const notes = localNotes();
  const slugs = new Set([...Object.keys(localProgress()), ...Object.keys(notes)]);
  for (const slug of slugs) {
    const doc = localProgress()[slug];
    try {
      if (doc) {
        const response = await fetch(`/api/v1/me/progress/${encodeURIComponent(slug)}/merge`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(doc),
        });
        if (!response.ok) continue; // Kept in the browser: nothing is dropped silently.
      }
      for (const [topicId, note] of Object.entries(notes[slug] ?? {})) {
        const url = `/api/v1/me/notes/${encodeURIComponent(slug)}/${encodeURIComponent(topicId)}`;
        const current = (await (await fetch(url)).json()) as { updatedAt: string | null };
        if (current.updatedAt && Date.parse(current.updatedAt) >= Date.parse(note.updatedAt)) continue;
        const saved = await fetch(url, {
          method: 'PUT',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ markdown: note.markdown }),
        });
        if (!saved.ok) throw new Error(`note ${topicId} not saved`);
      }
      forgetLocal(slug);
      merged.push(slug);
    } catch {
      // Network trouble: try again on the next page.
    }
  }
  return merged;
}
