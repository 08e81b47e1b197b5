// The outreach pages in real Chromium on the demo data: no serious axe
// violations and no sideways scrolling at phone and desktop sizes, the
// pitch's Copy buttons work with JavaScript, and "Mark handled" closes a
// follow-up from the due list.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrisma } from '../../src/db/client.ts';
import { DEMO_EMAIL } from '../../src/demo/seed.ts';
import { addDays, todayIn } from '../../src/lib/dates.ts';
import { DESKTOP, launchBrowser, PHONE, withScreenshotOnFailure, seriousViolations, signInInBrowser } from '../support/browser.ts';
import { startServer, type RunningServer } from '../support/server.ts';


let server: RunningServer;
let browser: Browser;
let entryId: number;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({}, { demo: true }), launchBrowser()]);
  const prisma = createPrisma(server.databaseUrl);
  try {
    // The demo's open follow-ups are all ahead; make one overdue so the due list shows.
    const user = await prisma.user.findUniqueOrThrow({ where: { email: DEMO_EMAIL } });
    const open = await prisma.outreachEntry.findFirstOrThrow({ where: { userId: user.id, outcome: '', followUpOn: { not: null } }, orderBy: { id: 'asc' } });
    await prisma.outreachEntry.update({ where: { id: open.id }, data: { followUpOn: addDays(todayIn(user.timeZone), -2) } });
    entryId = open.id;
  } finally {
    await prisma.$disconnect();
  }
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function signedIn(viewport: { width: number; height: number }): Promise<{ context: BrowserContext; page: Page }> {
  // axe is injected as an inline script, which the app's CSP forbids: the test bypasses it.
  const context = await browser.newContext({ viewport, bypassCSP: true });
  const page = await context.newPage();
  await signInInBrowser(page, server.url);
  return { context, page };
}

describe('outreach pages in a browser', () => {
  for (const [label, viewport] of [['phone', PHONE], ['desktop', DESKTOP]] as const) {
    it(`have no serious or critical accessibility violations and no sideways scrolling (${label})`, async () => {
      const { context, page } = await signedIn(viewport);
      const paths = [
        '/outreach',
        '/outreach?state=open&q=studio',
        '/outreach/new',
        `/outreach/${entryId}/edit`,
        `/outreach/${entryId}/delete`,
        '/outreach/pitch',
        '/outreach/pitch?instrument=hammond%20organ',
        '/outreach/pitch?year=1999',
      ];
      const problems: string[] = [];
      for (const path of paths) {
        const res = await page.goto(server.url + path);
        expect(res?.status(), path).toBe(200);
        for (const v of await seriousViolations(page)) problems.push(`${path}: ${v}`);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        if (overflow > 0) problems.push(`${path}: ${overflow}px wider than the screen`);
      }
      // The form sent back with messages, and "Mark handled" without an outcome.
      await page.goto(`${server.url}/outreach/new`);
      await page.getByLabel('Portfolio link sent').fill('https://elsewhere.example/p/someone');
      await page.getByRole('button', { name: 'Log contact' }).click();
      await page.locator('.alert--error').waitFor();
      for (const v of await seriousViolations(page)) problems.push(`rejected form: ${v}`);
      await page.goto(`${server.url}/outreach`);
      await page.getByRole('button', { name: 'Mark handled' }).first().click();
      await page.locator('.alert--error').waitFor();
      for (const v of await seriousViolations(page)) problems.push(`mark handled without outcome: ${v}`);
      await context.close();
      expect(problems).toEqual([]);
    });
  }

  it('copies the pitch text and HTML with the Copy buttons', async () => {
    const { context, page } = await signedIn(PHONE);
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    await page.goto(`${server.url}/outreach/pitch?instrument=hammond%20organ`);
    await withScreenshotOnFailure(page, 'outreach-pitch-copy', async () => {
      await page.getByRole('button', { name: 'Copy text' }).click();
      await page.getByRole('status').filter({ hasText: 'Text copied.' }).waitFor();
      const text = await page.evaluate(() => navigator.clipboard.readText());
      expect(text).toBe(await page.locator('#pitch-text').inputValue());
      expect(text).toContain('Hi — I’m Maya Okafor');

      await page.getByRole('button', { name: 'Copy HTML' }).click();
      await page.getByRole('status').filter({ hasText: 'HTML code copied.' }).waitFor();
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await page.locator('#pitch-html').inputValue());

      await page.getByRole('button', { name: 'Copy formatted' }).click();
      await page.getByRole('status').filter({ hasText: 'Formatted pitch copied.' }).waitFor();
    });
    await context.close();
  });

  it('closes a due follow-up with a short outcome', async () => {
    const { context, page } = await signedIn(PHONE);
    await page.goto(`${server.url}/outreach`);
    await withScreenshotOnFailure(page, 'outreach-mark-handled', async () => {
      const due = page.locator('.outreach-due__item').first();
      await due.getByLabel(/Outcome/).fill('Booked for March');
      await due.getByRole('button', { name: 'Mark handled' }).click();
      await page.getByText('marked handled: “Booked for March”').waitFor();
      expect(await page.locator('.outreach-due__item').count()).toBe(0);
      expect(await page.getByText('Nothing to follow up today.').isVisible()).toBe(true);
    });
    await context.close();
  });
});
