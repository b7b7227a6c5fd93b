// Saves private notes as the learner types (in the account, or in this browser when signed out).
import type { ProgressStore } from './stores.ts';

const SAVE_AFTER_MS = 600;

export function enhanceNotes(root: ParentNode, store: ProgressStore) {
  for (const form of root.querySelectorAll<HTMLFormElement>('[data-note-form]')) {
    if (form.dataset.enhanced) continue;
    form.dataset.enhanced = 'true';
    const topicId = form.dataset.noteForm as string;
    const input = form.querySelector<HTMLTextAreaElement>('textarea');
    const status = form.querySelector<HTMLElement>('[data-note-status]');
    const preview = form.parentElement?.querySelector<HTMLElement>('[data-note-preview]');
    if (!input) continue;
    // The markup may be older than the note (a drawer reuses fetched topics), so read it afresh.
    store.loadNote(topicId).then(
      (note) => {
        if (document.activeElement === input) return;
        input.value = note.markdown;
        if (preview && note.html !== null) preview.innerHTML = note.html;
      },
      () => {
        // The markup's copy stays; saving will say what is wrong if the session has ended.
      },
    );
    let timer: ReturnType<typeof setTimeout> | undefined;
    const save = async () => {
      if (status) status.textContent = 'Saving…';
      try {
        const note = await store.saveNote(topicId, input.value);
        if (status) status.textContent = store.kind === 'account' ? 'Saved' : 'Saved in this browser';
        if (preview) {
          if (note.html !== null) preview.innerHTML = note.html;
          else preview.replaceChildren();
        }
      } catch (error) {
        if (status) status.textContent = `Not saved: ${(error as Error).message}`;
      }
    };
    input.addEventListener('input', () => {
      clearTimeout(timer);
      if (status) status.textContent = '';
      timer = setTimeout(save, SAVE_AFTER_MS);
    });
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      clearTimeout(timer);
      void save();
    });
  }
}
