// The roadmap's progress figures and whole-roadmap actions (export, import, reset).
import type { Roadmap } from '../../../content/model.ts';
import type { Viewer } from '../../../views/Layout.tsx';
import type { LearnerState } from '../../progress/state.ts';

export function ProgressPanel({
  roadmap,
  state,
  viewer,
}: {
  roadmap: Roadmap;
  state: LearnerState;
  viewer?: Viewer | undefined;
}) {
  const { summary } = state;
  const back = `/roadmaps/${roadmap.slug}`;
  return (
    <section class="progress-panel" aria-labelledby="progress-title" data-progress-panel>
      <div class="progress-panel__figures">
        <h2 id="progress-title" class="progress-panel__title">
          Your progress
        </h2>
        <p class="progress-panel__count">
          <strong data-figure="finished">{summary.done + summary.skipped}</strong> of{' '}
          <span data-figure="path">{summary.path}</span> topics on your path ·{' '}
          <strong>
            <span data-figure="percent">{summary.percent}</span>%
          </strong>
        </p>
        <progress
          class="bar"
          max={100}
          value={summary.percent}
          data-figure-bar
          aria-labelledby="progress-title"
        >
          {summary.percent}%
        </progress>
        <p class="progress-panel__optional">
          <span data-figure="optionalDone">{summary.optionalDone}</span> of{' '}
          <span data-figure="optionalTotal">{summary.optionalTotal}</span> optional topics done
        </p>
      </div>
      <div class="progress-panel__side">
        {viewer ? (
          <p class="progress-panel__where">Saved in your account.</p>
        ) : (
          <>
            <p class="progress-panel__where" data-no-js>
              <a href={`/signin?notice=progress&next=${encodeURIComponent(back)}`}>Sign in</a> to keep track
              of your progress.
            </p>
            <p class="progress-panel__where" data-js-only hidden>
              Kept in this browser. <a href={`/signup?next=${encodeURIComponent(back)}`}>Create an account</a>{' '}
              to keep it on every device.
            </p>
          </>
        )}
        <div class="progress-panel__tools">
          <div class="progress-panel__actions" data-js-only hidden>
            <button type="button" class="button button--small button--secondary" data-export-progress>
              Export progress
            </button>
            <label class="button button--small button--secondary file-button">
              Import progress
              <input
                type="file"
                accept="application/json,.json"
                data-import-progress
                class="visually-hidden"
              />
            </label>
          </div>
          <form method="post" action={`/roadmaps/${roadmap.slug}/reset`} class="reset-form" data-reset-form>
            {viewer && <input type="hidden" name="_csrf" value={viewer.csrfToken} />}
            <input type="hidden" name="back" value={back} />
            <label class="reset-form__confirm" data-no-js>
              <input type="checkbox" name="confirm" value="yes" required /> Yes, reset my progress on this
              roadmap
            </label>
            <button type="submit" class="button button--small button--secondary">
              Reset progress
            </button>
          </form>
        </div>
        <p class="toast" role="status" aria-live="polite" data-toast hidden />
      </div>
    </section>
  );
}
