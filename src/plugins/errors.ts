// One error shape: API callers get { error, message } JSON, visitors get pages in the site's design.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { retryAfterSeconds, unavailability, unavailableMessage } from '../db/unavailable.ts';
import { AppError, statusByCode } from '../errors.ts';
import { ErrorPage } from '../views/ErrorPage.tsx';
import { renderDocument } from '../views/render.ts';
import { isApiRoute } from './api-guard.ts';
import { describeValidation, type ValidationIssue } from './validation-messages.ts';

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/** Fastify's own messages that read as a programmer's, rewritten for a person. */
const FRAMEWORK_MESSAGES: Record<string, string> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'The body is not valid JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'The body is empty but says it is JSON: send a JSON object',
};

const orList = (items: readonly string[]) =>
  items.length > 1 ? `${items.slice(0, -1).join(', ')} or ${items.at(-1)}` : (items[0] ?? '');

// An API route however its path was spelt (see api-guard.ts), or an unknown path under /api/.
const wantsJson = (request: FastifyRequest) =>
  isApiRoute(request) ||
  request.url.startsWith('/api/') ||
  !/text\/html|\*\/\*/.test(request.headers.accept ?? '*/*');

function codeForStatus(status: number): string {
  const known = Object.entries(statusByCode).find(([, s]) => s === status);
  if (known) return known[0];
  if (status === 405) return 'method_not_allowed';
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

    // A known address asked with a method it does not take is a 405 naming the ones it does.
    app.setNotFoundHandler((request, reply) => {
      const path = request.url.split('?')[0] ?? '/';
      const allowed = METHODS.filter((method) => app.findRoute({ method, url: request.url }));
      if (allowed.length > 0) {
        reply.header('allow', allowed.join(', '));
        const message = `${path} does not accept ${request.method}: use ${orList(allowed)}`;
        return sendError(request, reply, 405, 'method_not_allowed', message);
      }
      return sendError(request, reply, 404, 'not_found', `Nothing lives at ${request.method} ${path}`);
    });

    app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
      if (error instanceof AppError) {
        return sendError(request, reply, statusByCode[error.code], error.code, error.message);
      }
      if (error.validation) {
        const issues = error.validation as unknown as ValidationIssue[];
        const message = describeValidation(issues, error.validationContext ?? 'body');
        return sendError(request, reply, 400, 'invalid', message);
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
          : (FRAMEWORK_MESSAGES[error.code] ?? error.message);
      return sendError(request, reply, status, code, message);
    });
  },
  { name: 'errors', dependencies: ['assets'] },
);
