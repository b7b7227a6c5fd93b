import { describe, expect, it } from 'vitest';
import { readConfig } from './config.ts';

describe('configuration from the environment', () => {
  it('has working defaults', () => {
    expect(readConfig({})).toMatchObject({
      PORT: 3000,
      HOST: '127.0.0.1',
      CONTENT_DIR: './content',
      DATA_DIR: './data',
      SESSION_TTL: 2_592_000,
      TRUST_PROXY: 'false',
    });
    expect(readConfig({}).DATABASE_URL).toBeUndefined();
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT must be an integer from 0 to 65535 (got "eighty")'],
    [{ PORT: '70000' }, 'PORT must be an integer from 0 to 65535 (got "70000")'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL must be one of fatal|error|warn|info|debug|trace|silent (got "loud")'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL must be a URL starting with postgres://'],
    [{ SESSION_TTL: '5' }, 'SESSION_TTL must be an integer from 60 to 31536000 (got "5")'],
    [{ TRUST_PROXY: 'maybe' }, 'TRUST_PROXY must be one of true|false|N (got "maybe")'],
  ])('stops on %o with one line naming the variable', (env, message) => {
    expect(() => readConfig(env)).toThrow(message);
  });
});
