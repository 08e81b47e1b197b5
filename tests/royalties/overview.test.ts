// The overview and per-recording pages checked against hand-built data whose
// figures are known to the cent, in three currencies, plus the fund block and
// the overview's query count.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { todayIn } from '../../src/lib/dates.ts';
import { queryCountingDatabase } from '../support/database.ts';
import { testApp, testConfig, type Agent } from '../support/app.ts';
import { makeAgreement, makeRecording, makeStatement, rowLinking, sectionById, signUpWithId, squash } from './helpers.ts';

let t: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

const year = Number(todayIn('UTC').slice(0, 4));
const last = year - 1;

/** The amounts shown in a totals card, by its label. */
function card(html: string, label: string): string {
  const flat = squash(html);
  const start = flat.indexOf(`>${label}</h3>`);
  if (start < 0) throw new Error(`No card “${label}”`);
  return flat.slice(start, flat.indexOf('</div>', start));
}

describe('the overview on a hand-built dataset', () => {
  let agent: Agent;
  const ids = {} as Record<'lantern' | 'orchard' | 'kingfisher' | 'sunday' | 'copper' | 'kingsway' | 'fund' | 'gig' | 'gigDeal' | 'lanternDeal', number>;

  beforeAll(async () => {
    const me = await signUpWithId(t);
    agent = me.agent;
    const u = me.userId;
    const p = t.prisma;
    ids.copper = (await p.client.create({ data: { userId: u, name: 'Copper Kettle Records', kind: 'label' } })).id;
    ids.kingsway = (await p.client.create({ data: { userId: u, name: 'Kingsway Mews', kind: 'label' } })).id;
    ids.fund = (await p.client.create({ data: { userId: u, name: 'AFM & SAG-AFTRA Fund', kind: 'fund' } })).id;
    ids.gig = (await p.gig.create({ data: { userId: u, date: `${last}-02-02`, title: 'Overdubs', workForHire: false } })).id;
    ids.lantern = (await makeRecording(p, u, { title: 'Lantern Street', artist: 'June Alvarez', isrc: 'USCK72400153' })).id;
    ids.orchard = (await makeRecording(p, u, { title: 'Orchard', artist: 'Hollis & Vane' })).id;
    ids.kingfisher = (await makeRecording(p, u, { title: 'Kingfisher', artist: 'Nadia Reyes' })).id;
    ids.sunday = (await makeRecording(p, u, { title: 'Sunday Best', artist: 'The Calloway Brothers' })).id;

    // Lantern Street: 1.5 points of PPD, $500 recoupable. A statement for $0 (recouping), then $123.45 and $67.89, and €10.00.
    const lantern = await makeAgreement(p, u, { recordingId: ids.lantern, payerId: ids.copper, rateBps: 150, currency: 'USD', advanceMinor: 50_000, basis: 'PPD' });
    ids.lanternDeal = lantern.id;
    await makeStatement(p, u, { agreementId: lantern.id, recordingId: ids.lantern, payerId: ids.copper, amountMinor: 0, currency: 'USD', periodStart: `${last - 1}-07-01`, periodEnd: `${last - 1}-12-31`, receivedOn: `${last}-03-01` });
    await makeStatement(p, u, { agreementId: lantern.id, recordingId: ids.lantern, payerId: ids.copper, amountMinor: 12_345, currency: 'USD', periodStart: `${last}-01-01`, periodEnd: `${last}-06-30`, receivedOn: `${last}-09-01` });
    await makeStatement(p, u, { agreementId: lantern.id, recordingId: ids.lantern, payerId: ids.copper, amountMinor: 6_789, currency: 'USD', periodStart: `${last}-07-01`, periodEnd: `${last}-12-31`, receivedOn: `${year}-03-01` });
    await makeStatement(p, u, { agreementId: lantern.id, recordingId: ids.lantern, payerId: ids.copper, amountMinor: 1_000, currency: 'EUR', periodStart: `${last}-07-01`, periodEnd: `${last}-09-30`, receivedOn: `${last}-12-01` });
    // Orchard: 1 point, no advance, £10.00 last year and £28.28 this year.
    const orchard = await makeAgreement(p, u, { recordingId: ids.orchard, payerId: ids.kingsway, rateBps: 100, currency: 'GBP', advanceMinor: 0, basis: 'Net receipts' });
    await makeStatement(p, u, { agreementId: orchard.id, recordingId: ids.orchard, payerId: ids.kingsway, amountMinor: 1_000, currency: 'GBP', receivedOn: `${last}-10-01` });
    await makeStatement(p, u, { agreementId: orchard.id, recordingId: ids.orchard, payerId: ids.kingsway, amountMinor: 2_828, currency: 'GBP', receivedOn: `${year}-04-01` });
    // Kingfisher: 2 points, $200 recoupable, one statement that paid nothing.
    const kingfisher = await makeAgreement(p, u, { recordingId: ids.kingfisher, rateBps: 200, currency: 'USD', advanceMinor: 20_000 });
    await makeStatement(p, u, { agreementId: kingfisher.id, recordingId: ids.kingfisher, amountMinor: 0, currency: 'USD', receivedOn: `${year}-02-01` });
    // A deal on a gig with no recording yet: £100 advance, not recoupable, £5.55 received.
    const gigDeal = await makeAgreement(p, u, { gigId: ids.gig, payerId: ids.kingsway, rateBps: 50, currency: 'GBP', advanceMinor: 10_000, recoupable: false });
    ids.gigDeal = gigDeal.id;
    await makeStatement(p, u, { agreementId: gigDeal.id, payerId: ids.kingsway, amountMinor: 555, currency: 'GBP', receivedOn: `${year}-05-01` });
    // The fund: a lump sum and one listed against Sunday Best this year; a lump sum last year.
    await makeStatement(p, u, { source: 'nonfeatured_fund', payerId: ids.fund, amountMinor: 14_479, currency: 'USD', periodStart: `${year - 2}-01-01`, periodEnd: `${year - 2}-12-31`, receivedOn: `${year}-01-14` });
    await makeStatement(p, u, { source: 'nonfeatured_fund', payerId: ids.fund, recordingId: ids.sunday, amountMinor: 4_312, currency: 'USD', receivedOn: `${year}-02-20` });
    await makeStatement(p, u, { source: 'nonfeatured_fund', payerId: ids.fund, amountMinor: 17_631, currency: 'USD', periodStart: `${year - 3}-01-01`, periodEnd: `${year - 3}-12-31`, receivedOn: `${last}-11-14` });
    // Something else: $50.00, no recording.
    await makeStatement(p, u, { source: 'other', amountMinor: 5_000, currency: 'USD', receivedOn: `${year}-01-20` });

    // Another musician's royalties never show.
    const other = await signUpWithId(t);
    const theirs = await makeRecording(p, other.userId, { title: 'Not Mine' });
    const deal = await makeAgreement(p, other.userId, { recordingId: theirs.id, rateBps: 300, currency: 'USD', advanceMinor: 99_900 });
    await makeStatement(p, other.userId, { agreementId: deal.id, recordingId: theirs.id, amountMinor: 777_700, currency: 'USD', receivedOn: `${year}-01-02` });
    await makeStatement(p, other.userId, { source: 'nonfeatured_fund', amountMinor: 666_600, currency: 'USD', receivedOn: `${year}-01-02` });
  });

  it('shows totals per currency, never added together', async () => {
    const res = await agent.get('/royalties');
    expect(res.status).toBe(200);
    const html = res.text;
    // USD: 123.45 + 67.89 + 144.79 + 43.12 + 176.31 + 50.00 = 605.56; this year 67.89 + 144.79 + 43.12 + 50.00 = 305.80.
    // GBP: 10.00 + 28.28 + 5.55 = 43.83; this year 33.83. EUR: 10.00, last year only.
    const inYear = card(html, `Received in ${year}`);
    expect(inYear).toContain('$305.80');
    expect(inYear).toContain('£33.83');
    expect(inYear).not.toContain('€');
    const allTime = card(html, 'Received, all time');
    expect(allTime).toContain('$605.56');
    expect(allTime).toContain('£43.83');
    expect(allTime).toContain('€10.00');
    const advances = card(html, 'Advances on agreements');
    expect(advances).toContain('$700.00');
    expect(advances).toContain('£100.00');
    expect(html).not.toMatch(/7,777\.00|6,666\.00|999\.00|Not Mine/);
    expect(squash(html)).not.toMatch(/\$649\.39|\$659\.39/); // 605.56 + 43.83 (+ 10.00): never one number
  });

  it('splits what was received by source and currency', async () => {
    const section = sectionById((await agent.get('/royalties')).text, 'sources-heading');
    const row = (label: string, currency: string) => {
      const m = new RegExp(`${label}</a> <span class="royalties-sub">${currency} · (\\d+) statements?</span></th> <td class="num">([^<]*)</td> <td class="num">([^<]*)</td>`).exec(section);
      if (!m) throw new Error(`No ${label} ${currency} row in ${section}`);
      return { statements: Number(m[1]), inYear: m[2], allTime: m[3] };
    };
    expect(row('Under an agreement', 'USD')).toEqual({ statements: 4, inYear: '$67.89', allTime: '$191.34' });
    expect(row('Under an agreement', 'GBP')).toEqual({ statements: 3, inYear: '£33.83', allTime: '£43.83' });
    expect(row('Under an agreement', 'EUR')).toEqual({ statements: 1, inYear: '€0.00', allTime: '€10.00' });
    expect(row('Non-featured performers&#39; fund', 'USD')).toEqual({ statements: 3, inYear: '$187.91', allTime: '$364.22' });
    expect(row('Other', 'USD')).toEqual({ statements: 1, inYear: '$50.00', allTime: '$50.00' });
  });

  it('shows each agreement’s rate, advance, received to date and advance position', async () => {
    const html = (await agent.get('/royalties')).text;
    const lantern = rowLinking(html, `/royalties/recordings/${ids.lantern}`);
    expect(lantern).toContain('1.5 points');
    expect(lantern).toContain('of PPD');
    expect(lantern).toContain('Paid by <a href="/clients/' + ids.copper + '">Copper Kettle Records</a>');
    expect(lantern).toMatch(/data-label="Advance" class="num">\$500\.00</);
    expect(lantern).toContain('<span>$191.34</span><span>€10.00</span>'); // own currency first, then the other
    expect(lantern).toContain('4 statements');
    expect(lantern).toContain('Recouped');
    expect(lantern).toContain(`$500.00 of $500.00 by the period ending`);
    expect(lantern).toContain('earned to date at least $691.34'); // 500.00 + 191.34

    const orchard = rowLinking(html, `/royalties/recordings/${ids.orchard}`);
    expect(orchard).toContain('1 point');
    expect(orchard).toContain('£38.28');
    expect(orchard).toContain('2 statements');
    expect(orchard).toContain('No advance');

    const kingfisher = rowLinking(html, `/royalties/recordings/${ids.kingfisher}`);
    expect(kingfisher).toContain('$0.00');
    expect(kingfisher).toContain('Not recouped yet');
    expect(kingfisher).toContain('up to $200.00 still to earn back');

    const gigDeal = rowLinking(html, `/gigs/${ids.gig}`);
    expect(gigDeal).toContain('Overdubs');
    expect(gigDeal).toContain('no recording yet');
    expect(gigDeal).toContain('£5.55');
    expect(gigDeal).toContain('Not recoupable');
    expect(gigDeal).toContain('The £100.00 advance is yours');

    // The model is stated on the page.
    expect(html).toContain('Statements record money actually received');
  });

  it('lists the fund per year with the recordings it named and the lump sums', async () => {
    const fund = sectionById((await agent.get('/royalties')).text, 'fund-heading');
    const thisYear = fund.slice(fund.indexOf(`Received in ${year}`), fund.indexOf(`Received in ${last}`));
    expect(thisYear).toContain('$187.91');
    expect(thisYear).toMatch(/Lump sum .*?\$144\.79/);
    expect(thisYear).toMatch(new RegExp(`href="/royalties/recordings/${ids.sunday}">Sunday Best</a>.*?\\$43\\.12`));
    const lastYear = fund.slice(fund.indexOf(`Received in ${last}`));
    expect(lastYear).toContain('$176.31');
    expect(lastYear).toMatch(/Lump sum .*?\$176\.31/);
    expect(fund).not.toContain('6,666.00');
  });

  it('shows one recording’s agreements, statements and totals', async () => {
    const res = await agent.get(`/royalties/recordings/${ids.lantern}`);
    expect(res.status).toBe(200);
    const html = squash(res.text);
    expect(html).toContain('ISRC US-CK7-24-00153');
    expect(card(res.text, `Received in ${year}`)).toContain('$67.89');
    const allTime = card(res.text, 'Received, all time');
    expect(allTime).toContain('$191.34');
    expect(allTime).toContain('€10.00');
    expect(card(res.text, 'Advances')).toContain('$500.00');
    expect(html).toContain('1.5 points of PPD');
    expect(html).toContain('Recouped');
    const statements = sectionById(res.text, 'statements-heading');
    expect((statements.match(/<tr>/g) ?? []).length).toBe(5); // header + 4 periods
    expect(statements).toContain('$123.45');
    expect(statements).toContain(`Jan ${last} – Jun ${last}`);
    expect(html).not.toContain('£');

    const sunday = await agent.get(`/royalties/recordings/${ids.sunday}`);
    expect(card(sunday.text, 'Received, all time')).toContain('$43.12');
    expect(sectionById(sunday.text, 'statements-heading')).toContain('Non-featured performers');
  });
});

describe('query count', () => {
  it('does not grow with the number of agreements and statements on /royalties', async () => {
    const db = await queryCountingDatabase();
    const logged = db.prisma;
    try {
      const app = createApp({ prisma: logged, config: testConfig, log: () => {} });
      const me = await signUpWithId({ app, prisma: logged });
      const add = async (n: number, from: number) => {
        for (let i = from; i < from + n; i++) {
          const currency = i % 2 ? 'USD' : 'GBP';
          const rec = await makeRecording(logged, me.userId, { title: `Track ${String(i).padStart(3, '0')}` });
          const deal = await makeAgreement(logged, me.userId, { recordingId: rec.id, rateBps: 100 + i, currency, advanceMinor: i % 3 ? 0 : 10_000 });
          for (let k = 0; k < 3; k++) {
            await makeStatement(logged, me.userId, { agreementId: deal.id, recordingId: rec.id, amountMinor: 1_000 + k, currency, receivedOn: `${year - 1}-0${k + 1}-15` });
          }
          await makeStatement(logged, me.userId, { source: 'nonfeatured_fund', recordingId: i % 2 ? rec.id : null, amountMinor: 500, currency: 'USD', receivedOn: `${year - (i % 3)}-01-10` });
        }
      };
      const countFor = async (agreements: number) => {
        await me.agent.get('/royalties'); // warm-up (session touch etc.)
        await db.resetCount();
        const res = await me.agent.get('/royalties');
        expect(res.status).toBe(200);
        expect((sectionById(res.text, 'agreements-heading').match(/href="\/royalties\/recordings\//g) ?? []).length).toBe(agreements);
        return db.count();
      };
      await add(3, 0);
      const few = await countFor(3);
      await add(27, 3);
      const many = await countFor(30);
      expect(few).toBeGreaterThan(0);
      expect(many).toBe(few);
      expect(few).toBeLessThanOrEqual(6);
    } finally {
      await db.close();
    }
  });
});
