// The one way a page becomes HTML: Preact JSX rendered to a string, which escapes all text.
import { h, type VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';

export function renderDocument(page: VNode): string {
  return `<!doctype html>${renderToString(page)}`;
}

/** Data for the browser bundle, embedded as inert JSON (never executed, so the CSP allows it). */
export function JsonData({ id, data }: { id: string; data: unknown }) {
  const json = JSON.stringify(data)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
  return h('script', { type: 'application/json', id, dangerouslySetInnerHTML: { __html: json } });
}
