// Custom roadmap documents for tests: one that passes every content rule, and ways to break it.
import type { AuthoringDocument } from '../../src/features/authoring/schema.ts';

const WORDS =
  'Every learner who starts this topic reads the official guide first, tries the small examples on a laptop, ' +
  'writes down what surprised them, and then builds one tiny project that uses the idea from start to finish. ';

/** A body of about 90 words, inside the checker's 80-250. */
export const VALID_BODY = `${WORDS.repeat(3)}\n\nKeep notes as you go.`;

export function validTopic(
  title: string,
  extra: Partial<AuthoringDocument['sections'][number]['topics'][number]> = {},
) {
  const site = title.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  return {
    title,
    type: 'required' as const,
    summary: `Write and run your first ${title} programs with confidence on real tasks.`,
    estimateHours: 4,
    body: VALID_BODY,
    resources: [
      {
        title: `${title} documentation`,
        url: `https://docs.${site}.dev/guide`,
        kind: 'docs' as const,
        free: true,
      },
      {
        title: `${title} tutorial`,
        url: `https://learn.${site}.dev/tutorial`,
        kind: 'article' as const,
        free: true,
      },
      {
        title: `${title} course`,
        url: `https://course.${site}.dev/start`,
        kind: 'course' as const,
        free: true,
      },
    ],
    ...extra,
  };
}

export function validDocument(title = 'Gardening for Coders'): AuthoringDocument {
  return {
    title,
    description: 'From seed to harvest, one small step a week, for people who write code.',
    sections: [
      { title: 'Getting started', topics: [validTopic('Soil Basics'), validTopic('Watering Plans')] },
      { title: 'Growing', topics: [validTopic('Pruning Tools')] },
    ],
    faq: [{ question: 'Do I need a garden?', answer: 'A window box is enough.' }],
  };
}
