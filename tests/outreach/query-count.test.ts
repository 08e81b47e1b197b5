// The outreach pages read a constant number of statements whatever the number
// of entries, clients and recordings: no query per row.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { addDays, todayIn } from '../../src/lib/dates.ts';
import { testConfig } from '../support/app.ts';
import { queryCountingDatabase } from '../support/database.ts';
import { makeRecording, signUpWithId } from '../recordings/helpers.ts';

let db: Awaited<ReturnType<typeof queryCountingDatabase>>;
let logged: typeof db.prisma;

beforeAll(async () => {
  db = await queryCountingDatabase();
  logged = db.prisma;
});
afterAll(async () => {
  await db.close();
});

const PAGES = ['/outreach', '/outreach?state=open&q=studio', '/outreach/export.csv', '/outreach/pitch', '/outreach/pitch?genre=soul'];

describe('query count', () => {
  it('is the same for 5 entries or 120, 3 recordings or 40', async () => {
    const app = createApp({ prisma: logged, config: testConfig, log: () => {} });
    const me = await signUpWithId({ app, prisma: logged });
    const today = todayIn('UTC');
    let made = 0;
    const add = async (entries: number, recordings: number) => {
      const client = await logged.client.create({ data: { userId: me.userId, name: `Studio ${made}` } });
      await logged.outreachEntry.createMany({
        data: Array.from({ length: entries }, (_, i) => ({
          userId: me.userId, clientId: i % 2 ? client.id : null, contactName: `Studio contact ${made + i}`, contactedOn: addDays(today, -i - 1),
          followUpOn: i % 3 ? addDays(today, (i % 7) - 3) : null, selection: `/p/${me.slug}?genre=soul`,
        })),
      });
      for (let i = 0; i < recordings; i++) {
        await makeRecording(logged, me.userId, { title: `Song ${made + i}`, genres: 'soul', links: [{ kind: 'spotify', url: `https://open.spotify.com/track/${made + i}` }] });
      }
      made += entries;
    };
    const count = async () => {
      const perPage: Record<string, number> = {};
      for (const page of PAGES) {
        await me.agent.get(page); // warm-up (the session touch)
        await db.resetCount();
        const res = await me.agent.get(page);
        expect(res.status, page).toBe(200);
        perPage[page] = await db.count();
      }
      return perPage;
    };
    await add(5, 3);
    const few = await count();
    await add(115, 37);
    const many = await count();
    expect(many).toEqual(few);
    for (const [page, n] of Object.entries(many)) expect(n, page).toBeLessThanOrEqual(8);
  });
});
