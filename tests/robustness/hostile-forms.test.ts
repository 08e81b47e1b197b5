// Every form, fed hundreds of random and hostile values: never a 500; a
// rejection is a 4xx with a message and leaves the database exactly as it was.
// The routes come from the app itself, so a new form is covered the day it lands.
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOneOfEverything, type OwnedIds } from '../support/fixtures.ts';
import { listRoutes } from '../support/routes.ts';
import { csrfFrom, signUp, testApp, type Agent } from '../support/app.ts';

const HOSTILE: unknown[] = [
  '', ' ', '   \t\n', '0', '-1', '-0.01', '1e309', 'NaN', 'Infinity', '12,34,5', '1.2.3', '99999999999999999999',
  '2026-02-30', '0000-00-00', '9999-12-31', '25:61', 'null', 'undefined', 'true', '[]', '{}',
  "'; DROP TABLE Gig; --", '" OR 1=1 --', '<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', 'javascript:alert(1)',
  '💥🎹 Ünïcödé ‮reversed', '\u0000nul', 'x'.repeat(6000), 'ISRC US-RC1-76-0783O', 'T-034.524.680-9',
  ['a', 'b'], { nested: 'object' }, [{ deep: ['er'] }],
];

/** Which fixture id stands in for a route's :id. */
const ID_FOR_PREFIX: [RegExp, keyof OwnedIds][] = [
  [/^\/gigs\//, 'gig'],
  [/^\/clients\//, 'client'],
  [/^\/payments\//, 'payment'],
  [/^\/invoices\//, 'invoice'],
  [/^\/recordings\//, 'recording'],
  [/^\/royalties\/agreements\//, 'royaltyAgreement'],
  [/^\/royalties\/statements\//, 'royaltyStatement'],
  [/^\/settings\/rate-cards\//, 'rateCard'],
  [/^\/money\/rates\//, 'exchangeRate'],
  [/^\/outreach\//, 'outreachEntry'],
];

/** Routes left out, and why. */
const SKIP = new Map([
  ['POST /signout', 'ends the session the rest of the test uses (it takes no input)'],
]);

function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let t: Awaited<ReturnType<typeof testApp>>;
let agent: Agent;
let userId: number;
let ids: OwnedIds;

beforeAll(async () => {
  t = await testApp();
  const s = await signUp(t.app, 'Fuzzed Musician');
  agent = s.agent;
  userId = (await t.prisma.user.findUniqueOrThrow({ where: { email: s.email } })).id;
  ids = await createOneOfEverything(t.prisma, userId);
});
afterAll(() => t.close());

/** A fingerprint of everything in the database. */
function fingerprint(file: string): string {
  const db = new Database(file, { readonly: true });
  try {
    const hash = createHash('sha256');
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name != 'Session' ORDER BY name").all() as { name: string }[];
    for (const { name } of tables) hash.update(name + JSON.stringify(db.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).all()));
    return hash.digest('hex');
  } finally {
    db.close();
  }
}

/** The form field names a GET page offers for a POST route (to fuzz the real fields). */
async function fieldsOf(path: string): Promise<string[]> {
  const candidates = [path.replace(/\/(delete|archive|unarchive|void|default|status|merge|reminders)$/, ''), `${path}/edit`, path.replace(/\/[^/]+$/, '/new'), `${path}/new`, path.replace(/s?$/, '') + '/new'];
  const names = new Set<string>();
  for (const page of [...new Set(candidates)]) {
    const res = await agent.get(page);
    if (res.status !== 200) continue;
    for (const m of res.text.matchAll(/name="([^"]+)"/g)) if (m[1] !== '_csrf') names.add(m[1]);
  }
  return [...names];
}

describe('hostile input to every form', () => {
  it('never answers 500, and a refusal changes nothing', { timeout: 180_000 }, async () => {
    const random = rng(7);
    const routes = listRoutes(t.app).filter((r) => r.startsWith('POST ') && !SKIP.has(r));
    expect(routes.length).toBeGreaterThan(20);
    const problems: string[] = [];
    let requests = 0;
    const signedInToken = csrfFrom(await agent.get('/settings'));
    let current = fingerprint(t.db.file);
    for (const route of routes) {
      let path = route.slice('POST '.length);
      if (path.includes(':')) {
        const key = ID_FOR_PREFIX.find(([re]) => re.test(path))?.[1];
        if (!key) {
          problems.push(`${route}: no fixture id for its parameter — add it to ID_FOR_PREFIX`);
          continue;
        }
        path = path.replace(/:[A-Za-z]+(\.[a-z]+)?/, `${ids[key]}$1`);
      }
      const fields = await fieldsOf(path);
      const anonymous = path === '/signin' || path === '/signup';
      const who = anonymous ? request.agent(t.app) : agent;
      const csrf = anonymous ? csrfFrom(await who.get(path)) : signedInToken;
      for (let round = 0; round < 10; round++) {
        const body: Record<string, unknown> = { _csrf: csrf };
        for (const field of fields) {
          if (random() < 0.15) continue; // missing field
          body[field] = HOSTILE[Math.floor(random() * HOSTILE.length)];
        }
        if (random() < 0.3) body[`unexpected_${round}`] = HOSTILE[Math.floor(random() * HOSTILE.length)];
        const res = await who.post(path).type('form').send(body as Record<string, string>);
        requests++;
        if (res.status >= 500) problems.push(`${route}: ${res.status} for ${JSON.stringify(body).slice(0, 300)}`);
        else if (res.status >= 400) {
          if (res.status !== 404 && res.status !== 413 && res.status !== 429 && !/role="alert"|class="field__error"|class="flash flash--error"/.test(res.text)) {
            problems.push(`${route}: ${res.status} without a message`);
          }
          if (fingerprint(t.db.file) !== current) problems.push(`${route}: ${res.status} but the database changed`);
        } else {
          current = fingerprint(t.db.file); // accepted: what it wrote is the new baseline
        }
      }
    }
    expect(problems).toEqual([]);
    expect(requests).toBeGreaterThan(200);
    expect(t.errors).toEqual([]);
  });
});
