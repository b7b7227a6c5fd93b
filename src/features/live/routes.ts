// GET /api/v1/me/events: Server-Sent Events with the learner's progress and choice changes.
// Each event's id is its time; a reconnecting client sends it back as Last-Event-ID and gets what
// it missed. Writes on any instance reach the stream through the database's NOTIFY.
import type { FastifyInstance, FastifyReply } from 'fastify';
import fp from 'fastify-plugin';
import { requireSession } from '../accounts/guard.ts';
import { changesSince, type LiveEvent } from './changes.ts';
import { LiveHub } from './hub.ts';

const HEARTBEAT_MS = 25_000;
/** Writes on other instances may commit a little out of order: re-read this far back, drop repeats. */
const OVERLAP_MS = 2_000;

declare module 'fastify' {
  interface FastifyInstance {
    live: LiveHub;
  }
}

function cursorFrom(lastEventId: unknown): Date {
  const ms = Number(lastEventId);
  return Number.isFinite(ms) && ms > 0 ? new Date(ms) : new Date();
}

export const liveSync = fp(
  async (app: FastifyInstance) => {
    const hub = new LiveHub(app.changes);
    app.decorate('live', hub);
    const open = new Set<FastifyReply>();

    app.get(
      '/api/v1/me/events',
      {
        schema: {
          tags: ['progress'],
          summary: 'Live progress and choice changes (Server-Sent Events)',
          hide: false,
        },
      },
      async (request, reply) => {
        const { learner } = requireSession(request);
        let cursor = cursorFrom(request.headers['last-event-id']);
        const sent = new Set<string>();
        reply.hijack();
        const raw = reply.raw;
        raw.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'private, no-store',
          connection: 'keep-alive',
          'x-accel-buffering': 'no',
        });
        raw.write('retry: 2000\n\n');
        open.add(reply);

        const send = (event: LiveEvent) => {
          const key = `${event.type}:${JSON.stringify(event.data)}`;
          if (sent.has(key)) return;
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
            for (const event of await changesSince(app.db, learner.id, since)) send(event);
            if (sent.size > 1000) sent.clear();
          });
          reading.catch((error) => request.log.warn({ err: error }, 'live catch-up failed'));
        };
        const unsubscribe = hub.subscribe(learner.id, catchUp);
        if (request.headers['last-event-id']) catchUp();
        const heartbeat = setInterval(() => raw.write(': keep-alive\n\n'), HEARTBEAT_MS);
        raw.on('close', () => {
          clearInterval(heartbeat);
          unsubscribe();
          open.delete(reply);
        });
      },
    );

    // On shutdown, end every stream with a hint to come back soon (to another instance, perhaps).
    app.addHook('preClose', async () => {
      for (const reply of open) {
        reply.raw.write('retry: 1000\n\n');
        reply.raw.end();
      }
    });
    app.addHook('onClose', async () => hub.stop());
  },
  { name: 'live-sync', dependencies: ['database', 'session'] },
);
