// Publishes the OpenAPI document (/api/docs/json), generated from the schemas of the JSON API's
// routes (pages and forms are not part of it), and a browsable reference in Trailmap's look.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { ErrorBody } from '../features/roadmaps/schema.ts';
import { apiDocsTheme } from './api-docs-theme.ts';
import { contentSecurityPolicy } from './security.ts';

export const apiDocsPlugin = fp(
  async (app: FastifyInstance, options: { publicDir: string }) => {
    app.addSchema(ErrorBody);
    await app.register(swagger, {
      // Every API route has tags; pages, forms and operational routes have none and stay out.
      hideUntagged: true,
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'Trailmap API',
          version: '1',
          description:
            'The JSON API of Trailmap: roadmaps, topics and resources for anyone; accounts, progress, choices and notes for the signed-in learner (a session cookie). Bodies are JSON and strict: unknown fields are refused. Errors are `{ error, message }` with a 4xx status, the message a sentence for a person.',
        },
        tags: [
          { name: 'roadmaps', description: 'The catalogue, roadmaps and topics' },
          { name: 'accounts', description: 'Sign up, sign in, and the signed-in learner’s account' },
          { name: 'progress', description: 'The signed-in learner’s own progress, choices and notes' },
          { name: 'search', description: 'Search everything; signed in, your own notes too' },
          { name: 'teams', description: 'Teams, invitations, assignments and the team’s progress' },
          { name: 'authoring', description: 'Custom roadmaps: drafts, revisions, publishing and visibility' },
        ],
        components: {
          securitySchemes: {
            session: {
              type: 'apiKey',
              in: 'cookie',
              name: 'trailmap_session',
              description:
                'Set by sign-in. Writes must be JSON and come from this site (Origin / Sec-Fetch-Site).',
            },
          },
        },
      },
      refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => String(json.$id ?? `def-${i}`) },
    });
    // Swagger UI sets inline styles; its pages alone allow them. Scripts stay 'self' only.
    const docsPolicy = contentSecurityPolicy({ styleSrc: ["'self'", "'unsafe-inline'"] });
    // The server is bundled, so Swagger UI is told where its files are installed.
    const uiFiles = path.join(
      path.dirname(createRequire(import.meta.url).resolve('@fastify/swagger-ui/package.json')),
      'static',
    );
    await app.register(swaggerUi, {
      routePrefix: '/api/docs',
      baseDir: uiFiles,
      // No Swagger logo: the theme's script puts Trailmap's name and icon there, linking home.
      logo: null as unknown as undefined,
      theme: apiDocsTheme(app.assets.icon, readFileSync(path.join(options.publicDir, app.assets.icon))),
      uiHooks: {
        onRequest: (_request, reply, done) => {
          reply.header('content-security-policy', docsPolicy);
          done();
        },
      },
    });
  },
  { name: 'api-docs', dependencies: ['assets'] },
);
