// Serves the built, content-hashed browser assets with immutable caching.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { PageAssets } from '../views/Layout.tsx';

declare module 'fastify' {
  interface FastifyInstance {
    assets: PageAssets;
  }
}

export function readManifest(publicDir: string): PageAssets {
  const file = path.join(publicDir, 'manifest.json');
  let manifest: Record<string, string>;
  try {
    manifest = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    throw new Error(`${file} is missing: run "npm run build" first`);
  }
  const pick = (name: string) => {
    const url = manifest[name];
    if (!url) throw new Error(`${file} has no entry for ${name}: run "npm run build" again`);
    return url;
  };
  return { js: pick('main.js'), css: pick('styles.css'), icon: pick('favicon.svg') };
}

export const assetsPlugin = fp(
  async (app: FastifyInstance, options: { publicDir: string }) => {
    app.decorate('assets', readManifest(options.publicDir));
    await app.register(fastifyStatic, {
      root: path.join(options.publicDir, 'assets'),
      prefix: '/assets/',
      preCompressed: true,
      immutable: true,
      maxAge: '365d',
      index: false,
    });
  },
  { name: 'assets' },
);
