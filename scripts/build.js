// Builds Trailmap: the server bundle (dist/trailmap.js) and the hashed, precompressed browser
// assets (dist/public). Skips the work when nothing under src/ changed since the last build.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { copyFile, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const publicDir = path.join(dist, 'public');
const stampFile = path.join(dist, '.build-stamp');

// Synchronous on purpose: every start runs this check, and a hundred stats one after another
// through the thread pool took 20 ms of it.
function newestMtime(target) {
  const info = statSync(target);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const entry of readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

function isUpToDate() {
  if (!existsSync(stampFile)) return false;
  const built = statSync(stampFile).mtimeMs;
  const inputs = ['src', 'scripts/build.js', 'package.json'].map((p) => path.join(root, p));
  return inputs.every((input) => newestMtime(input) <= built);
}

const shared = {
  bundle: true,
  jsx: 'automatic',
  jsxImportSource: 'preact',
  logLevel: 'warning',
  legalComments: 'none',
};

async function buildServer(esbuild) {
  // Chunk names change with their contents: the previous build's must not pile up.
  for (const name of await readdir(dist)) {
    if (/\.js(\.map)?$/.test(name)) await rm(path.join(dist, name));
  }
  await esbuild.build({
    ...shared,
    entryPoints: [
      { in: path.join(root, 'src/cli/main.ts'), out: 'trailmap' },
      { in: path.join(root, 'src/content/worker.ts'), out: 'content-worker' },
    ],
    outdir: dist,
    // Code shared by the entries, and what a command loads when it runs, in chunks of their own.
    splitting: true,
    chunkNames: '[name]-[hash]',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Dependencies are bundled too: resolving and compiling hundreds of separate modules was
    // a third of the cold start (npm run bench). What cannot be bundled stays outside: native
    // code and packages that read files next to their own sources (PGlite's WebAssembly, pino's
    // transport workers).
    external: ['@electric-sql/pglite', '@node-rs/argon2', 'esbuild', 'pg-native', 'pino', 'thread-stream'],
    // Bundled CommonJS packages call require() for Node's own modules.
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
    },
    sourcemap: true,
    minifyWhitespace: true,
    minifySyntax: true,
  });
  await copyFile(
    path.join(root, 'src/features/accounts/common-passwords.txt'),
    path.join(dist, 'common-passwords.txt'),
  );
  // The map's font, for the PNG (src/features/map/png.ts looks for it next to the bundle).
  await mkdir(path.join(dist, 'fonts'), { recursive: true });
  for (const name of await readdir(path.join(root, 'src/features/map/fonts'))) {
    await copyFile(path.join(root, 'src/features/map/fonts', name), path.join(dist, 'fonts', name));
  }
}

async function precompress(file) {
  const bytes = await readFile(file);
  await writeFile(`${file}.gz`, gzipSync(bytes, { level: 9 }));
  await writeFile(
    `${file}.br`,
    brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
  );
}

async function buildClient(esbuild) {
  const assets = path.join(publicDir, 'assets');
  await rm(publicDir, { recursive: true, force: true });
  await mkdir(assets, { recursive: true });
  const result = await esbuild.build({
    ...shared,
    entryPoints: [path.join(root, 'src/client/main.ts'), path.join(root, 'src/client/styles.css')],
    outdir: assets,
    entryNames: '[name]-[hash]',
    // The search dialog is imported when first opened: a chunk of its own (client/search-shortcuts.ts).
    splitting: true,
    chunkNames: '[name]-[hash]',
    platform: 'browser',
    format: 'esm',
    target: ['chrome110', 'firefox110', 'safari16'],
    minify: true,
    metafile: true,
  });
  const manifest = {};
  for (const [output, meta] of Object.entries(result.metafile.outputs)) {
    if (!meta.entryPoint) continue;
    manifest[path.basename(meta.entryPoint).replace(/\.ts$/, '.js')] = `/assets/${path.basename(output)}`;
  }
  const icon = await readFile(path.join(root, 'src/client/favicon.svg'));
  const iconName = `favicon-${createHash('sha256').update(icon).digest('hex').slice(0, 8)}.svg`;
  await writeFile(path.join(assets, iconName), icon);
  manifest['favicon.svg'] = `/assets/${iconName}`;
  for (const name of await readdir(assets)) await precompress(path.join(assets, name));
  await writeFile(path.join(publicDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
}

export async function build({ force = false, quiet = false } = {}) {
  if (!existsSync(path.join(root, 'src'))) return false;
  if (!force && isUpToDate()) return false;
  const started = Date.now();
  // Only loaded when there is something to build: a start with an up-to-date dist/ skips it.
  const esbuild = await import('esbuild');
  await mkdir(dist, { recursive: true });
  await Promise.all([buildServer(esbuild), buildClient(esbuild)]);
  await writeFile(stampFile, new Date().toISOString());
  if (!quiet) process.stderr.write(`built dist/ in ${Date.now() - started} ms\n`);
  return true;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await build({ force: process.argv.includes('--force') });
}
