// Learners as the API shows them.
import type { Static } from '@sinclair/typebox';
import type { LearnerOut } from './schema.ts';
import type { Learner } from './sessions.ts';

export const presentLearner = (learner: Learner): Static<typeof LearnerOut> => ({
  id: learner.id,
  email: learner.email,
  createdAt: learner.createdAt.toISOString(),
  emailVerifiedAt: learner.emailVerifiedAt?.toISOString() ?? null,
});
