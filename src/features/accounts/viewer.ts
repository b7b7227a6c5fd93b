// The viewer of a personal page: the signed-in learner and a fresh CSRF token for its forms.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Viewer } from '../../views/Layout.tsx';

export function viewerOf(request: FastifyRequest, reply: FastifyReply): Viewer | undefined {
  if (!request.session) return undefined;
  return { email: request.session.learner.email, csrfToken: reply.formToken() };
}

/** Personal pages must never be stored by a shared cache. */
export function markPersonal(reply: FastifyReply): FastifyReply {
  return reply.header('cache-control', 'private, no-store').header('vary', 'Cookie');
}

// Any origin will do: the target is resolved against it and must stay on it.
const SITE = 'http://trailmap.invalid';
/** Browsers strip or reinterpret these, so `/\t/evil.example` would become `//evil.example`. */
const UNSAFE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\\]|%(2f|5c|[01][0-9a-f]|7f)/iu;

/** A path on this site to go back to after a form; anything else becomes the fallback. */
export function safeNext(value: unknown, fallback = '/'): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.length > 500 || UNSAFE.test(value)) {
    return fallback;
  }
  if (!URL.canParse(value, SITE)) return fallback;
  const url = new URL(value, SITE);
  return url.origin === SITE ? `${url.pathname}${url.search}${url.hash}` : fallback;
}
