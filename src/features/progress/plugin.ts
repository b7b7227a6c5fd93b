// Gives routes the learners' progress records (`app.progress`), cached per instance.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { ProgressRecords } from './records.ts';

declare module 'fastify' {
  interface FastifyInstance {
    progress: ProgressRecords;
  }
}

export const progressRecordsPlugin = fp(
  async (app: FastifyInstance) => {
    // PGlite runs one statement at a time; PostgreSQL overlaps a few (the pool holds 10).
    const writesInFlight = app.database.kind === 'pglite' ? 1 : 4;
    app.decorate('progress', new ProgressRecords(app.db, app.changes, writesInFlight));
  },
  { name: 'progress-records', dependencies: ['database'] },
);
