// A musician on a phone in the studio car park: signs up, logs the session,
// finds it in the list and in the calendar. Only labels, roles and text.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, PHONE, signUpInBrowser, withScreenshotOnFailure } from '../support/browser.ts';
import { startServer, type RunningServer } from '../support/server.ts';

let server: RunningServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  const context = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
  page = await context.newPage();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('logging a gig on a phone', () => {
  it('signs up, logs a gig, and finds it in the list and the calendar', async () => {
    await withScreenshotOnFailure(page, 'log-gig-phone', async () => {
      await signUpInBrowser(page, server.url);

      await page.getByRole('link', { name: '+ Log a gig' }).click();
      await expect.poll(() => page.getByRole('heading', { name: 'Log a gig' }).isVisible()).toBe(true);
      await page.getByLabel('Client (who booked it)').fill('Sunset Sound');
      await page.getByLabel('Hours').fill('3:45');
      await page.getByLabel('Instruments').fill('Hammond organ');
      await page.getByLabel('Fee').fill('1,250.50');
      await page.getByText('More details').click();
      await page.getByLabel('Title / project').fill('Tracking day');
      await page.getByRole('button', { name: 'Log gig' }).click();

      await expect.poll(() => page.getByText('Logged. Sunset Sound was added to your clients.').isVisible()).toBe(true);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Tracking day');
      expect(await page.getByText('$1,250.50').first().isVisible()).toBe(true);

      // No horizontal scrolling at 375px.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);

      await page.getByRole('link', { name: 'Gigs', exact: true }).click();
      expect(await page.getByRole('link', { name: 'Tracking day' }).isVisible()).toBe(true);

      await page.getByRole('link', { name: 'Calendar', exact: true }).click();
      expect(await page.getByText('Tracking day').filter({ visible: true }).count()).toBeGreaterThan(0);
    });
  });

  it('keeps a draft when the connection drops before saving', async () => {
    await withScreenshotOnFailure(page, 'draft-phone', async () => {
      await page.goto(`${server.url}/gigs/new`);
      await page.getByLabel('Client (who booked it)').fill('Draft Studio');
      await page.getByLabel('Fee').fill('300');
      await page.context().setOffline(true);
      await page.getByRole('button', { name: 'Log gig' }).click().catch(() => {});
      await page.context().setOffline(false);
      await page.goto(`${server.url}/gigs/new`);
      await expect.poll(() => page.getByText('We restored the gig you were typing').isVisible()).toBe(true);
      expect(await page.getByLabel('Client (who booked it)').inputValue()).toBe('Draft Studio');
      expect(await page.getByLabel('Fee').inputValue()).toBe('300');

      await page.getByRole('button', { name: 'Log gig' }).click();
      await expect.poll(() => page.getByText('Logged.').first().isVisible()).toBe(true);
      await page.goto(`${server.url}/gigs/new`);
      expect(await page.getByLabel('Client (who booked it)').inputValue()).toBe('');
    });
  });
});
