// /robots.txt: crawlers may read the catalogue, roadmaps and topics; the API, account pages and
// operations endpoints are nothing to index (and a crawler following them only costs requests).
import type { FastifyInstance } from 'fastify';

const ROBOTS = [
  'User-agent: *',
  'Allow: /$',
  'Allow: /roadmaps/',
  'Disallow: /api/',
  'Disallow: /account',
  'Disallow: /signin',
  'Disallow: /signup',
  'Disallow: /signout',
  'Disallow: /metrics',
  'Disallow: /healthz',
  'Disallow: /readyz',
  '',
].join('\n');

export async function robotsRoute(app: FastifyInstance) {
  app.get('/robots.txt', { schema: { hide: true } }, async (_request, reply) =>
    reply.header('cache-control', 'public, max-age=86400').type('text/plain; charset=utf-8').send(ROBOTS),
  );
}
