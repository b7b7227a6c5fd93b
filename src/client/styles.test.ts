// The stylesheet is one file per component; the build bundles what styles.css imports, in its order.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { expect, it } from 'vitest';

const here = path.dirname(fileURLToPath(import.meta.url));
const entry = path.join(here, 'styles.css');
const components = readdirSync(path.join(here, 'styles')).filter((name) => name.endsWith('.css'));
const imported = [...readFileSync(entry, 'utf8').matchAll(/@import "\.\/styles\/([^"]+)";/g)].map(
  (m) => m[1],
);

it('imports every component stylesheet once, tokens first and print last', () => {
  expect([...imported].sort()).toEqual([...components].sort());
  expect(new Set(imported).size).toBe(imported.length);
  expect(imported[0]).toBe('tokens.css');
  expect(imported.at(-1)).toBe('print.css');
});

it('bundles the component stylesheets in the order styles.css imports them', async () => {
  const result = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    logLevel: 'silent',
  });
  const bundled = result.outputFiles[0]?.text ?? '';
  // Each component starts with its own comment; esbuild keeps it and names the source file.
  const order = [...bundled.matchAll(/^\/\* src\/client\/styles\/([^ ]+\.css) \*\/$/gm)].map((m) => m[1]);
  expect(order).toEqual(imported);
});
