// The map as a PNG for sharing, drawn on the server by resvg compiled to WebAssembly (no native
// binary) with the font the map ships, so it looks the same on every machine.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

let ready: Promise<{ Resvg: typeof import('@resvg/resvg-wasm').Resvg; fonts: Uint8Array[] }> | undefined;

function resvg() {
  ready ??= (async () => {
    const { initWasm, Resvg } = await import('@resvg/resvg-wasm');
    const wasm = createRequire(import.meta.url).resolve('@resvg/resvg-wasm/index_bg.wasm');
    // Next to this module in the sources, in dist/fonts once built (scripts/build.js copies them).
    const fonts = await Promise.all(
      ['LiberationSans-Regular.ttf', 'LiberationSans-Bold.ttf'].map((name) =>
        readFile(fileURLToPath(new URL(`./fonts/${name}`, import.meta.url))),
      ),
    );
    await initWasm(await readFile(wasm));
    return { Resvg, fonts };
  })();
  ready.catch(() => {
    ready = undefined; // try again on the next request
  });
  return ready;
}

/** A standalone SVG (MapSvg standalone) as PNG bytes, at twice its size for sharp text. */
export async function renderPng(svg: string): Promise<Buffer> {
  const { Resvg, fonts } = await resvg();
  const image = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: 2 },
    font: { fontBuffers: fonts, defaultFontFamily: 'Liberation Sans', loadSystemFonts: false },
  });
  try {
    return Buffer.from(image.render().asPng());
  } finally {
    image.free();
  }
}
