// Shared pages (catalogue, roadmaps, topics) carry nothing personal, so each is rendered and
// compressed once per content version and then served from memory with an ETag.
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import negotiate from '@fastify/accept-negotiator';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

interface CachedPage {
  etag: string;
  identity: Buffer;
  gzip: Buffer;
  br: Buffer;
}

export const SHARED_PAGE_CACHE_CONTROL = 'public, max-age=0, must-revalidate';
const ENCODINGS = ['br', 'gzip', 'identity'] as const;

async function compressPage(html: string): Promise<CachedPage> {
  const identity = Buffer.from(html);
  const [br, gz] = await Promise.all([
    brotli(identity, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: identity.length },
    }),
    gzipAsync(identity, { level: 9 }),
  ]);
  const etag = `"${createHash('sha256').update(identity).digest('base64url').slice(0, 22)}"`;
  return { etag, identity, gzip: gz, br };
}

declare module 'fastify' {
  interface FastifyReply {
    /** Serves a shared page from the cache, rendering it on first use for this content version. */
    sendSharedPage(key: string, render: () => string): Promise<FastifyReply>;
  }
}

export const pageCachePlugin = fp(
  async (app: FastifyInstance) => {
    let version = '';
    let pages = new Map<string, Promise<CachedPage>>();

    function cached(key: string, render: () => string): Promise<CachedPage> {
      if (app.content.catalog.version !== version) {
        version = app.content.catalog.version;
        pages = new Map();
      }
      let page = pages.get(key);
      if (!page) {
        page = compressPage(render());
        pages.set(key, page);
        page.catch(() => pages.delete(key));
      }
      return page;
    }

    app.decorateReply(
      'sendSharedPage',
      async function (this: FastifyReply, key: string, render: () => string) {
        const page = await cached(key, render);
        const request: FastifyRequest = this.request;
        this.header('cache-control', SHARED_PAGE_CACHE_CONTROL)
          .header('etag', page.etag)
          .header('vary', 'Accept-Encoding, Cookie');
        this.type('text/html; charset=utf-8');
        const ifNoneMatch = request.headers['if-none-match'];
        if (ifNoneMatch?.split(/\s*,\s*/).some((tag) => tag.replace(/^W\//, '') === page.etag)) {
          return this.code(304).send();
        }
        const accepted = request.headers['accept-encoding'];
        const encoding = (accepted && negotiate(accepted, ENCODINGS as unknown as string[])) || 'identity';
        if (encoding === 'identity') return this.send(page.identity);
        return this.header('content-encoding', encoding).send(encoding === 'br' ? page.br : page.gzip);
      },
    );
  },
  { name: 'page-cache', dependencies: ['content'] },
);
