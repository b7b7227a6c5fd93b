// The one check that a request is signed in; everything under /me is the caller's own data only.
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../errors.ts';
import type { ActiveSession } from './sessions.ts';

export function requireSession(request: FastifyRequest): ActiveSession {
  if (!request.session) throw new AppError('unauthorized', 'Sign in first');
  return request.session;
}
