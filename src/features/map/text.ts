// Measures and wraps text on the server, with the advance widths of the font the map ships
// (Liberation Sans, metric-compatible with Arial and Helvetica; scripts/font-metrics.js), so a
// box is laid out to hold its whole title in any browser and in the PNG.
import metrics from './font-metrics.json' with { type: 'json' };

export type Weight = 'regular' | 'bold';

/** The font stack the map's text uses: one with the same widths on every system. */
export const MAP_FONT = "'Liberation Sans', Arial, Helvetica, sans-serif";

const WIDTHS: Record<Weight, { widths: Record<string, number>; fallback: number }> = metrics;

/** Width in pixels of `text` at `size` px. Characters the table lacks count as wide as an M. */
export function textWidth(text: string, size: number, weight: Weight = 'regular'): number {
  const table = WIDTHS[weight];
  let em = 0;
  for (const char of text) em += table.widths[char] ?? table.fallback;
  return em * size;
}

/**
 * Breaks `text` into lines no wider than `maxWidth` (between words; a word longer than a line is
 * cut between characters, so no line ever overflows its box).
 */
export function wrapText(text: string, maxWidth: number, size: number, weight: Weight = 'regular'): string[] {
  const lines: string[] = [];
  let line = '';
  const fits = (candidate: string) => textWidth(candidate, size, weight) <= maxWidth;
  for (const word of text.trim().split(/\s+/)) {
    const candidate = line ? `${line} ${word}` : word;
    if (fits(candidate)) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    line = '';
    let rest = word;
    while (!fits(rest)) {
      let cut = rest.length - 1;
      while (cut > 1 && !fits(rest.slice(0, cut))) cut--;
      lines.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    line = rest;
  }
  if (line) lines.push(line);
  return lines;
}
