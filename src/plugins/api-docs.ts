// Publishes the OpenAPI document (/api/docs/json), generated from the route schemas, and a browsable reference.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { ErrorBody } from '../features/roadmaps/schema.ts';
import { contentSecurityPolicy } from './security.ts';

export const apiDocsPlugin = fp(
  async (app: FastifyInstance) => {
    app.addSchema(ErrorBody);
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'Trailmap API',
          version: '1',
          description: 'Roadmaps, topics and resources. Errors are `{ error, message }` with a 4xx status.',
        },
        tags: [
          { name: 'roadmaps', description: 'The catalogue, roadmaps and topics' },
          { name: 'accounts', description: 'Sign up, sign in, and the signed-in learner’s account' },
          { name: 'progress', description: 'The signed-in learner’s own progress, choices and notes' },
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
      logo: { type: 'image/svg+xml', content: readFileSync(path.join(uiFiles, 'logo.svg')) },
      uiHooks: {
        onRequest: (_request, reply, done) => {
          reply.header('content-security-policy', docsPolicy);
          done();
        },
      },
    });
  },
  { name: 'api-docs' },
);
