// Builds Trailmap: the server bundle (dist/trailmap.js) and the hashed, precompressed browser
// assets (dist/public). Skips the work when nothing under src/ changed since the last build.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const publicDir = path.join(dist, 'public');
const stampFile = path.join(dist, '.build-stamp');

async function newestMtime(target) {
  const info = await stat(target);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const entry of await readdir(target))
    newest = Math.max(newest, await newestMtime(path.join(target, entry)));
  return newest;
}

async function isUpToDate() {
  if (!existsSync(stampFile)) return false;
  const built = (await stat(stampFile)).mtimeMs;
  const inputs = ['src', 'scripts/build.js', 'package.json'].map((p) => path.join(root, p));
  for (const input of inputs) if ((await newestMtime(input)) > built) return false;
  return true;
}

const shared = {
  bundle: true,
  jsx: 'automatic',
  jsxImportSource: 'preact',
  logLevel: 'warning',
  legalComments: 'none',
};

async function buildServer() {
  await esbuild.build({
    ...shared,
    entryPoints: [path.join(root, 'src/cli/main.ts')],
    outfile: path.join(dist, 'trailmap.js'),
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
  });
  await copyFile(
    path.join(root, 'src/features/accounts/common-passwords.txt'),
    path.join(dist, 'common-passwords.txt'),
  );
}

async function precompress(file) {
  const bytes = await readFile(file);
  await writeFile(`${file}.gz`, gzipSync(bytes, { level: 9 }));
  await writeFile(
    `${file}.br`,
    brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
  );
}

async function buildClient() {
  const assets = path.join(publicDir, 'assets');
  await rm(publicDir, { recursive: true, force: true });
  await mkdir(assets, { recursive: true });
  const result = await esbuild.build({
    ...shared,
    entryPoints: [path.join(root, 'src/client/main.ts'), path.join(root, 'src/client/styles.css')],
    outdir: assets,
    entryNames: '[name]-[hash]',
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
  if (!force && (await isUpToDate())) return false;
  const started = Date.now();
  await mkdir(dist, { recursive: true });
  await Promise.all([buildServer(), buildClient()]);
  await writeFile(stampFile, new Date().toISOString());
  if (!quiet) process.stderr.write(`built dist/ in ${Date.now() - started} ms\n`);
  return true;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await build({ force: process.argv.includes('--force') });
}
