// Learners as the API shows them.
import type { Learner } from './sessions.ts';

export const presentLearner = (learner: Learner) => ({
  id: learner.id,
  email: learner.email,
  createdAt: learner.createdAt.toISOString(),
  emailVerifiedAt: learner.emailVerifiedAt?.toISOString() ?? null,
});
