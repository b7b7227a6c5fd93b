// Private notes on a topic: a form that works without JavaScript; the bundle saves as you type.
import type { Topic } from '../../../content/model.ts';
import type { Viewer } from '../../../views/Layout.tsx';

export interface NotesEditorProps {
  slug: string;
  topic: Topic;
  viewer?: Viewer | undefined;
  note?: { markdown: string; html: string; updatedAt: string | null } | undefined;
  saved?: boolean | undefined;
}

export function NotesEditor({ slug, topic, viewer, note, saved }: NotesEditorProps) {
  const id = `note-${topic.id}`;
  return (
    <section class="notes" aria-labelledby={`${id}-title`} data-notes={topic.id}>
      <h2 id={`${id}-title`}>Your notes</h2>
      <form
        method="post"
        action={`/roadmaps/${slug}/${topic.id}/note`}
        class="notes__form"
        data-note-form={topic.id}
        data-note-version={note?.updatedAt ?? ''}
      >
        {viewer && <input type="hidden" name="_csrf" value={viewer.csrfToken} />}
        <input type="hidden" name="back" value={`/roadmaps/${slug}/${topic.id}`} />
        <label for={id} class="notes__label">
          Only you see these. Markdown works.
        </label>
        {/* No maxlength: a browser would cut a pasted note silently; the save says the limit instead. */}
        <textarea id={id} name="markdown" rows={4} class="notes__input">
          {note?.markdown ?? ''}
        </textarea>
        <div class="notes__bar">
          <button type="submit" class="button button--small" data-no-js>
            Save note
          </button>
          <span class="notes__status" aria-live="polite" data-note-status>
            {saved ? 'Saved' : ''}
          </span>
        </div>
      </form>
      <div
        class="prose notes__preview"
        data-note-preview
        dangerouslySetInnerHTML={{ __html: note?.html ?? '' }}
      />
    </section>
  );
}
