// Buttons that set a topic's status: a form that works without JavaScript; the bundle makes it instant.
// Pressing the current status again sets the topic back to pending.
import type { TopicStatus } from '../rules.ts';

const BUTTONS: { status: Exclude<TopicStatus, 'pending'>; label: string }[] = [
  { status: 'learning', label: 'Learning' },
  { status: 'done', label: 'Done' },
  { status: 'skipped', label: 'Skip' },
];

export interface StatusControlProps {
  slug: string;
  topicId: string;
  topicTitle: string;
  status: TopicStatus;
  csrfToken?: string | undefined;
  back: string;
}

export function StatusControl({ slug, topicId, topicTitle, status, csrfToken, back }: StatusControlProps) {
  return (
    <form
      class="status"
      method="post"
      action={`/roadmaps/${slug}/${topicId}/status`}
      data-status-form={topicId}
    >
      {csrfToken && <input type="hidden" name="_csrf" value={csrfToken} />}
      <input type="hidden" name="back" value={back} />
      {BUTTONS.map((button) => {
        const pressed = status === button.status;
        return (
          <button
            key={button.status}
            type="submit"
            name="status"
            value={pressed ? 'pending' : button.status}
            aria-pressed={pressed ? 'true' : 'false'}
            class={`status__button status__button--${button.status}`}
            data-status-value={button.status}
          >
            {button.label}
            <span class="visually-hidden">: {topicTitle}</span>
          </button>
        );
      })}
    </form>
  );
}

export const STATUS_LABEL: Record<TopicStatus, string> = {
  pending: 'Not started',
  learning: 'Learning',
  done: 'Done',
  skipped: 'Skipped',
};
