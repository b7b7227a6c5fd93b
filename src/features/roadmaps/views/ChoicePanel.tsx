// "Pick one": the learner's choice for a group; the roadmap adapts to it.
import type { ChoiceGroup } from '../../../content/model.ts';

export interface ChoicePanelProps {
  slug: string;
  group: ChoiceGroup;
  chosen: string | null;
  csrfToken?: string | undefined;
  /** Where the form leads back to without JavaScript (the list, or the map). */
  back?: string;
}

export function ChoicePanel({ slug, group, chosen, csrfToken, back }: ChoicePanelProps) {
  return (
    <form
      class="choice"
      method="post"
      action={`/roadmaps/${slug}/choices/${group.id}`}
      id={`choice-${group.id}`}
      data-choice-form={group.id}
    >
      {csrfToken && <input type="hidden" name="_csrf" value={csrfToken} />}
      <input type="hidden" name="back" value={back ?? `/roadmaps/${slug}#choice-${group.id}`} />
      <fieldset>
        <legend>
          <span class="badge badge--pick-one">Pick One</span>{' '}
          <span class="choice__title">Your {group.title.toLowerCase()}</span>
        </legend>
        <p class="choice__hint">Choose one and the roadmap adapts: topics for the other options fold away.</p>
        <div class="choice__options">
          {group.options.map((option) => (
            <label key={option.id} class="choice__option">
              <input type="radio" name="option" value={option.id} checked={chosen === option.id} />
              {option.title}
            </label>
          ))}
          <label class="choice__option choice__option--none">
            <input type="radio" name="option" value="" checked={!chosen} />
            Not decided yet
          </label>
        </div>
        {/* What the arrow keys picked, and what a choice did: said to screen readers, shown to all. */}
        <p class="choice__status" role="status" data-choice-status />
        <button type="submit" class="button button--small choice__save" data-no-js>
          Save choice
        </button>
      </fieldset>
    </form>
  );
}
