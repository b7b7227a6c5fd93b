// One error shape: API callers get { error, message } JSON, visitors get pages in the site's design.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AppError, type ErrorCode, statusByCode } from '../errors.ts';
import { NotFoundPage } from '../views/NotFoundPage.tsx';
import { renderDocument } from '../views/render.ts';

const isApi = (request: FastifyRequest) => request.url.startsWith('/api/');

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
      reply.code(status);
      if (isApi(request) || status !== 404)
        return reply.type('application/json; charset=utf-8').send({ error: code, message });
      return reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(renderDocument(NotFoundPage({ assets: app.assets, message })));
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
        return sendError(request, reply, statusByCode[error.code as ErrorCode], error.code, error.message);
      }
      if (error.validation) {
        const where = error.validationContext ?? 'request';
        const first = error.validation[0];
        const field = first?.instancePath ? first.instancePath.slice(1).replaceAll('/', '.') : '';
        const message = `${where}${field ? `.${field}` : ''} ${first?.message ?? 'is invalid'}`;
        return sendError(request, reply, 400, 'invalid', message);
      }
      const status = error.statusCode && error.statusCode >= 400 ? error.statusCode : 500;
      if (status >= 500) {
        request.log.error({ err: error }, 'request failed');
        return sendError(request, reply, status, 'internal', 'Something went wrong on our side');
      }
      return sendError(request, reply, status, codeForStatus(status), error.message);
    });
  },
  { name: 'errors', dependencies: ['assets'] },
);
