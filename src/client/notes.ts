// Private notes as the learner types (in the account, or in this browser when signed out): saved
// against the version they were edited from, so a note changed on another device is never
// overwritten unasked; kept in step with other devices; refused, with the limit, when too long.
import { NOTE_MAX_LENGTH } from '../features/progress/rules.ts';
import { clearBeside, showBeside } from './feedback.ts';
import { ApiError, type NoteState, type ProgressStore } from './stores.ts';

const SAVE_AFTER_MS = 600;
const editors = new Map<string, { refresh: () => Promise<void> }>();

/** Reads every open editor's note again (another tab or device changed one). */
export function refreshNotes() {
  for (const editor of editors.values()) void editor.refresh().catch(() => {});
}

export function enhanceNotes(root: ParentNode, store: ProgressStore) {
  for (const form of root.querySelectorAll<HTMLFormElement>('[data-note-form]')) {
    if (form.dataset.enhanced) continue;
    form.dataset.enhanced = 'true';
    const topicId = form.dataset.noteForm as string;
    const input = form.querySelector<HTMLTextAreaElement>('textarea');
    const status = form.querySelector<HTMLElement>('[data-note-status]');
    const preview = form.parentElement?.querySelector<HTMLElement>('[data-note-preview]');
    if (!input) continue;
    /** The version the text in the editor was edited from, and that version's text. */
    let base: string | null = form.dataset.noteVersion || null;
    let baseText = input.value;
    const say = (text: string) => {
      if (status) status.textContent = text;
    };
    const show = (note: NoteState) => {
      base = note.updatedAt;
      baseText = note.markdown;
      if (preview && note.html !== null) preview.innerHTML = note.html;
    };
    const dirty = () => input.value !== baseText;

    /** Another device saved first: show both texts, let the learner keep one. */
    const offerBoth = (theirs: NoteState) => {
      const mine = input.value;
      const text = document.createElement('div');
      text.append('This note was changed on another device. Its text:');
      const other = document.createElement('pre');
      other.className = 'notes__theirs';
      other.textContent = theirs.markdown || '(empty)';
      text.append(other, 'Yours is in the editor.');
      showBeside(
        form,
        text,
        [
          {
            label: 'Keep mine',
            run: () => {
              base = theirs.updatedAt;
              input.value = mine;
              void save();
            },
          },
          {
            label: 'Use theirs',
            run: () => {
              input.value = theirs.markdown;
              show(theirs);
              say('');
            },
          },
        ],
        'question',
      );
      say('Not saved yet');
    };

    let saving = false;
    const refresh = async () => {
      // Our own save is about to answer with its version; what streams say of it is no news.
      if (saving) return;
      const note = await store.loadNote(topicId);
      if (saving || note.updatedAt === base) return;
      if (!dirty() || note.markdown === input.value) {
        input.value = note.markdown;
        show(note);
        if (preview && note.html === null) preview.replaceChildren();
      } else offerBoth(note);
    };
    editors.set(`${topicId}`, { refresh });
    // The markup may be older than the note (a drawer reuses fetched topics), so read it afresh.
    refresh().catch(() => {
      // The markup's copy stays; saving will say what is wrong if the session has ended.
    });

    let timer: ReturnType<typeof setTimeout> | undefined;
    const save = async () => {
      const markdown = input.value;
      if (markdown.length > NOTE_MAX_LENGTH) {
        say(
          `Not saved: a note can hold at most ${NOTE_MAX_LENGTH.toLocaleString('en')} characters; this one has ${markdown.length.toLocaleString('en')}.`,
        );
        return;
      }
      say('Saving…');
      saving = true;
      try {
        const note = await store.saveNote(topicId, markdown, base);
        clearBeside(form);
        show(note);
        if (preview && note.html === null) preview.replaceChildren();
        say(store.kind === 'account' ? 'Saved' : 'Saved in this browser');
      } catch (error) {
        if (error instanceof ApiError && error.status === 409) {
          saving = false;
          offerBoth(await store.loadNote(topicId));
          return;
        }
        say(`Not saved: ${(error as Error).message}`);
      } finally {
        saving = false;
      }
    };
    input.addEventListener('input', () => {
      clearTimeout(timer);
      say('');
      timer = setTimeout(save, SAVE_AFTER_MS);
    });
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      clearTimeout(timer);
      void save();
    });
  }
}
