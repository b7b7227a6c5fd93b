// Renders authors' Markdown safely: raw HTML is shown as text and only http(s) links survive.
import MarkdownIt from 'markdown-it';

const markdown = new MarkdownIt({ html: false, linkify: true, typographer: true });
markdown.disable(['image']);

const SAFE_LINK = /^(https?:\/\/|\/(?!\/)|#)/i;
markdown.validateLink = (url) => SAFE_LINK.test(url.trim());

const defaultLinkOpen =
  markdown.renderer.rules.link_open ??
  ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
markdown.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  const token = tokens[idx];
  if (token && /^https?:/i.test(String(token.attrGet('href') ?? '')))
    token.attrSet('rel', 'noopener noreferrer');
  return defaultLinkOpen(tokens, idx, options, env, self);
};

export function renderMarkdown(source: string): string {
  return markdown.render(source);
}

/** Words a reader sees: link targets, markup and code fences do not count. */
export function countWords(source: string): number {
  const text = source
    .replace(/\]\([^)]*\)/g, ']')
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/[`*_>#|[\]-]/g, ' ');
  return text.match(/[\p{L}\p{N}][\p{L}\p{N}'’.+#/]*/gu)?.length ?? 0;
}
