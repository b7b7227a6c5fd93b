// The sign-in lockout as a learner meets it in Chromium: each wrong password on /signin says how many
// attempts are left before sign-in pauses, and the paused page keeps the form and names the time left.
import { afterEach, describe, expect, it } from 'vitest';
import { openPage, useBrowserAndServer } from '../helpers/browser.ts';
import { seedLearner, TEST_PASSWORD } from '../helpers/db.ts';

const PER_ACCOUNT = 3;
const e2e = useBrowserAndServer({ authLimits: { perIp: 1000, perAccount: PER_ACCOUNT, windowSeconds: 900 } });
let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

describe('signing in with wrong passwords', () => {
  it('says how many attempts are left, then keeps the form on the paused page and names the time left', async () => {
    const opened = await openPage(e2e.browser, { viewport: { width: 1280, height: 900 } });
    close = () => opened.context.close();
    const { page } = opened;
    page.setDefaultTimeout(10_000);
    const { email } = await seedLearner(e2e.server.app.database);
    await page.goto(`${e2e.server.baseUrl}/signin`);
    const error = page.getByRole('alert');
    const shown: string[] = [];
    for (let i = 0; i < PER_ACCOUNT; i++) {
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Password').fill(`wrong guess ${i}`);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForLoadState();
      shown.push(((await error.textContent()) ?? '').trim());
    }
    expect(shown).toEqual([
      'The email or password is not right: 2 attempts left before sign-in pauses',
      'The email or password is not right: 1 attempt left before sign-in pauses',
      'The email or password is not right: sign-in for this account is paused for 15 minutes',
    ]);
    // Paused: even the right password is refused, and the page says for how long, form and all.
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForLoadState();
    expect(new URL(page.url()).pathname).toBe('/signin');
    expect((await error.textContent())?.trim()).toMatch(
      /^Too many attempts: sign-in for this account is paused, try again in 1[45] minutes$/,
    );
    expect(await page.getByLabel('Email').inputValue()).toBe(email);
    expect(await page.getByLabel('Password').isEditable()).toBe(true);
    expect(await page.getByRole('button', { name: 'Sign in' }).isEnabled()).toBe(true);
    expect(await page.evaluate(() => document.body.dataset.signedIn)).not.toBe('true');
  });
});
