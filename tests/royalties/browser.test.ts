// The royalties pages in Debian's Chromium on the demo data: no serious or
// critical axe-core violations and no sideways scrolling at phone and desktop
// sizes, and the statement form's agreement picker filling in its fields.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrisma } from '../../src/db/client.ts';
import { DESKTOP, launchBrowser, PHONE, withScreenshotOnFailure, seriousViolations, signInInBrowser } from '../support/browser.ts';
import { startServer, type RunningServer } from '../support/server.ts';


let server: RunningServer;
let browser: Browser;
let ids: { agreement: number; recording: number; statement: number; payer: number | null; currency: string };

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({}, { demo: true }), launchBrowser()]);
  const prisma = createPrisma(server.databaseUrl);
  try {
    const agreement = await prisma.royaltyAgreement.findFirstOrThrow({ where: { advanceMinor: { gt: 0 } } });
    const statement = await prisma.royaltyStatement.findFirstOrThrow({ where: { agreementId: agreement.id } });
    ids = { agreement: agreement.id, recording: agreement.recordingId!, statement: statement.id, payer: agreement.payerId, currency: agreement.currency };
  } finally {
    await prisma.$disconnect();
  }
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** axe is injected as an inline script, which the app's CSP rightly forbids: tests bypass it. */
async function signedInPage(viewport: { width: number; height: number }, bypassCSP = true) {
  const page = await browser.newPage({ viewport, bypassCSP });
  await signInInBrowser(page, server.url);
  return page;
}

describe('royalties pages in a browser', () => {
  for (const [label, viewport] of [['phone', PHONE], ['desktop', DESKTOP]] as const) {
    it(`have no serious accessibility problems and fit the screen (${label})`, async () => {
      const page = await signedInPage(viewport);
      const paths = [
        '/royalties',
        `/royalties/recordings/${ids.recording}`,
        '/royalties/statements',
        '/royalties/statements?source=nonfeatured_fund',
        '/royalties/agreements/new',
        `/royalties/agreements/${ids.agreement}/edit`,
        `/royalties/agreements/${ids.agreement}/delete`,
        `/royalties/statements/new?agreementId=${ids.agreement}`,
        `/royalties/statements/${ids.statement}/edit`,
      ];
      const problems: string[] = [];
      await withScreenshotOnFailure(page, `royalties-${label}`, async () => {
        for (const path of paths) {
          const res = await page.goto(server.url + path);
          expect(res?.status(), path).toBe(200);
          for (const v of await seriousViolations(page)) problems.push(`${path}: ${v}`);
          const width = await page.evaluate(() => document.documentElement.scrollWidth);
          if (width > viewport.width) problems.push(`${path}: ${width}px wide on a ${viewport.width}px screen`);
        }
      });
      await page.close();
      expect(problems).toEqual([]);
    }, 60_000);
  }

  it('fills the recording, payer and currency when an agreement is chosen (CSP on)', async () => {
    const page = await signedInPage(DESKTOP, false);
    await withScreenshotOnFailure(page, 'royalties-statement-script', async () => {
      await page.goto(`${server.url}/royalties/statements/new?source=other`);
      await page.getByLabel('Currency').fill('EUR');
      expect(await page.getByLabel('Source').inputValue()).toBe('other');
      await page.getByLabel('Agreement').selectOption(String(ids.agreement));
      expect(await page.getByLabel('Source').inputValue()).toBe('agreement');
      expect(await page.getByLabel('Recording').inputValue()).toBe(String(ids.recording));
      expect(await page.getByLabel('Paid by').inputValue()).toBe(ids.payer ? String(ids.payer) : '');
      expect(await page.getByLabel('Currency').inputValue()).toBe(ids.currency);
    });
    await page.close();
  }, 30_000);
});
