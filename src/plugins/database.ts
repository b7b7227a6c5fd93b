// Makes the open database available to routes as `app.db`, with the feed of learners' changes
// (`app.changes`), and closes both with the app.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { ChangeFeed } from '../db/change-feed.ts';
import type { DatabaseHandle } from '../db/database.ts';
import type { Db } from '../db/tables.ts';

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
    database: DatabaseHandle;
    changes: ChangeFeed;
  }
}

export const databasePlugin = fp(
  async (app: FastifyInstance, options: { database: DatabaseHandle; closeWithApp: boolean }) => {
    const changes = new ChangeFeed(options.database, (error) =>
      app.log.warn({ err: error }, 'change notification failed'),
    );
    // Connections that end while idle, a LISTEN connection that drops: handled, but worth a line.
    options.database.observeTrouble((error) =>
      app.log.warn({ err: error }, 'database connection lost; it is replaced by itself'),
    );
    await changes.start();
    app.decorate('database', options.database);
    app.decorate('db', options.database.db);
    app.decorate('changes', changes);
    app.addHook('onClose', async () => {
      await changes.stop();
      if (options.closeWithApp) await options.database.close();
    });
  },
  { name: 'database' },
);
