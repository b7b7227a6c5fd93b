// GET /api/v1/me/events: Server-Sent Events with the learner's progress and choice changes.
// Each event's id is its time; a reconnecting client sends it back as Last-Event-ID and gets what
// it missed. Writes on any instance reach the stream through the database's NOTIFY. The stream
// ends (with a `signed-out` event) once its session is over, on whichever instance that happened.
import type { ServerResponse } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../../errors.ts';
import { requireSession } from '../accounts/guard.ts';
import { changesSince, type LiveEvent } from './changes.ts';
import { LiveHub, STREAMS_PER_SESSION } from './hub.ts';

const HEARTBEAT_MS = 25_000;
/** Writes on other instances may commit a little out of order: re-read this far back, drop repeats. */
const OVERLAP_MS = 2_000;

/** An open Server-Sent Events answer: write to `raw`; `closed` adds what to undo when it ends. */
export interface EventStream {
  raw: ServerResponse;
  closed(cleanup: () => void): void;
}

declare module 'fastify' {
  interface FastifyInstance {
    live: LiveHub;
    /**
     * Opens a signed-in learner's event stream: at most STREAMS_PER_SESSION per session, ended with
     * a `signed-out` event when the session ends (on any instance), kept alive, ended with a retry
     * hint at shutdown. `wake` runs when the learner's own changes may have been missed.
     */
    openEventStream(request: FastifyRequest, reply: FastifyReply, wake?: () => void): EventStream;
  }
}

function cursorFrom(lastEventId: unknown): Date {
  const ms = Number(lastEventId);
  return Number.isFinite(ms) && ms > 0 ? new Date(ms) : new Date();
}

export const liveSync = fp(
  async (app: FastifyInstance) => {
    const hub = new LiveHub(
      app.changes,
      (tokenHashes) => app.sessions.expiries(tokenHashes),
      (error) => app.log.warn({ err: error }, 'live: could not check whether sessions are still on'),
    );
    app.decorate('live', hub);
    const open = new Set<FastifyReply>();

    app.decorate('openEventStream', (request: FastifyRequest, reply: FastifyReply, wake = () => {}) => {
      const session = requireSession(request);
      const raw = reply.raw;
      const remove = hub.add({
        learnerId: session.learner.id,
        tokenHash: session.tokenHash,
        expiresAt: session.expiresAt,
        wake,
        // The browser closes its EventSource on this event instead of reconnecting to a 401.
        end: () => raw.end('event: signed-out\ndata: {}\n\n'),
      });
      if (!remove)
        throw new AppError(
          'too_many_requests',
          `This session already has ${STREAMS_PER_SESSION} live streams open: close a tab or window first`,
        );
      reply.hijack();
      raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'private, no-store',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      raw.write('retry: 2000\n\n');
      open.add(reply);
      const heartbeat = setInterval(() => raw.writableEnded || raw.write(': keep-alive\n\n'), HEARTBEAT_MS);
      const cleanups = [() => clearInterval(heartbeat), remove, () => open.delete(reply)];
      raw.on('close', () => {
        for (const cleanup of cleanups) cleanup();
      });
      return { raw, closed: (cleanup: () => void) => void cleanups.push(cleanup) };
    });

    app.get(
      '/api/v1/me/events',
      {
        schema: {
          tags: ['progress'],
          summary: 'Live progress, choice and resource-tick changes (Server-Sent Events)',
          hide: false,
        },
      },
      async (request, reply) => {
        const session = requireSession(request);
        const learnerId = session.learner.id;
        let cursor = cursorFrom(request.headers['last-event-id']);
        const sent = new Set<string>();
        const raw = reply.raw;

        const send = (event: LiveEvent) => {
          const key = `${event.type}:${JSON.stringify(event.data)}`;
          // A catch-up still reading when the session ended has nothing more to say.
          if (sent.has(key) || raw.writableEnded) return;
          sent.add(key);
          raw.write(
            `id: ${event.at.getTime()}\nevent: ${event.type}\ndata: ${JSON.stringify(event.data)}\n\n`,
          );
          if (event.at > cursor) cursor = event.at;
        };
        let reading = Promise.resolve();
        const catchUp = () => {
          reading = reading.then(async () => {
            const since = new Date(cursor.getTime() - OVERLAP_MS);
            for (const event of await changesSince(app.db, learnerId, since)) send(event);
            if (sent.size > 1000) sent.clear();
          });
          reading.catch((error) => request.log.warn({ err: error }, 'live catch-up failed'));
        };
        app.openEventStream(request, reply, catchUp);
        if (request.headers['last-event-id']) catchUp();
      },
    );

    // On shutdown, end every stream with a hint to come back soon (to another instance, perhaps).
    app.addHook('preClose', async () => {
      for (const reply of open) if (!reply.raw.writableEnded) reply.raw.end('retry: 1000\n\n');
    });
    app.addHook('onClose', async () => hub.stop());
  },
  { name: 'live-sync', dependencies: ['database', 'session'] },
);
