// The viewer of a personal page: the signed-in learner and a fresh CSRF token for its forms.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Viewer } from '../../views/Layout.tsx';

export function viewerOf(request: FastifyRequest, reply: FastifyReply): Viewer | undefined {
  if (!request.session) return undefined;
  return { email: request.session.learner.email, csrfToken: reply.generateCsrf() };
}

/** Personal pages must never be stored by a shared cache. */
export function markPersonal(reply: FastifyReply): FastifyReply {
  return reply.header('cache-control', 'private, no-store').header('vary', 'Cookie');
}

/** A path on this site to go back to after a form; anything else becomes the home page. */
export function safeNext(value: unknown, fallback = '/'): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.includes('\\')) {
    return fallback;
  }
  return value.slice(0, 500);
}
