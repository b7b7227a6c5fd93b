// Trailmap behind a real reverse proxy, configured the documented way (TRUST_PROXY=127.0.0.1):
// cookies are Secure and HSTS is on, each client has its own rate-limit bucket, and an
// X-Forwarded-For the client writes itself does not change which bucket it is counted in.

import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.ts';
import { readConfig, trustProxy } from '../../src/config.ts';
import { buildTestApp } from '../helpers/app.ts';
import { seedLearner, TEST_PASSWORD } from '../helpers/db.ts';
import { type ReverseProxy, startReverseProxy } from '../helpers/reverse-proxy.ts';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
}

/** A request to the proxy from one client address (all of 127.0.0.0/8 is this machine on Linux). */
function fromClient(
  proxyPort: number,
  clientAddress: string,
  path: string,
  body: object,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: proxyPort,
        localAddress: clientAddress,
        method: 'POST',
        path,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(payload),
          ...headers,
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

const PER_IP = 4;

describe('behind a reverse proxy trusted by address', () => {
  let app: App;
  let proxy: ReverseProxy;
  let email: string;

  beforeAll(async () => {
    app = await buildTestApp({
      trustProxy: trustProxy(readConfig({ TRUST_PROXY: '127.0.0.1' })),
      authLimits: { perIp: PER_IP, perAccount: 1000 },
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    proxy = await startReverseProxy((app.server.address() as AddressInfo).port);
    email = (await seedLearner(app.database)).email;
  });
  afterAll(async () => {
    await proxy?.close();
    await app?.close();
  });

  const wrongGuess = (client: string, n: number, headers?: Record<string, string>) =>
    fromClient(
      proxy.port,
      client,
      '/api/v1/auth/signin',
      { email: `nobody-${client}-${n}@example.org`, password: 'a wrong guess' },
      headers,
    );

  it('marks the session cookie Secure and sends HSTS when the proxy says HTTPS', async () => {
    const res = await fromClient(proxy.port, '127.0.0.9', '/api/v1/auth/signin', {
      email,
      password: TEST_PASSWORD,
    });
    expect(res.status).toBe(200);
    const session = [res.headers['set-cookie']].flat().find((c) => c?.startsWith('trailmap_session='));
    expect(session).toMatch(/; Secure/);
    expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
  });

  it('counts each client in its own bucket, not everyone in the proxy’s', async () => {
    for (let n = 0; n < PER_IP; n++) expect((await wrongGuess('127.0.0.2', n)).status).toBe(401);
    const limited = await wrongGuess('127.0.0.2', PER_IP);
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toBeDefined();
    // Another learner behind the same proxy still gets to try.
    expect((await wrongGuess('127.0.0.3', 0)).status).toBe(401);
  });

  it('does not let a client dodge its limit with an X-Forwarded-For of its own', async () => {
    const spoofed = (n: number) => ({ 'x-forwarded-for': `203.0.113.${n}, 198.51.100.${n}` });
    for (let n = 0; n < PER_IP; n++) expect((await wrongGuess('127.0.0.4', n, spoofed(n))).status).toBe(401);
    expect((await wrongGuess('127.0.0.4', PER_IP, spoofed(PER_IP))).status).toBe(429);
    expect((await wrongGuess('127.0.0.4', PER_IP + 1)).status).toBe(429);
  });
});
