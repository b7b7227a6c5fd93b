// Holds the current catalogue; `--watch` swaps it when an author saves a file.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Catalog } from '../content/model.ts';

export interface ContentHolder {
  catalog: Catalog;
}

declare module 'fastify' {
  interface FastifyInstance {
    content: ContentHolder;
  }
}

export const contentPlugin = fp(
  async (app: FastifyInstance, options: { holder: ContentHolder }) => {
    app.decorate('content', options.holder);
  },
  { name: 'content' },
);
