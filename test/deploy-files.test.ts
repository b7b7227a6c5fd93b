// The shipped compose file as an operator runs it: every Trailmap service's settings pass the
// server's own configuration check, and TRUST_PROXY names exactly the load balancer in front.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, it } from 'vitest';
import { parse } from 'yaml';
import { readConfig, trustProxy } from '../src/config.ts';
import { repoRoot } from './helpers/app.ts';

interface Service {
  image?: string;
  environment?: Record<string, string>;
  networks?: { default?: { ipv4_address?: string } };
}

/** `${NAME:-default}` as compose fills it in when NAME is not set. */
const withDefaults = (value: string) => value.replace(/\$\{[A-Z_]+:-([^}]*)\}/g, '$1');

it('trusts only the load balancer in front of the instances, with settings the server accepts', async () => {
  const compose = parse(await readFile(path.join(repoRoot, 'compose.yaml'), 'utf8')) as {
    services: Record<string, Service>;
  };
  const balancer = Object.values(compose.services).find((service) => service.image?.startsWith('nginx'));
  const balancerAddress = balancer?.networks?.default?.ipv4_address;
  expect(balancerAddress).toMatch(/^\d+\.\d+\.\d+\.\d+$/);

  const instances = Object.entries(compose.services).filter(
    ([, service]) => service.environment?.TRUST_PROXY,
  );
  expect(instances.map(([name]) => name)).toEqual(['trailmap-a', 'trailmap-b']);
  for (const [, service] of instances) {
    const env = Object.fromEntries(
      Object.entries(service.environment ?? {}).map(([name, value]) => [name, withDefaults(String(value))]),
    );
    const config = readConfig(env);
    expect(trustProxy(config)).toEqual([balancerAddress]);
  }
});
