// Screenshots of the main pages on a phone and a desktop, with the demo data:
//   npm run screenshots [-- name ...]
// Writes docs/screenshots/<page>-<phone|desktop>.png. Uses Debian's Chromium
// (/usr/bin/chromium, or CHROMIUM_PATH); never downloads a browser.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium } from 'playwright-core';
import { createApp } from '../src/app.ts';
import { createPrisma } from '../src/db/client.ts';
import { migrateDatabase } from '../src/db/migrate.ts';
import { seedDemo } from '../src/demo/seed.ts';

export const chromiumOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
};

type Ids = { gig: number; recording: number; slug: string; invoice: number };
const pages: { name: string; path: string | ((ids: Ids) => string) }[] = [
  { name: 'quick-log', path: '/gigs/new' },
  { name: 'gigs-list', path: '/gigs' },
  { name: 'gig-page', path: (ids) => `/gigs/${ids.gig}` },
  { name: 'calendar', path: '/calendar' },
  { name: 'clients', path: '/clients' },
  { name: 'home', path: '/' },
  { name: 'settings', path: '/settings' },
  { name: 'portfolio', path: '/portfolio' },
  { name: 'recording-page', path: (ids) => `/recordings/${ids.recording}` },
  { name: 'public-portfolio', path: (ids) => `/p/${ids.slug}` },
  { name: 'money-owed', path: '/money' },
  { name: 'payments', path: '/payments' },
  { name: 'invoices', path: '/invoices' },
  { name: 'invoice-page', path: (ids) => `/invoices/${ids.invoice}` },
  { name: 'royalties', path: '/royalties' },
  { name: 'tax-year', path: '/money/tax-year' },
  { name: 'outreach', path: '/outreach' },
  { name: 'pitch', path: '/outreach/pitch?instrument=hammond%20organ' },
];
const viewports = [
  { name: 'phone', width: 375, height: 812 },
  { name: 'desktop', width: 1280, height: 900 },
];

const only = process.argv.slice(2);
const dir = mkdtempSync(path.join(tmpdir(), 'll-shots-'));
const url = `file:${path.join(dir, 'demo.db')}`;
await migrateDatabase(url);
const prisma = createPrisma(url);
const demo = await seedDemo(prisma);
const app = createApp({
  prisma,
  config: { env: 'production', sessionSecret: 'screenshots-secret-0123456789abcdef', allowSignup: true, trustProxy: false, sessionIdleMs: 86_400_000, authMaxAttempts: 100 },
});
const server = app.listen(0, '127.0.0.1');
await new Promise((resolve) => server.once('listening', resolve));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const gig = await prisma.gig.findFirstOrThrow({ where: { status: 'done', lineItems: { some: {} } }, orderBy: { date: 'desc' } });
// The public portfolio is off by default; the screenshots show it switched on.
const musician = await prisma.user.update({ where: { email: demo.email }, data: { portfolioPublic: true }, select: { id: true, slug: true } });
// A released track from a logged session, so the page shows the session behind the credit.
const recording = await prisma.recording.findFirstOrThrow({
  where: { userId: musician.id, gigId: { not: null }, isPublic: true },
  orderBy: [{ releaseDate: 'desc' }, { id: 'desc' }],
});

const invoice = await prisma.invoice.findFirstOrThrow({ where: { userId: musician.id }, orderBy: { id: 'asc' } });

const out = path.resolve('docs/screenshots');
mkdirSync(out, { recursive: true });
const browser = await chromium.launch(chromiumOptions);
try {
  for (const viewport of viewports) {
    const context = await browser.newContext({ viewport: { width: viewport.width, height: viewport.height }, deviceScaleFactor: 1 });
    const page = await context.newPage();
    await page.goto(`${base}/signin`);
    await page.getByLabel('Email').fill(demo.email);
    await page.getByLabel('Password').fill(demo.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${base}/`);
    for (const p of pages) {
      if (only.length && !only.includes(p.name)) continue;
      const target = typeof p.path === 'function' ? p.path({ gig: gig.id, recording: recording.id, slug: musician.slug, invoice: invoice.id }) : p.path;
      const res = await page.goto(base + target);
      if (!res || res.status() >= 400) console.warn(`${p.name}: HTTP ${res?.status()}`);
      const file = path.join(out, `${p.name}-${viewport.name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      console.log(path.relative(process.cwd(), file));
    }
    await context.close();
  }
} finally {
  await browser.close();
  server.close();
  await prisma.$disconnect();
  rmSync(dir, { recursive: true, force: true });
}
