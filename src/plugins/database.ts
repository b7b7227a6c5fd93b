// Makes the open database available to routes as `app.db`, and closes it with the app.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { DatabaseHandle } from '../db/database.ts';
import type { Db } from '../db/tables.ts';

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
    database: DatabaseHandle;
  }
}

export const databasePlugin = fp(
  async (app: FastifyInstance, options: { database: DatabaseHandle; closeWithApp: boolean }) => {
    app.decorate('database', options.database);
    app.decorate('db', options.database.db);
    if (options.closeWithApp) app.addHook('onClose', () => options.database.close());
  },
  { name: 'database' },
);
