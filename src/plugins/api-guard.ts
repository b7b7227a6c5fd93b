// Cross-site protection for the cookie-authenticated JSON API: a write must be JSON and must not
// say (by Origin or Sec-Fetch-Site) that another site sent it. Forms use CSRF tokens instead.
// The check goes by the route that matched, never by the raw URL: the router decodes `%61pi`,
// takes absolute-form targets, a trailing slash and `;`, so any prefix test on request.url misses some.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../errors.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function isOwnOrigin(origin: string, host: string, publicHost: string | undefined): boolean {
  if (!URL.canParse(origin)) return false;
  const originHost = new URL(origin).host;
  return originHost !== '' && (originHost === host || originHost === publicHost);
}

/** True when the request was routed to an API handler, however its path was spelt. */
export const isApiRoute = (request: FastifyRequest) => request.routeOptions.url?.startsWith('/api/') ?? false;

export const apiGuardPlugin = fp(
  async (app: FastifyInstance, options: { publicUrl?: string | undefined }) => {
    // Behind a proxy that rewrites Host, the public address is the one browsers send as Origin.
    const publicHost = options.publicUrl ? new URL(options.publicUrl).host : undefined;
    app.addHook('onRequest', async (request) => {
      if (!isApiRoute(request) || SAFE_METHODS.has(request.method)) return;
      const site = request.headers['sec-fetch-site'];
      if (site && site !== 'same-origin' && site !== 'none') {
        throw new AppError('forbidden', 'Requests from other sites are refused');
      }
      const origin = request.headers.origin;
      // An opaque ("null") or unparsable Origin is as foreign as another site's.
      if (origin && !isOwnOrigin(origin, request.host, publicHost)) {
        throw new AppError('forbidden', 'Requests from other sites are refused');
      }
      const hasBody =
        Number(request.headers['content-length'] ?? 0) > 0 || request.headers['transfer-encoding'];
      const type = request.headers['content-type'] ?? '';
      if (hasBody && !/^application\/json\s*(;|$)/i.test(type)) {
        throw Object.assign(new Error('API requests must send their body as application/json'), {
          statusCode: 415,
        });
      }
    });
  },
  { name: 'api-guard' },
);
