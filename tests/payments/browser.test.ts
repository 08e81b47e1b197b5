// The payment pages in real Chromium on the demo data: no serious or critical
// axe-core violations at phone and desktop sizes, and the form's script
// (public/js/payments.js) splitting the amount live, oldest first.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrisma } from '../../src/db/client.ts';
import { forUser } from '../../src/db/scoped.ts';
import { DEMO_EMAIL } from '../../src/demo/seed.ts';
import { Prisma } from '../../src/generated/prisma/client.ts';
import { formatDecimal } from '../../src/lib/money.ts';
import { gigBalancesCte } from '../../src/money/balances.ts';
import { openGigsForClient, suggestAllocation, type OpenGig } from '../../src/payments/queries.ts';
import { DESKTOP, launchBrowser, PHONE, withScreenshotOnFailure, seriousViolations, signInInBrowser } from '../support/browser.ts';
import { startServer, type RunningServer } from '../support/server.ts';


let server: RunningServer;
let browser: Browser;
let client: { id: number; currency: string; open: OpenGig[] };
let other: number;
let paymentId: number;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({}, { demo: true }), launchBrowser()]);
  const prisma = createPrisma(server.databaseUrl);
  try {
    const user = await prisma.user.findUniqueOrThrow({ where: { email: DEMO_EMAIL } });
    const db = forUser(prisma, user.id);
    const [most] = await db.$queryRaw<{ billToId: number; currency: string }[]>(
      Prisma.sql`WITH ${gigBalancesCte(user.id)} SELECT billToId, currency FROM balances b WHERE b.owedMinor > 0 GROUP BY billToId, currency ORDER BY COUNT(*) DESC, billToId LIMIT 1`,
    );
    client = { id: Number(most.billToId), currency: most.currency, open: await openGigsForClient(db, Number(most.billToId), most.currency) };
    other = (await db.client.findFirstOrThrow({ where: { id: { not: client.id }, archived: false }, orderBy: { name: 'asc' } })).id;
    paymentId = (await db.payment.findFirstOrThrow({ where: { allocations: { some: {} } }, orderBy: { receivedOn: 'desc' } })).id;
  } finally {
    await prisma.$disconnect();
  }
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function signedInPage(viewport: { width: number; height: number }) {
  // axe is injected as an inline script, which the app's CSP rightly forbids: tests bypass it.
  const page = await browser.newPage({ viewport, bypassCSP: true });
  await signInInBrowser(page, server.url);
  return page;
}

const allocationValues = (page: Page) => page.$$eval('input[data-open-minor]', (els) => els.map((e) => (e as HTMLInputElement).value));

describe('payment pages in a browser', () => {
  for (const [label, viewport] of [['phone', PHONE], ['desktop', DESKTOP]] as const) {
    it(`have no serious or critical axe violations (${label})`, async () => {
      const page = await signedInPage(viewport);
      const problems: string[] = [];
      for (const path of ['/payments', '/payments/new', `/payments/new?clientId=${client.id}`, `/payments/${paymentId}`, `/payments/${paymentId}/edit`, `/payments/${paymentId}/delete`]) {
        const res = await page.goto(server.url + path);
        expect(res?.status(), path).toBe(200);
        for (const p of await seriousViolations(page)) problems.push(`${path}: ${p}`);
      }
      // A form sent back with messages beside the rows.
      await page.goto(`${server.url}/payments/new?clientId=${client.id}`);
      await page.getByLabel('Amount received').fill('10');
      await page.locator('input[data-open-minor]').first().fill('999999');
      await page.getByRole('button', { name: 'Record payment' }).last().click();
      await page.waitForLoadState();
      expect(await page.locator('.field__error').count()).toBeGreaterThan(0);
      for (const p of await seriousViolations(page)) problems.push(`rejected form: ${p}`);
      // Nothing wider than the screen.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
      expect(problems).toEqual([]);
      await page.close();
    });
  }

  it('splits the amount live, oldest first, keeps hand-typed amounts, and records for a newly chosen payer', async () => {
    const page = await signedInPage(PHONE);
    await withScreenshotOnFailure(page, 'payments-live-split', async () => {
      expect(client.open.length).toBeGreaterThan(1);
      await page.goto(`${server.url}/payments/new?clientId=${client.id}`);
      const total = client.open.reduce((s, g) => s + g.openMinor, 0);
      const amount = client.open[0].openMinor + 1; // the first gig in full, one minor unit on the second
      await page.getByLabel('Amount received').fill(formatDecimal(amount, client.currency));
      const expected = suggestAllocation(client.open, amount).allocations.map((a) => (a.amountMinor ? formatDecimal(a.amountMinor, client.currency) : ''));
      expect(await allocationValues(page)).toEqual(expected);
      await expect.poll(() => page.textContent('[data-allocated]')).toContain(formatDecimal(amount, client.currency).split('.')[0]);

      // More than is open: the rest shows as credit.
      await page.getByLabel('Amount received').fill(formatDecimal(total + 5000, client.currency));
      expect(await page.isVisible('[data-credit-part]')).toBe(true);
      expect(await page.textContent('[data-credit]')).toContain('50.00');

      // Typed by hand: a new amount no longer replaces the split.
      await page.locator('input[data-open-minor]').nth(1).fill('1');
      await page.getByLabel('Amount received').fill('2');
      expect((await allocationValues(page))[1]).toBe('1');

      // Another payer: the listed gigs are greyed out and not sent; recording splits over the new payer's oldest gigs.
      await page.getByLabel('Who paid').selectOption(String(other));
      expect(await page.isVisible('[data-stale-note]')).toBe(true);
      expect(await page.locator('input[data-open-minor]').first().isDisabled()).toBe(true);
      await page.getByLabel('Currency').fill(client.currency);
      await page.getByRole('button', { name: 'Record payment' }).last().click();
      await page.waitForURL(/\/payments\/\d+$/);
      const otherName = await page.locator('h1 a').textContent();
      expect(await page.textContent('.flashes')).toContain(`from ${otherName}`);
    });
    await page.close();
  });
});
