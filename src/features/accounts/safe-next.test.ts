// Where a form may send the browser next: a path on this site only, however the target is dressed up.
import { describe, expect, it } from 'vitest';
import { safeNext } from './viewer.ts';

describe('safeNext', () => {
  it.each([
    ['/roadmaps/backend', '/roadmaps/backend'],
    ['/roadmaps/backend#topic-sql', '/roadmaps/backend#topic-sql'],
    ['/signin?notice=progress', '/signin?notice=progress'],
    ['/roadmaps/a/../backend', '/roadmaps/backend'],
  ])('keeps a path on this site: %s', (next, kept) => {
    expect(safeNext(next)).toBe(kept);
  });

  it.each([
    ['another origin', 'https://evil.example/'],
    ['protocol-relative', '//evil.example'],
    ['a tab, which browsers strip', '/\t/evil.example'],
    ['a newline', '/\n/evil.example'],
    ['a carriage return', '/\r/evil.example'],
    ['a NUL', '/\u0000/evil.example'],
    ['U+2028', '/\u2028/evil.example'],
    ['a zero-width space', '/\u200b/evil.example'],
    ['a backslash', '/\\evil.example'],
    ['two backslashes', '\\\\evil.example'],
    ['an encoded slash', '/%2F/evil.example'],
    ['an encoded slash, lower case', '/%2f%2fevil.example'],
    ['an encoded backslash', '/%5Cevil.example'],
    ['an encoded tab', '/%09/evil.example'],
    ['an encoded newline', '/%0a/evil.example'],
    ['javascript:', 'javascript:alert(1)'],
    ['a relative path', 'evil.example'],
    ['a path with spaces in front', ' //evil.example'],
    ['an over-long path', `/${'a'.repeat(600)}`],
    ['not a string', ['/roadmaps', '/x']],
  ])('refuses %s', (_what, next) => {
    expect(safeNext(next)).toBe('/');
    expect(safeNext(next, '/account')).toBe('/account');
  });
});
