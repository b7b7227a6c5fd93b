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
    app.decorate('progress', new ProgressRecords(app.db, app.changes));
  },
  { name: 'progress-records', dependencies: ['database'] },
);
