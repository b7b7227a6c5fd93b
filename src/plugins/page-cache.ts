// Shared pages (catalogue, roadmaps, topics) carry nothing personal, so each is rendered and
// compressed once per content version and then served from memory with an ETag.
// A signed-in learner's page is kept too, per session, for as long as the learner's progress
// records and the content stay the same: rendering and compressing a whole roadmap cost ~100
// times what sending it does (npm run bench, --cpu-prof), and learners reload pages far more
// often than they change their progress.
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import negotiate from '@fastify/accept-negotiator';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { LRUCache } from 'lru-cache';

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
    /**
     * Serves the signed-in learner's page, rendered again only when `basis` (the learner's records
     * as cached, see ProgressRecords.peek) or the content changed since this session last saw it.
     */
    sendPersonalPage(key: string, basis: object, render: () => string): Promise<FastifyReply>;
  }
}

interface PersonalPage {
  basis: object;
  version: string;
  identity: Buffer;
  encoded: Partial<Record<'br' | 'gzip', Promise<Buffer>>>;
}

/** Compressed once per cached personal page, so a quick setting: the cost is paid on a change. */
function encodePersonal(identity: Buffer, encoding: 'br' | 'gzip'): Promise<Buffer> {
  return encoding === 'br'
    ? brotli(identity, {
        params: { [constants.BROTLI_PARAM_QUALITY]: 3, [constants.BROTLI_PARAM_SIZE_HINT]: identity.length },
      })
    : gzipAsync(identity, { level: 6 });
}

/** The CSRF secret cookie: a page's form tokens are valid for it, so it is part of the page's key. */
const CSRF_COOKIE = 'trailmap_csrf';
const PERSONAL_CACHE_BYTES = 64 * 1024 * 1024;

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

    const personal = new LRUCache<string, PersonalPage>({
      maxSize: PERSONAL_CACHE_BYTES,
      sizeCalculation: (page) => page.identity.length,
    });

    app.decorateReply(
      'sendPersonalPage',
      async function (this: FastifyReply, key: string, basis: object, render: () => string) {
        const request: FastifyRequest = this.request;
        this.header('cache-control', 'private, no-store').header('vary', 'Accept-Encoding, Cookie');
        this.type('text/html; charset=utf-8');
        const csrfSecret = request.cookies[CSRF_COOKIE];
        // Without the secret cookie yet, rendering sets one: the page is only good for this answer.
        if (!request.session || !csrfSecret) return this.send(render());
        const cacheKey = `${request.session.tokenHash}\u0000${csrfSecret}\u0000${key}`;
        let page = personal.get(cacheKey);
        if (!page || page.basis !== basis || page.version !== app.content.catalog.version) {
          page = {
            basis,
            version: app.content.catalog.version,
            identity: Buffer.from(render()),
            encoded: {},
          };
          personal.set(cacheKey, page);
        }
        const accepted = request.headers['accept-encoding'];
        const encoding = (accepted && negotiate(accepted, ENCODINGS as unknown as string[])) || 'identity';
        if (encoding === 'identity') return this.send(page.identity);
        const name = encoding as 'br' | 'gzip';
        page.encoded[name] ??= encodePersonal(page.identity, name);
        return this.header('content-encoding', name).send(await page.encoded[name]);
      },
    );
  },
  { name: 'page-cache', dependencies: ['content', 'session'] },
);
