// The CLI acts on accounts through the accounts service, like the HTTP routes: no SQL of its own
// and no store imported, so a rule such as "a reset ends every session" lives in one place.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';

it('imports no store.ts and holds no SQL in src/cli', () => {
  const dir = import.meta.dirname;
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))) {
    const text = readFileSync(path.join(dir, file), 'utf8');
    expect(text, file).not.toMatch(/from '[^']*\/store\.ts'/);
    expect(text, file).not.toMatch(/\.(selectFrom|insertInto|updateTable|deleteFrom)\(/);
  }
});
