// What a person sees of a layout, measured in the browser: lines of text, gaps, look-alike controls.
import type { Locator } from 'playwright-core';

/**
 * How many lines the visible text inside an element takes: the distinct tops of its text
 * fragments (text hidden for screen readers only, and whatever `ignore` matches, left out).
 */
export function textLines(element: Locator, ignore = '') {
  return element.evaluate((root, ignored) => {
    const tops = new Set<number>();
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!node.textContent?.trim() || !parent) continue;
      if (parent.closest('.visually-hidden') || (ignored && parent.closest(ignored))) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const rect of range.getClientRects()) if (rect.width > 0) tops.add(Math.round(rect.top / 4));
    }
    return tops.size;
  }, ignore);
}

/** Lines of text a control's content box holds (pseudo-element text such as "✓ " included). */
export function contentLines(element: Locator) {
  return element.evaluate((el) => {
    const style = getComputedStyle(el);
    const inner =
      el.clientHeight - Number.parseFloat(style.paddingTop) - Number.parseFloat(style.paddingBottom);
    return Math.round(inner / Number.parseFloat(style.lineHeight));
  });
}

/** Pixels between the bottom of `upper` and the top of `lower`. */
export async function gapBetween(upper: Locator, lower: Locator) {
  const [a, b] = [await upper.boundingBox(), await lower.boundingBox()];
  if (!a || !b) throw new Error('one of the elements is not shown');
  return b.y - (a.y + a.height);
}

const LOOK = [
  'background-color',
  'color',
  'border-top-width',
  'border-top-style',
  'border-top-color',
  'border-radius',
  'padding-top',
  'padding-left',
  'font-size',
  'font-weight',
  'line-height',
  'height',
] as const;

/** The properties that make two buttons look alike or not. */
export function buttonLook(element: Locator) {
  return element.evaluate(
    (el, properties) => {
      const style = getComputedStyle(el);
      return Object.fromEntries(properties.map((p) => [p, style.getPropertyValue(p)]));
    },
    [...LOOK],
  );
}

/**
 * For a line of facts separated by "·" (a pseudo-element before each fact), which separators a
 * person sees: `leading` for facts that start a line (there should be none), `between` for the others.
 */
export function visibleSeparators(line: Locator) {
  return line.evaluate((p) => {
    const facts = [...p.children] as HTMLElement[];
    const tops = facts.map((f) => {
      const range = document.createRange();
      range.selectNodeContents(f);
      return Math.round(range.getBoundingClientRect().top);
    });
    const result = { leading: 0, between: 0 };
    facts.forEach((fact, i) => {
      const range = document.createRange();
      range.selectNodeContents(fact);
      const text = range.getBoundingClientRect();
      const box = fact.getBoundingClientRect();
      if (text.left - box.left < 2) return; // no separator before this fact
      const hit = document.elementFromPoint((box.left + text.left) / 2, text.top + text.height / 2);
      if (!hit || !fact.contains(hit)) return; // clipped away
      if (i === 0 || tops[i] !== tops[i - 1]) result.leading++;
      else result.between++;
    });
    return result;
  });
}

/** The text a person reads: hidden parts left out, line breaks where the layout puts them. */
export const visibleText = (element: Locator) =>
  // biome-ignore lint/performance/useDomNodeTextContent: Playwright's innerText is the rendered text this checks
  element.innerText();
