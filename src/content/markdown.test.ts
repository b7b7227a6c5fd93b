import { describe, expect, it } from 'vitest';
import { countWords, renderMarkdown } from './markdown.ts';

describe('topic Markdown', () => {
  it('shows a <script> in a topic body as text', () => {
    const html = renderMarkdown('Before <script>alert(1)</script> after');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('escapes raw HTML blocks and event handlers', () => {
    const html = renderMarkdown('<img src=x onerror="alert(1)">\n\n<div onclick="x()">hi</div>');
    expect(html).not.toMatch(/<img|<div/);
    expect(html).toContain('&lt;img');
  });

  it('keeps http(s) links and drops javascript:, data: and vbscript: links', () => {
    const html = renderMarkdown(
      '[ok](https://nodejs.org/) [js](javascript:alert(1)) [data](data:text/html,<b>x</b>) [vb](vbscript:msgbox)',
    );
    expect(html).toContain('<a href="https://nodejs.org/" rel="noopener noreferrer">ok</a>');
    expect(html).not.toMatch(/href="(javascript|data|vbscript):/);
  });

  it('does not render images from content', () => {
    expect(renderMarkdown('![pixel](https://tracker.test/p.png)')).not.toContain('<img');
  });

  it('counts the words a reader sees', () => {
    expect(countWords('Learn **HTTP** and [REST](https://example.org/a-b-c) in `Node.js`.')).toBe(6);
  });
});
