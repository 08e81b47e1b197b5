// npm run bench — measures the real server on ten years of a busy musician's
// data (plus 50 other musicians), against a plain Express baseline, and
// writes docs/BENCHMARKS.md. Not part of the tests: timings vary by machine.
//
//   npm run bench                 # generate the data, measure, write the report
//   BENCH_SECONDS=5 npm run bench # shorter runs
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { buildServer, serverNodeArgs } from '../build.mjs';
import { BENCH_EMAIL, BENCH_PASSWORD, BENCH_SLUG, BUSY, generateBenchDatabase } from './generate.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 10;
const TARGETS = { p99Ms: 50, dashboardShareOfBaseline: 0.25, rssMb: 250, coldStartMs: 1500 };

const PAGES = [
  { name: 'Dashboard', path: '/' },
  { name: 'Gigs list', path: '/gigs' },
  { name: 'Gigs list, filtered and sorted', path: '/gigs?from=2019-01-01&to=2025-12-31&status=done&paid=paid&q=Studio&sort=amount&dir=desc' },
  { name: 'Owed (aging)', path: '/money' },
  { name: 'Tax year report', path: '/money/tax-year?year=2025' },
  { name: 'Public portfolio', path: `/p/${BENCH_SLUG}` },
];

type Started = { child: ChildProcess; port: number; output: () => string };

function start(args: string[], env: Record<string, string>, ready: RegExp): Promise<Started> {
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`did not start: ${output}`)), 30_000);
    child.stdout!.on('data', () => {
      const m = ready.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve({ child, port: Number(m[1]), output: () => output });
      }
    });
  });
}

const stop = (child: ChildProcess) => new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : (child.once('exit', () => resolve()), child.kill('SIGTERM'))));

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

async function signIn(base: string): Promise<string> {
  const page = await fetch(`${base}/signin`);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1];
  const cookie = page.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const res = await fetch(`${base}/signin`, {
    method: 'POST', redirect: 'manual',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: csrf, email: BENCH_EMAIL, password: BENCH_PASSWORD }),
  });
  if (res.status !== 303) throw new Error(`sign-in failed: ${res.status}`);
  return res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
}

async function load(url: string, cookie?: string) {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS, headers: cookie ? { cookie } : {} });
  const bad = result.non2xx + result.errors + result.timeouts;
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, bytes: result.throughput.average / Math.max(1, result.requests.average), bad };
}

/**
 * The page as first seen after a change: before each request a harmless write
 * from another connection (as a script or a second process would make)
 * empties the app's read cache (src/db/read-cache.ts), so every request
 * computes the page from the database. One request at a time; median and
 * worst of `times` requests, in ms.
 */
async function afterWrite(url: string, dbFile: string, cookie: string | undefined, times = 30) {
  const db = new Database(dbFile);
  // A real change (SQLite skips writing a row updated to the same bytes, and
  // then nothing changed): a trailing space on the musician's name, on and off.
  const touch = db.prepare(`UPDATE User SET name = CASE WHEN name LIKE '% ' THEN rtrim(name) ELSE name || ' ' END WHERE email = ?`);
  const ms: number[] = [];
  try {
    for (let i = 0; i < times; i++) {
      touch.run(BENCH_EMAIL);
      const started = performance.now();
      const res = await fetch(url, { headers: cookie ? { cookie } : {} });
      await res.arrayBuffer();
      ms.push(performance.now() - started);
      if (res.status !== 200) throw new Error(`${url}: ${res.status}`);
    }
  } finally {
    db.close();
  }
  ms.sort((a, b) => a - b);
  return { median: ms[Math.floor(ms.length / 2)], worst: ms.at(-1)! };
}

async function main() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'll-bench-'));
  const databaseUrl = `file:${path.join(dir, 'bench.db')}`;
  console.log('Generating ten years of data for 51 musicians…');
  const genStarted = Date.now();
  await generateBenchDatabase(databaseUrl, { log: (s) => console.log(`  ${s}`) });
  const generationMs = Date.now() - genStarted;

  // Cold start: from spawning the process to the first successful /healthz.
  const env = { DATABASE_URL: databaseUrl, PORT: '0', HOST: '127.0.0.1', NODE_ENV: 'production', AUTH_MAX_ATTEMPTS: '1000' };
  const coldStarted = Date.now();
  // The server as `npm start` runs it: the bundle, with the same Node flags.
  await buildServer();
  const app = await start(serverNodeArgs(), env, /running at http:\/\/[^:]+:(\d+)/);
  const base = `http://127.0.0.1:${app.port}`;
  while ((await fetch(`${base}/healthz`).catch(() => null))?.status !== 200) await new Promise((r) => setTimeout(r, 5));
  const coldStartMs = Date.now() - coldStarted;
  console.log(`Cold start to first /healthz: ${coldStartMs} ms`);

  const cookie = await signIn(base);
  const dashboardBytes = (await (await fetch(`${base}/`, { headers: { cookie } })).text()).length;
  const baseline = await start(['--import', 'tsx', 'scripts/bench/baseline.ts'], { BASELINE_BYTES: String(dashboardBytes) }, /baseline listening on (\d+)/);

  let peakRss = rssMb(app.child.pid!);
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, rssMb(app.child.pid!))), 200);

  console.log(`Baseline (static ${dashboardBytes} bytes)…`);
  const base0 = await load(`http://127.0.0.1:${baseline.port}/`);
  const rows: { name: string; path: string; rps: number; p50: number; p99: number; bytes: number; bad: number; fresh: { median: number; worst: number } }[] = [];
  for (const page of PAGES) {
    console.log(`${page.name} ${page.path}…`);
    const pageCookie = page.path.startsWith('/p/') ? undefined : cookie;
    const fresh = await afterWrite(base + page.path, path.join(dir, 'bench.db'), pageCookie);
    rows.push({ ...page, ...(await load(base + page.path, pageCookie)), fresh });
  }
  clearInterval(sampler);
  const rssAfter = rssMb(app.child.pid!);
  await stop(baseline.child);
  await stop(app.child);
  rmSync(dir, { recursive: true, force: true });

  const dashboard = rows.find((r) => r.name === 'Dashboard')!;
  const share = dashboard.rps / base0.rps;
  const ok = (cond: boolean) => (cond ? '✅' : '❌');
  const cpu = /model name\s*:\s*(.+)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? os.cpus()[0]?.model ?? 'unknown CPU';
  const lines = [
    '# Benchmarks',
    '',
    `Measured ${new Date().toISOString().slice(0, 10)} with \`npm run bench\` (scripts/bench/). Reproduce with the same command; \`BENCH_SECONDS=5 npm run bench\` for shorter runs.`,
    '',
    `**Machine**: ${os.cpus().length} cores (${cpu}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB memory, Node ${process.version}, ${os.type()} ${os.release()}. The server and the load generator (autocannon, ${CONNECTIONS} connections, ${SECONDS} s per page) share the machine.`,
    '',
    `**Data**: one busy musician with ten years of work — ${BUSY.gigs.toLocaleString('en-US')} gigs, ${BUSY.clients} clients, ${(BUSY.gigs * BUSY.linesPerGig).toLocaleString('en-US')} fee lines, ≈${(BUSY.gigs * BUSY.paymentsPerGig).toLocaleString('en-US')} payments, ${BUSY.recordings.toLocaleString('en-US')} recordings, ${BUSY.statements} royalty statements — plus 50 other musicians with the same volume in the same database (≈1.2 million rows; generated in ${(generationMs / 1000).toFixed(1)} s). Pages are fetched signed in as the busy musician (the public portfolio anonymously).`,
    '',
    `**Baseline**: a plain Express route sending a static page of the dashboard's size (${dashboardBytes.toLocaleString('en-US')} bytes): ${Math.round(base0.rps).toLocaleString('en-US')} requests/s, p50 ${base0.p50} ms, p99 ${base0.p99} ms.`,
    '',
    'Requests/s, p50 and p99 are at 10 connections, the page being read over and over as a musician or a studio does between changes (served from the read cache, src/db/read-cache.ts). "After a write" is the page computed from the database: one request at a time, each right after a write from another connection; median and worst of 30.',
    '',
    '| Page | Requests/s | p50 (ms) | p99 (ms) | vs baseline | Errors | p99 < 50 ms | After a write: median / worst (ms) |',
    '|---|---:|---:|---:|---:|---:|:---:|---:|',
    ...rows.map((r) => `| ${r.name} \`${r.path}\` | ${Math.round(r.rps).toLocaleString('en-US')} | ${r.p50} | ${r.p99} | ${((r.rps / base0.rps) * 100).toFixed(0)}% | ${r.bad} | ${ok(r.p99 < TARGETS.p99Ms && r.bad === 0)} | ${r.fresh.median.toFixed(1)} / ${r.fresh.worst.toFixed(1)} |`),
    '',
    '| Target | Measured | Met |',
    '|---|---:|:---:|',
    `| p99 < ${TARGETS.p99Ms} ms on every page | worst ${Math.max(...rows.map((r) => r.p99))} ms | ${ok(rows.every((r) => r.p99 < TARGETS.p99Ms))} |`,
    `| Dashboard ≥ 25% of the baseline's requests/s | ${(share * 100).toFixed(0)}% | ${ok(share >= TARGETS.dashboardShareOfBaseline)} |`,
    `| Server RSS < ${TARGETS.rssMb} MB | peak ${peakRss.toFixed(0)} MB (${rssAfter.toFixed(0)} MB after the run) | ${ok(peakRss < TARGETS.rssMb)} |`,
    `| Cold start to first /healthz < ${TARGETS.coldStartMs} ms | ${coldStartMs} ms | ${ok(coldStartMs < TARGETS.coldStartMs)} |`,
    '',
  ];
  const report = lines.join('\n');
  writeFileSync('docs/BENCHMARKS.md', report + readNotes());
  console.log(report);
}

/** Hand-written notes (causes found, fixes made) kept below the generated table. */
function readNotes(): string {
  try {
    const current = readFileSync('docs/BENCHMARKS.md', 'utf8');
    const i = current.indexOf('\n## Notes');
    return i >= 0 ? current.slice(i) : '';
  } catch {
    return '';
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
