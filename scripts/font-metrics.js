// Writes src/features/map/font-metrics.json: the advance width of every character the map may show,
// read from the fonts it ships (src/features/map/fonts), so the server can measure and wrap text
// without a canvas. Run again only when a font file changes: node scripts/font-metrics.js
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const fontsDir = path.join(root, 'src/features/map/fonts');

function tables(font) {
  const count = font.readUInt16BE(4);
  const found = {};
  for (let i = 0; i < count; i++) {
    const at = 12 + i * 16;
    found[font.toString('latin1', at, at + 4)] = font.readUInt32BE(at + 8);
  }
  return found;
}

/** Code point → glyph index, from the cmap's format 4 subtable (the Basic Multilingual Plane). */
function glyphIndexes(font, cmap) {
  const count = font.readUInt16BE(cmap + 2);
  for (let i = 0; i < count; i++) {
    const offset = cmap + font.readUInt32BE(cmap + 4 + i * 8 + 4);
    if (font.readUInt16BE(offset) !== 4) continue;
    const segments = font.readUInt16BE(offset + 6) / 2;
    const ends = offset + 14;
    const starts = ends + segments * 2 + 2;
    const deltas = starts + segments * 2;
    const ranges = deltas + segments * 2;
    return (code) => {
      for (let s = 0; s < segments; s++) {
        const end = font.readUInt16BE(ends + s * 2);
        if (code > end) continue;
        const start = font.readUInt16BE(starts + s * 2);
        if (code < start) return 0;
        const delta = font.readInt16BE(deltas + s * 2);
        const rangeOffset = font.readUInt16BE(ranges + s * 2);
        if (rangeOffset === 0) return (code + delta) & 0xffff;
        const glyph = font.readUInt16BE(ranges + s * 2 + rangeOffset + (code - start) * 2);
        return glyph === 0 ? 0 : (glyph + delta) & 0xffff;
      }
      return 0;
    };
  }
  throw new Error('no format 4 cmap');
}

function metrics(file) {
  const font = readFileSync(path.join(fontsDir, file));
  const t = tables(font);
  const unitsPerEm = font.readUInt16BE(t.head + 18);
  const longMetrics = font.readUInt16BE(t.hhea + 34);
  const glyphOf = glyphIndexes(font, t.cmap);
  const advance = (glyph) => font.readUInt16BE(t.hmtx + Math.min(glyph, longMetrics - 1) * 4);
  const widths = {};
  // Latin, Latin-1, Latin Extended-A/B and general punctuation: what roadmap titles are written in.
  const ranges = [
    [0x20, 0x7e],
    [0xa0, 0x24f],
    [0x2010, 0x2044],
    [0x20ac, 0x20ac],
  ];
  for (const [from, to] of ranges) {
    for (let code = from; code <= to; code++) {
      const glyph = glyphOf(code);
      if (glyph !== 0) widths[String.fromCodePoint(code)] = +(advance(glyph) / unitsPerEm).toFixed(4);
    }
  }
  return { widths, fallback: +(advance(glyphOf(0x4d)) / unitsPerEm).toFixed(4) };
}

const out = {
  family: 'Liberation Sans',
  regular: metrics('LiberationSans-Regular.ttf'),
  bold: metrics('LiberationSans-Bold.ttf'),
};
writeFileSync(path.join(root, 'src/features/map/font-metrics.json'), `${JSON.stringify(out)}\n`);
