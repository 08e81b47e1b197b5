// axe-core in real Chromium on every main page, on the demo data, at phone
// and desktop sizes: no serious or critical violations. Plus keyboard-only
// completion of the quick log.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, launchBrowser, PHONE, withScreenshotOnFailure, seriousViolations, signInInBrowser } from '../support/browser.ts';
import { startServer, type RunningServer } from '../support/server.ts';


let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({}, { demo: true }), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** axe is injected as an inline script, which the app's CSP rightly forbids: tests bypass it. */
const newPage = (viewport: { width: number; height: number }) => browser.newPage({ viewport, bypassCSP: true });

async function signedInPage(viewport: { width: number; height: number }) {
  const page = await newPage(viewport);
  await signInInBrowser(page, server.url);
  return page;
}

const PAGES = ['/', '/gigs', '/gigs/new', '/gigs?paid=overdue', 'GIG', '/calendar', '/clients', 'CLIENT', '/settings', '/settings/rate-cards', '/gigs/import'];

describe('accessibility (axe-core)', () => {
  for (const [label, viewport] of [['phone', PHONE], ['desktop', DESKTOP]] as const) {
    it(`has no serious or critical violations on the main pages (${label})`, async () => {
      const page = await signedInPage(viewport);
      const problems: string[] = [];
      for (const path of PAGES) {
        let target = path;
        if (path === 'GIG') {
          await page.goto(`${server.url}/gigs`);
          target = (await page.locator('a.gig-table__title').first().getAttribute('href'))!;
        } else if (path === 'CLIENT') {
          await page.goto(`${server.url}/clients`);
          target = (await page.locator('main a[href^="/clients/"]:not([href$="/new"])').first().getAttribute('href'))!;
        }
        const res = await page.goto(server.url + target);
        expect(res?.status(), target).toBe(200);
        for (const v of await seriousViolations(page)) problems.push(`${target}: ${v}`);
      }
      await page.close();
      expect(problems).toEqual([]);
    });
  }

  it('would notice a violation (the check itself works)', async () => {
    const page = await newPage(PHONE);
    await page.setContent('<html lang="en"><title>x</title><main><input type="text"><p style="color:#ccc;background:#fff">faint</p></main></html>');
    const problems = await seriousViolations(page);
    await page.close();
    expect(problems.join('\n')).toMatch(/label \(critical\)/);
    expect(problems.join('\n')).toMatch(/color-contrast \(serious\)/);
  });

  it('checks the signed-out pages too', async () => {
    const page = await newPage(PHONE);
    const problems: string[] = [];
    for (const path of ['/signin', '/signup', '/no-such-page']) {
      await page.goto(server.url + path);
      for (const v of await seriousViolations(page)) problems.push(`${path}: ${v}`);
    }
    await page.close();
    expect(problems).toEqual([]);
  });
});

describe('keyboard only', () => {
  it('completes the quick log with Tab, typing and Enter', async () => {
    const page = await signedInPage(DESKTOP);
    await withScreenshotOnFailure(page, 'keyboard-quick-log', async () => {
      await page.goto(`${server.url}/gigs/new`);
      // From the top of the page: skip link first, then into the form.
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
      await page.keyboard.press('Enter');
      const focusNamed = async (name: string) => {
        for (let i = 0; i < 40; i++) {
          await page.keyboard.press('Tab');
          if (await page.evaluate((n) => (document.activeElement as HTMLInputElement | null)?.name === n, name)) return;
        }
        throw new Error(`could not reach ${name} with Tab`);
      };
      await focusNamed('clientName');
      await page.keyboard.type('Keyboard Studio');
      await focusNamed('hours');
      await page.keyboard.type('3');
      await focusNamed('items[0][amount]');
      await page.keyboard.type('500');
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/gigs\/\d+$/);
      expect(await page.getByText('Logged. Keyboard Studio was added to your clients.').isVisible()).toBe(true);
      // Focus is visible: the focused element has an outline.
      await page.keyboard.press('Tab');
      const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
      expect(outline).not.toBe('none');
    });
    await page.close();
  });
});
