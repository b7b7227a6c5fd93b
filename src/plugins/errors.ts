// One error shape: API callers get { error, message } JSON, visitors get pages in the site's design.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { retryAfterSeconds, unavailability, unavailableMessage } from '../db/unavailable.ts';
import { AppError, statusByCode } from '../errors.ts';
import { ErrorPage } from '../views/ErrorPage.tsx';
import { renderDocument } from '../views/render.ts';
import { isApiRoute } from './api-guard.ts';

// An API route however its path was spelt (see api-guard.ts), or an unknown path under /api/.
const wantsJson = (request: FastifyRequest) =>
  isApiRoute(request) ||
  request.url.startsWith('/api/') ||
  !/text\/html|\*\/\*/.test(request.headers.accept ?? '*/*');

function codeForStatus(status: number): string {
  const known = Object.entries(statusByCode).find(([, s]) => s === status);
  if (known) return known[0];
  if (status === 413) return 'payload_too_large';
  if (status === 415) return 'unsupported_media_type';
  return status >= 500 ? 'internal' : 'bad_request';
}

export const errorsPlugin = fp(
  async (app: FastifyInstance) => {
    function sendError(
      request: FastifyRequest,
      reply: FastifyReply,
      status: number,
      code: string,
      message: string,
    ) {
      reply.code(status).header('cache-control', 'no-store');
      if (wantsJson(request))
        return reply.type('application/json; charset=utf-8').send({ error: code, message });
      return reply
        .type('text/html; charset=utf-8')
        .send(renderDocument(ErrorPage({ assets: app.assets, status, message })));
    }

    app.setNotFoundHandler((request, reply) =>
      sendError(
        request,
        reply,
        404,
        'not_found',
        `Nothing lives at ${request.method} ${request.url.split('?')[0]}`,
      ),
    );

    app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
      if (error instanceof AppError) {
        return sendError(request, reply, statusByCode[error.code], error.code, error.message);
      }
      if (error.validation) {
        const where = error.validationContext ?? 'request';
        const first = error.validation[0];
        const path = first?.instancePath ? first.instancePath.slice(1).replaceAll('/', '.') : '';
        const missing = (first?.params as { missingProperty?: string } | undefined)?.missingProperty;
        const field = [where, path, missing].filter(Boolean).join('.');
        return sendError(request, reply, 400, 'invalid', `${field} ${first?.message ?? 'is invalid'}`);
      }
      // The database is down, out of reach or full: not a bug, and trying again later may work.
      // (A client's own trouble, such as a body it stopped sending, keeps its 4xx.)
      const unavailable = (error.statusCode ?? 500) >= 500 ? unavailability(error) : undefined;
      if (unavailable) {
        request.log.warn({ err: error, unavailable }, 'database unavailable');
        reply.header('retry-after', String(retryAfterSeconds(unavailable)));
        return sendError(request, reply, 503, 'unavailable', unavailableMessage(unavailable));
      }
      const status = error.statusCode && error.statusCode >= 400 ? error.statusCode : 500;
      if (status >= 500) {
        request.log.error({ err: error }, 'request failed');
        return sendError(request, reply, status, 'internal', 'Something went wrong on our side');
      }
      const code =
        error.code === 'FST_CSRF_INVALID_TOKEN' || error.code === 'FST_CSRF_MISSING_SECRET'
          ? 'forbidden'
          : codeForStatus(status);
      const message =
        code === 'forbidden' && error.code?.startsWith('FST_CSRF')
          ? 'The form expired or came from another site: reload the page and try again'
          : error.message;
      return sendError(request, reply, status, code, message);
    });
  },
  { name: 'errors', dependencies: ['assets'] },
);
