// A musician on a phone turns a session into a public credit: signs up, logs
// the session, adds the recording from the gig page, makes it public, turns
// the public portfolio on, and sees what a studio would see — the recording,
// and no fee. Then axe on the new pages. Only labels, roles and text.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, launchBrowser, PHONE, signUpInBrowser, withScreenshotOnFailure, seriousViolations } from '../support/browser.ts';
import { startServer, type RunningServer } from '../support/server.ts';


let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let who: { name: string; email: string; password: string };
const pagesToCheck: string[] = [];

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  context = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
  page = await context.newPage();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const noSideways = async (p: Page, width: number) => expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);

describe('from a session to the public portfolio, on a phone', () => {
  it('logs a gig, adds its recording, makes it public and shows it to a studio without the fee', async () => {
    await withScreenshotOnFailure(page, 'portfolio-phone', async () => {
      who = await signUpInBrowser(page, server.url);

      await page.getByRole('link', { name: '+ Log a gig' }).click();
      await page.getByLabel('Client (who booked it)').fill('Echo Park Sound');
      await page.getByLabel('Instruments').fill('Hammond organ');
      await page.getByLabel('Fee').fill('987.65');
      await page.getByText('More details').click();
      await page.getByLabel('Title / project').fill('Lantern Street');
      await page.getByLabel('Artist').fill('June Alvarez');
      await page.getByRole('button', { name: 'Log gig' }).click();
      await expect.poll(() => page.getByText('Logged.').first().isVisible()).toBe(true);
      const gigUrl = page.url();

      await page.getByRole('link', { name: 'Add recording from this session' }).click();
      await expect.poll(() => page.getByRole('heading', { name: 'Add a recording' }).isVisible()).toBe(true);
      expect(await page.getByLabel('Artist').inputValue()).toBe('June Alvarez');
      expect(await page.getByLabel('Credit 1 instrument').inputValue()).toBe('Hammond organ');
      await noSideways(page, PHONE.width);
      pagesToCheck.push(new URL(page.url()).pathname + new URL(page.url()).search);

      await page.getByLabel('Title', { exact: true }).fill('Lantern Street');
      await page.getByLabel('ISRC').fill('us-ck7-25-00042');
      await page.getByLabel('Link 1').fill('https://open.spotify.com/track/4uLU6hMCjMI75M1A2tKUQC');
      // /js/recordings.js adds rows in place; without it, spare rows are there already.
      expect(await page.getByLabel('Credit 4 role').count()).toBe(0);
      await page.getByRole('button', { name: 'Add another credit' }).click();
      await page.getByLabel('Credit 4 role').selectOption({ label: 'Background vocalist' });
      await page.getByLabel('Show on my public portfolio').check();
      await page.getByRole('button', { name: 'Add recording' }).click();

      await expect.poll(() => page.getByText('Recording added.').isVisible()).toBe(true);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Lantern Street');
      expect(await page.getByText('US-CK7-25-00042').isVisible()).toBe(true);
      expect(await page.getByRole('link', { name: 'Spotify' }).getAttribute('href')).toBe('https://open.spotify.com/track/4uLU6hMCjMI75M1A2tKUQC');
      expect(await page.getByRole('link', { name: /Echo Park Sound/ }).isVisible()).toBe(true);
      expect(await page.getByText('Background vocalist', { exact: true }).isVisible()).toBe(true);
      await noSideways(page, PHONE.width);
      pagesToCheck.push(new URL(page.url()).pathname, new URL(gigUrl).pathname);

      await page.getByRole('link', { name: 'Settings', exact: true }).click();
      await page.getByRole('button', { name: 'Turn on the public portfolio' }).click();
      await expect.poll(() => page.getByText(/Your public portfolio is on at \/p\//).first().isVisible()).toBe(true);

      await page.getByRole('link', { name: 'Portfolio', exact: true }).click();
      expect(await page.getByRole('link', { name: 'Lantern Street', exact: true }).isVisible()).toBe(true);
      await noSideways(page, PHONE.width);
      pagesToCheck.push('/portfolio');

      // What a studio sees: open the public address in a fresh browser, with no session.
      await page.goto(`${server.url}/settings`);
      const publicPath = (await page.getByRole('link', { name: /^\/p\// }).getAttribute('href'))!;
      const visitor = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
      const studio = await visitor.newPage();
      const res = await studio.goto(server.url + publicPath);
      expect(res?.status()).toBe(200);
      expect(await studio.getByRole('heading', { level: 1 }).textContent()).toBe(who.name);
      expect(await studio.getByRole('heading', { name: 'Lantern Street' }).isVisible()).toBe(true);
      expect(await studio.getByRole('link', { name: 'Spotify' }).isVisible()).toBe(true);
      const text = (await studio.locator('body').textContent())!;
      expect(text).not.toContain('987');
      expect(text).not.toContain('$');
      expect(text).not.toContain('Echo Park Sound');
      expect(text).not.toContain(who.email);
      expect(await visitor.cookies()).toEqual([]);
      await noSideways(studio, PHONE.width);
      pagesToCheck.push(publicPath);
      await visitor.close();
    });
  }, 60_000);
});

describe('accessibility of the recording and portfolio pages (axe-core)', () => {
  for (const [label, viewport] of [['phone', PHONE], ['desktop', DESKTOP]] as const) {
    it(`has no serious or critical violations (${label})`, async () => {
      expect(pagesToCheck.length).toBeGreaterThan(3);
      // axe is injected as an inline script, which the app's CSP rightly forbids: this context bypasses it.
      const checker = await browser.newContext({ viewport, bypassCSP: true });
      const p = await checker.newPage();
      await p.goto(`${server.url}/signin`);
      await p.getByLabel('Email').fill(who.email);
      await p.getByLabel('Password').fill(who.password);
      await p.getByRole('button', { name: 'Sign in' }).click();
      await p.waitForURL(`${server.url}/`);
      const problems: string[] = [];
      for (const path of pagesToCheck) {
        const res = await p.goto(server.url + path);
        expect(res?.status(), path).toBe(200);
        for (const v of await seriousViolations(p)) problems.push(`${path}: ${v}`);
      }
      await checker.close();
      expect(problems).toEqual([]);
    }, 60_000);
  }
});
