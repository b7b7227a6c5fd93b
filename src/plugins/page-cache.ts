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

type Encoding = 'br' | 'gzip';
const ENCODINGS = ['br', 'gzip', 'identity'] as const;
export const SHARED_PAGE_CACHE_CONTROL = 'public, max-age=0, must-revalidate';

/** Quick settings: what a page is sent with until (or unless) its best encoding is ready. */
function compressQuickly(identity: Buffer, encoding: Encoding): Promise<Buffer> {
  return encoding === 'br'
    ? brotli(identity, {
        params: { [constants.BROTLI_PARAM_QUALITY]: 3, [constants.BROTLI_PARAM_SIZE_HINT]: identity.length },
      })
    : gzipAsync(identity, { level: 6 });
}

/** The smallest output, for pages sent many times: brotli 11 takes ~0.1 s on a roadmap page. */
function compressBest(identity: Buffer, encoding: Encoding): Promise<Buffer> {
  return encoding === 'br'
    ? brotli(identity, {
        params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: identity.length },
      })
    : gzipAsync(identity, { level: 9 });
}

/** A rendered page's bytes, compressed once per encoding a browser asks for. */
class PageBytes {
  readonly identity: Buffer;
  private readonly quick: Partial<Record<Encoding, Promise<Buffer>>> = {};
  private readonly best: Partial<Record<Encoding, Buffer>> = {};

  constructor(html: string) {
    this.identity = Buffer.from(html);
  }

  /**
   * Compresses at the best settings in the background (zlib's thread pool); until that is done,
   * answers use the quick encoding, so the first visitor after a start or a content change does
   * not wait for brotli 11.
   */
  improve(): this {
    for (const encoding of ['br', 'gzip'] as const) {
      compressBest(this.identity, encoding).then(
        (bytes) => {
          this.best[encoding] = bytes;
          delete this.quick[encoding];
        },
        () => {}, // the quick encoding stays in use
      );
    }
    return this;
  }

  encoded(encoding: Encoding): Buffer | Promise<Buffer> {
    const best = this.best[encoding];
    if (best) return best;
    this.quick[encoding] ??= compressQuickly(this.identity, encoding);
    return this.quick[encoding];
  }
}

interface SharedPage {
  etag: string;
  bytes: PageBytes;
}

function sharedPage(html: string): SharedPage {
  const bytes = new PageBytes(html).improve();
  const etag = `"${createHash('sha256').update(bytes.identity).digest('base64url').slice(0, 22)}"`;
  return { etag, bytes };
}

/** The encoding to answer with, from the request's Accept-Encoding. */
function negotiatedEncoding(request: FastifyRequest): Encoding | 'identity' {
  const accepted = request.headers['accept-encoding'];
  return ((accepted && negotiate(accepted, ENCODINGS as unknown as string[])) || 'identity') as
    | Encoding
    | 'identity';
}

/** Sends a page's bytes in the negotiated encoding. */
async function sendBytes(reply: FastifyReply, bytes: PageBytes) {
  const encoding = negotiatedEncoding(reply.request);
  if (encoding === 'identity') return reply.send(bytes.identity);
  return reply.header('content-encoding', encoding).send(await bytes.encoded(encoding));
}

declare module 'fastify' {
  interface FastifyReply {
    /**
     * Serves a shared page from the cache, rendering it on first use for this content version
     * (`type`: an HTML page unless said otherwise, e.g. the map as SVG).
     */
    sendSharedPage(key: string, render: () => string, type?: string): Promise<FastifyReply>;
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
  bytes: PageBytes;
}

/** The CSRF secret cookie: a page's form tokens are valid for it, so it is part of the page's key. */
const CSRF_COOKIE = 'trailmap_csrf';
const PERSONAL_CACHE_BYTES = 64 * 1024 * 1024;

export const pageCachePlugin = fp(
  async (app: FastifyInstance) => {
    let version = '';
    let pages = new Map<string, SharedPage>();

    function cached(key: string, render: () => string): SharedPage {
      if (app.content.catalog.version !== version) {
        version = app.content.catalog.version;
        pages = new Map();
      }
      let page = pages.get(key);
      if (!page) {
        page = sharedPage(render());
        pages.set(key, page);
      }
      return page;
    }

    app.decorateReply(
      'sendSharedPage',
      async function (
        this: FastifyReply,
        key: string,
        render: () => string,
        type = 'text/html; charset=utf-8',
      ) {
        const page = cached(key, render);
        const request: FastifyRequest = this.request;
        this.header('cache-control', SHARED_PAGE_CACHE_CONTROL)
          .header('etag', page.etag)
          .header('vary', 'Accept-Encoding, Cookie');
        this.type(type);
        const ifNoneMatch = request.headers['if-none-match'];
        if (ifNoneMatch?.split(/\s*,\s*/).some((tag) => tag.replace(/^W\//, '') === page.etag)) {
          return this.code(304).send();
        }
        return sendBytes(this, page.bytes);
      },
    );

    const personal = new LRUCache<string, PersonalPage>({
      maxSize: PERSONAL_CACHE_BYTES,
      sizeCalculation: (page) => page.bytes.identity.length,
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
          page = { basis, version: app.content.catalog.version, bytes: new PageBytes(render()) };
          personal.set(cacheKey, page);
        }
        return sendBytes(this, page.bytes);
      },
    );
  },
  { name: 'page-cache', dependencies: ['content', 'session'] },
);
