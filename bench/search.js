// The search load of `npm run bench`: a fixed mix of 50 real queries at 50 connections against
// GET /api/v1/search, side by side with Fastify sending the same precomputed answers (the ceiling
// for a JSON route on this machine). Called from run.js with the running server.
import Fastify from 'fastify';
import { loadSideBySide } from './lib/load.js';

export const SEARCH_QUERIES = [
  'docker',
  'kubernets',
  'postgress',
  'dock',
  'caching',
  'rest api',
  'auth',
  'jwt',
  'oauth',
  'sql',
  'nosql',
  'redis',
  'graphql',
  'grpc',
  'testing',
  'ci cd',
  'git',
  'linux',
  'http',
  'dns',
  'load balancer',
  'message queue',
  'kafka',
  'microservices',
  'monolith',
  'python',
  'javascript',
  'typescript',
  'go',
  'rust',
  'java',
  'react',
  'css',
  'html',
  'accessibility',
  'security',
  'owasp',
  'encryption',
  'hashing',
  'terraform',
  'cloud',
  'aws',
  'monitoring',
  'logging',
  'llm',
  'embeddings',
  'vector database',
  'prompt',
  'spark',
  'airflow',
];

const pathOf = (q) => `/api/v1/search?q=${encodeURIComponent(q)}`;

/** A Fastify app answering each of the paths with the bytes the server gave for it. */
async function startPrecomputed(answers) {
  const app = Fastify({ logger: false });
  app.get('/api/v1/search', async (request, reply) => {
    const body = answers.get(pathOf(request.query.q));
    return reply.type('application/json; charset=utf-8').send(body);
  });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return { url, stop: () => app.close() };
}

/** The search load on `server` (started by run.js): { precomputed, search, ratio }. */
export async function benchSearch(server) {
  const answers = new Map();
  for (const q of SEARCH_QUERIES) {
    const response = await fetch(`${server.base}${pathOf(q)}`);
    if (response.status !== 200) throw new Error(`search "${q}": ${response.status}`);
    answers.set(pathOf(q), await response.text());
  }
  const requests = SEARCH_QUERIES.map((q) => ({ method: 'GET', path: pathOf(q) }));
  const precomputed = await startPrecomputed(answers);
  try {
    const [baseline, search] = await loadSideBySide([
      { name: 'Fastify, precomputed search answers', options: { url: precomputed.url, requests } },
      { name: 'search API, 50 queries', options: { url: server.base, requests } },
    ]);
    const ratio = search.rps / baseline.rps;
    console.log(
      `search API / precomputed: ${ratio.toFixed(2)} (target ≥ 0.5), p99 ${search.p99} ms (target < 10)`,
    );
    return { baseline, search, ratio };
  } finally {
    await precomputed.stop();
  }
}
