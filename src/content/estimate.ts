// Time estimates that follow a learner's path: a pick-one group costs one option, not all of them.
import type { ChoiceGroup, Topic } from './model.ts';

export interface Estimate {
  /** Hours on a typical path: topics everyone takes, plus the average option of each choice group. */
  pathHours: number;
  /** Hours of the optional topics, counted the same way. */
  optionalHours: number;
}

function typicalHours(topics: Topic[], groups: ChoiceGroup[]): number {
  let hours = 0;
  const byGroup = new Map<string, Topic[]>();
  for (const topic of topics) {
    const group = topic.type === 'pick-one' ? topic.group : Object.keys(topic.when ?? {})[0];
    if (!group) {
      hours += topic.estimateHours;
      continue;
    }
    byGroup.set(group, [...(byGroup.get(group) ?? []), topic]);
  }
  for (const [groupId, members] of byGroup) {
    const options = groups.find((g) => g.id === groupId)?.options ?? [];
    if (options.length === 0) continue;
    const optionOf = (t: Topic) => (t.type === 'pick-one' ? t.option : t.when?.[groupId]);
    const total = members.reduce((sum, t) => sum + t.estimateHours, 0);
    const perOption = options.map((o) => members.filter((t) => optionOf(t) === o.id).length);
    // Average over the options: the time a learner spends after choosing any one of them.
    hours += perOption.some((n) => n > 0) ? total / options.length : 0;
  }
  return Math.round(hours);
}

export function estimate(topics: Topic[], groups: ChoiceGroup[]): Estimate {
  return {
    pathHours: typicalHours(
      topics.filter((t) => t.type !== 'optional'),
      groups,
    ),
    optionalHours: typicalHours(
      topics.filter((t) => t.type === 'optional'),
      groups,
    ),
  };
}
