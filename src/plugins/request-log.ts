// One log line per request, written when the answer has gone: method, route address, status and
// time taken, with the request id every line of the request carries. Fastify's own request logging
// writes two lines (on arrival and on completion), which was a sixth of the CPU a cached page cost
// at the default level (issue 19). LOG_REQUESTS chooses which requests are logged.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/** all: every request; errors: answers of 400 and above; none: no request lines (errors still are). */
export type RequestLogging = 'all' | 'errors' | 'none';

export const requestLogPlugin = fp(
  async (app: FastifyInstance, { requests }: { requests: RequestLogging }) => {
    if (requests === 'none') return;
    const lowest = requests === 'errors' ? 400 : 0;
    // A callback hook, not an async one: no promise per request.
    app.addHook('onResponse', (request, reply, done) => {
      if (reply.statusCode >= lowest) {
        request.log.info(
          {
            method: request.method,
            url: request.url,
            status: reply.statusCode,
            ms: Math.round(reply.elapsedTime * 10) / 10,
          },
          'request',
        );
      }
      done();
    });
  },
  { name: 'request-log' },
);
