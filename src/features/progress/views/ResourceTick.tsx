// "Mark as read" for one resource: a form that works without JavaScript (like StatusControl); the
// bundle makes it instant. A toggle button (aria-pressed), so a screen reader says "pressed".

export interface ResourceTickProps {
  slug: string;
  topicId: string;
  resourceId: string;
  resourceTitle: string;
  read: boolean;
  csrfToken?: string | undefined;
  back: string;
}

export function ResourceTick({
  slug,
  topicId,
  resourceId,
  resourceTitle,
  read,
  csrfToken,
  back,
}: ResourceTickProps) {
  return (
    <form
      class="tick"
      method="post"
      action={`/roadmaps/${slug}/${topicId}/resources/${resourceId}/read`}
      data-tick-form={topicId}
      data-resource={resourceId}
    >
      {csrfToken && <input type="hidden" name="_csrf" value={csrfToken} />}
      <input type="hidden" name="back" value={back} />
      <button
        type="submit"
        name="read"
        value={read ? 'false' : 'true'}
        aria-pressed={read ? 'true' : 'false'}
        class="tick__button"
        data-tick-button
      >
        <span class="tick__box" aria-hidden="true" />
        <span aria-hidden="true">Read</span>
        <span class="visually-hidden">Mark as read: {resourceTitle}</span>
      </button>
    </form>
  );
}

/** "2 of 5 read", beside the resources heading; the bundle keeps the figure up to date. */
export function ReadCount({ topicId, read, total }: { topicId: string; read: number; total: number }) {
  return (
    <p class="resources__count" data-read-count={topicId}>
      <span data-figure="read">{read}</span> of {total} read
    </p>
  );
}
