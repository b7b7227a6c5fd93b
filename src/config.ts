// Reads Trailmap's settings from the environment: one schema, checked once at start.
import { type Static, Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';

const LogLevel = Type.Union(
  ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((level) => Type.Literal(level)),
);

export const ConfigSchema = Type.Object({
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3000, description: 'TCP port to listen on' }),
  HOST: Type.String({
    minLength: 1,
    default: '127.0.0.1',
    description: 'interface to listen on (0.0.0.0 for all)',
  }),
  CONTENT_DIR: Type.String({ minLength: 1, default: './content', description: 'folder holding roadmaps/' }),
  DATA_DIR: Type.String({ minLength: 1, default: './data', description: 'folder for the embedded database' }),
  LOG_LEVEL: Type.Union(LogLevel.anyOf, {
    default: 'info',
    description: 'fatal|error|warn|info|debug|trace|silent',
  }),
});

export type Config = Static<typeof ConfigSchema>;

/** Thrown for a bad variable; its message is the one line an operator needs. */
export class ConfigError extends Error {}

function describeAccepted(name: keyof Config): string {
  const schema = ConfigSchema.properties[name] as {
    type?: string;
    minimum?: number;
    maximum?: number;
    anyOf?: unknown;
    description: string;
  };
  if (schema.type === 'integer') return `an integer from ${schema.minimum} to ${schema.maximum}`;
  if (schema.anyOf) return `one of ${schema.description}`;
  return 'a non-empty string';
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const raw: Record<string, unknown> = {};
  for (const name of Object.keys(ConfigSchema.properties) as (keyof Config)[]) {
    const value = env[name];
    if (value === undefined || value === '') continue;
    const schema = ConfigSchema.properties[name] as { type?: string };
    raw[name] = schema.type === 'integer' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
  }
  const config = Value.Default(ConfigSchema, raw) as Config;
  const error = Value.Errors(ConfigSchema, config).First();
  if (error) {
    const name = error.path.slice(1) as keyof Config;
    throw new ConfigError(`${name} must be ${describeAccepted(name)} (got ${JSON.stringify(env[name])})`);
  }
  return config;
}

/** One line per variable, for `trailmap --help` and the README. */
export function describeConfig(): string[] {
  return Object.entries(ConfigSchema.properties).map(([name, schema]) => {
    const { description, default: fallback } = schema as { description: string; default: unknown };
    return `${name.padEnd(12)} ${description} (default: ${fallback})`;
  });
}
