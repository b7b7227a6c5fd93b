// Brings a section's progress line and the "Your choice" marks up to date with a learner's view,
// on the markup RoadmapSection and TopicCard render (the server picks the same line at first).
import type { PathRoadmap, PathTopic } from '../features/progress/rules.ts';
import type { ProgressView } from '../features/progress/schema.ts';
import { sectionLine } from '../features/roadmaps/section-line.ts';

/** The part of the API's progress view (ProgressOut) a section line needs. */
type LineView = Pick<ProgressView, 'topics' | 'choices'>;

export function showSectionLine(
  wrapper: HTMLElement,
  sectionId: string,
  pathSize: number,
  shape: PathRoadmap,
  view: LineView,
) {
  const statuses = Object.fromEntries(Object.entries(view.topics).map(([id, t]) => [id, t?.status]));
  const line = sectionLine(shape, sectionId, pathSize, statuses, view.choices);
  wrapper.hidden = line.mode === 'none';
  for (const part of wrapper.querySelectorAll<HTMLElement>('[data-line-part]'))
    part.hidden = part.dataset.linePart !== line.mode;
  for (const [figure, value] of [
    ['optionalDone', line.optionalDone],
    ['optionalTotal', line.optionalTotal],
  ] as const) {
    const element = wrapper.querySelector(`[data-figure="${figure}"]`);
    if (element) element.textContent = String(value);
  }
}

/** A "Pick One" card whose option is the learner's choice says so. */
export function markChosen(holder: HTMLElement, topic: PathTopic, choices: Record<string, string | null>) {
  if (topic.type !== 'pick-one' || !topic.group) return;
  holder.dataset.chosen = String(choices[topic.group] === topic.option);
}
