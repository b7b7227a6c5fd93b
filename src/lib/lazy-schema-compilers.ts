// Fastify compiles a validator and a serializer for every route's schemas before it listens: a
// tenth of a second of Trailmap's cold start (npm run bench). These factories wrap Fastify's own
// compilers (Ajv, fast-json-stringify) so that each route compiles on its first request instead;
// most routes are not called in a fresh process's first seconds, and many never are.
import ajvCompiler from '@fastify/ajv-compiler';
import serializerCompiler from '@fastify/fast-json-stringify-compiler';
import type { FastifyServerOptions } from 'fastify';

type Validate = ((data: unknown) => unknown) & { errors?: unknown };

/** Fastify's `schemaController` option for one app: its own compilers, each route compiled on first use. */
export function lazySchemaCompilers(): NonNullable<FastifyServerOptions['schemaController']> {
  // One of each per app, as Fastify keeps them: their pools share Ajv instances between routes.
  const validators = ajvCompiler();
  const serializers = serializerCompiler();

  const buildValidator: ajvCompiler.ValidatorFactory = (externalSchemas, options) => {
    const compile = validators(externalSchemas, options);
    return (route) => {
      let validate: Validate | undefined;
      // Fastify reads `errors` off the function it called once it answers false.
      const lazy: Validate = (data) => {
        validate ??= compile(route) as Validate;
        const valid = validate(data);
        lazy.errors = validate.errors;
        return valid;
      };
      return lazy as ReturnType<typeof compile>;
    };
  };

  const buildSerializer: serializerCompiler.SerializerFactory = (externalSchemas, options) => {
    const compile = serializers(externalSchemas, options);
    return (route) => {
      let serialize: ((doc: unknown) => string) | undefined;
      return (doc) => {
        serialize ??= compile(route);
        return serialize(doc);
      };
    };
  };

  return { compilersFactory: { buildValidator, buildSerializer } };
}
