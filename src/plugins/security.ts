// Security headers on every response: a strict Content Security Policy and the usual hardening
// headers. They never change, so they are computed once; helmet rebuilt the policy string on every
// request, which was the largest cost of serving a cached page (npm run bench, --cpu-prof).
import type { Socket } from 'node:net';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

export const CSP_DIRECTIVES: Record<string, string[]> = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  frameAncestors: ["'none'"],
  formAction: ["'self'"],
};

/** The policy as a header value, with some directives replaced (see the API reference page). */
export function contentSecurityPolicy(overrides: Record<string, string[]> = {}): string {
  return Object.entries({ ...CSP_DIRECTIVES, ...overrides })
    .map(([name, sources]) => `${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} ${sources.join(' ')}`)
    .join('; ');
}

/** helmet's defaults as we configure them (no COEP, HSTS only over HTTPS), plus a Permissions-Policy. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'content-security-policy': contentSecurityPolicy(),
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'origin-agent-cluster': '?1',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'x-content-type-options': 'nosniff',
  'x-dns-prefetch-control': 'off',
  'x-download-options': 'noopen',
  // DENY, as frame-ancestors 'none' says: browsers that know only X-Frame-Options get the same rule.
  'x-frame-options': 'DENY',
  'x-permitted-cross-domain-policies': 'none',
  'x-xss-protection': '0',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), interest-cohort=()',
});

const HSTS = 'max-age=31536000; includeSubDomains';

/** Answers under /api/v1/me and /api/v1/auth name or hold a learner's data, whatever their status. */
const isPersonalApi = (request: FastifyRequest) => {
  const route = request.routeOptions.url ?? '';
  return route === '/api/v1/me' || route.startsWith('/api/v1/me/') || route.startsWith('/api/v1/auth/');
};

/**
 * What Node's HTTP parser refuses (a malformed header, an over-long head, a slow client) never
 * reaches Fastify's hooks: the same security headers are written here, with the one error shape.
 */
export function clientErrorHandler(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, reason, code, message] =
    error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? [408, 'Request Timeout', 'timeout', 'The request took too long to arrive']
      : error.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'Request Header Fields Too Large', 'headers_too_large', 'The request headers are too large']
        : [400, 'Bad Request', 'bad_request', 'The request is not valid HTTP'];
  const body = JSON.stringify({ error: code, message });
  const headers = Object.entries(SECURITY_HEADERS).map(([name, value]) => `${name}: ${value}\r\n`);
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${reason}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `Content-Type: application/json; charset=utf-8\r\nCache-Control: no-store\r\nConnection: close\r\n${headers.join('')}\r\n${body}`,
    );
  }
  socket.destroy(error);
}

export const securityPlugin = fp(
  async (app: FastifyInstance) => {
    // A callback hook: no promise per request.
    app.addHook('onRequest', (request, reply, done) => {
      reply.headers(SECURITY_HEADERS);
      if (request.protocol === 'https') reply.header('strict-transport-security', HSTS);
      if (isPersonalApi(request)) reply.header('cache-control', 'private, no-store').header('vary', 'Cookie');
      done();
    });
  },
  { name: 'security' },
);
