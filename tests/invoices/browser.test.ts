// The invoice pages in real Chromium on the demo data: no serious axe
// violations at phone and desktop sizes, the print stylesheet hides the app
// around the invoice, and the reminder's Copy button works with JavaScript.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrisma } from '../../src/db/client.ts';
import { DESKTOP, launchBrowser, PHONE, withScreenshotOnFailure, seriousViolations, signInInBrowser } from '../support/browser.ts';
import { startServer, type RunningServer } from '../support/server.ts';


let server: RunningServer;
let browser: Browser;
let ids: { overdue: number; overdueNumber: string; paid: number; client: number };

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({}, { demo: true }), launchBrowser()]);
  const prisma = createPrisma(server.databaseUrl);
  try {
    const invoices = await prisma.invoice.findMany({ orderBy: { id: 'asc' } });
    const overdue = invoices.find((i) => i.currency === 'GBP')!;
    const client = await prisma.client.findFirstOrThrow({ where: { gigsBooked: { some: { invoiceId: null, status: 'done' } } } });
    ids = { overdue: overdue.id, overdueNumber: overdue.number, paid: invoices[0].id, client: client.id };
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

describe('invoice pages in a browser', () => {
  for (const [label, viewport] of [['phone', PHONE], ['desktop', DESKTOP]] as const) {
    it(`have no serious or critical accessibility violations and no sideways scrolling (${label})`, async () => {
      const { context, page } = await signedIn(viewport);
      const paths = [
        '/invoices',
        '/invoices?status=overdue',
        '/invoices/new',
        `/invoices/new?clientId=${ids.client}`,
        `/invoices/${ids.paid}`,
        `/invoices/${ids.overdue}`,
        `/invoices/${ids.overdue}/reminder`,
        `/invoices/${ids.overdue}/void`,
        '/invoices/settings',
      ];
      const problems: string[] = [];
      for (const path of paths) {
        const res = await page.goto(server.url + path);
        expect(res?.status(), path).toBe(200);
        for (const v of await seriousViolations(page)) problems.push(`${path}: ${v}`);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        if (overflow > 0) problems.push(`${path}: ${overflow}px wider than the screen`);
      }
      await context.close();
      expect(problems).toEqual([]);
    });
  }

  it('prints only the invoice: no header, navigation, footer or buttons, black text on white', async () => {
    const { context, page } = await signedIn(DESKTOP);
    await page.goto(`${server.url}/invoices/${ids.paid}`);
    await page.emulateMedia({ media: 'print' });
    await withScreenshotOnFailure(page, 'invoice-print', async () => {
      for (const selector of ['.site-header', '.site-footer', '.page-head', 'a[href$=".pdf"]', '#reminders-heading']) {
        expect(await page.locator(selector).first().isVisible(), selector).toBe(false);
      }
      expect(await page.locator('.invoice-doc').isVisible()).toBe(true);
      const colours = await page.evaluate(() => {
        const doc = document.querySelector('.invoice-doc')!;
        return [...doc.querySelectorAll('*')].map((el) => getComputedStyle(el).color).filter((c, i, all) => all.indexOf(c) === i);
      });
      expect(colours).toEqual(['rgb(0, 0, 0)']);
      expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(255, 255, 255)');
      // The total appears once, even on a printout of several pages.
      expect(await page.evaluate(() => getComputedStyle(document.querySelector('.invoice-lines tfoot')!).display)).toBe('table-row-group');
    });
    await context.close();
  });

  it('copies the reminder with the Copy button', async () => {
    const { context, page } = await signedIn(PHONE);
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    await page.goto(`${server.url}/invoices/${ids.overdue}/reminder`);
    await withScreenshotOnFailure(page, 'invoice-reminder-copy', async () => {
      const button = page.getByRole('button', { name: 'Copy message' });
      expect(await button.isVisible()).toBe(true);
      await button.click();
      await page.getByRole('status').filter({ hasText: 'copied' }).waitFor();
      const copied = await page.evaluate(() => navigator.clipboard.readText());
      expect(copied).toBe(await page.locator('#reminder-body').inputValue());
      expect(copied).toContain(ids.overdueNumber);
    });
    await context.close();
  });
});
