import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayIn } from '../../src/lib/dates.ts';
import { parseCsv, unguardFormula } from '../../src/transfer/csv.ts';
import { signUp, testApp, type Agent } from '../support/app.ts';

let t: Awaited<ReturnType<typeof testApp>>;
let agent: Agent;
let userId: number;
let ids: { sunset: number; label: number; secretStudio: number };

const HEADER =
  'date,start_time,hours,kind,status,title,artist,client,payer,location,instruments,union,b_form,b_form_filed,work_for_hire,currency,agreed,paid,owed,due_date,notes';

beforeAll(async () => {
  t = await testApp();
  const me = await signUp(t.app, 'Exporter');
  agent = me.agent;
  userId = (await t.prisma.user.findUniqueOrThrow({ where: { email: me.email } })).id;
  const p = t.prisma;

  const sunset = await p.client.create({ data: { userId, name: 'Sunset Sound', kind: 'studio', city: 'Los Angeles', email: 'desk@sunset.example' } });
  const label = await p.client.create({ data: { userId, name: 'Big Label', kind: 'label', notes: 'Pays net 45,\n"always" late' } });
  await p.client.create({ data: { userId, name: 'Old Studio', archived: true } });
  await p.client.create({ data: { userId, name: '=HYPERLINK("http://evil.example")', kind: 'other' } });

  // A USD session: 434.21 scale + 50.00 overtime + pension (not owed to the musician), 200.00 paid.
  const tracking = await p.gig.create({
    data: {
      userId,
      date: '2026-01-10',
      startTime: '10:00',
      durationMinutes: 210,
      status: 'done',
      title: 'Album tracking',
      artist: 'Ana Ruiz',
      clientId: sunset.id,
      payerId: label.id,
      location: 'Studio 2, Hollywood',
      instruments: 'piano, Hammond organ',
      union: true,
      bFormType: 'B-4',
      bFormFiled: true,
      workForHire: false,
      dueDate: '2026-02-09',
      notes: 'Line one\nSaid "great take"',
    },
  });
  await p.lineItem.createMany({
    data: [
      { userId, gigId: tracking.id, kind: 'base_fee', amountMinor: 43421, currency: 'USD', position: 0 },
      { userId, gigId: tracking.id, kind: 'overtime', amountMinor: 5000, currency: 'USD', position: 1 },
      { userId, gigId: tracking.id, kind: 'pension', amountMinor: 6118, currency: 'USD', owedToMusician: false, position: 2 },
    ],
  });
  const payment = await p.payment.create({ data: { userId, clientId: label.id, receivedOn: '2026-01-20', amountMinor: 20000, currency: 'USD' } });
  await p.paymentAllocation.create({ data: { userId, paymentId: payment.id, gigId: tracking.id, amountMinor: 20000 } });

  // A EUR live show, unpaid and overdue; and a JPY lesson (no minor unit).
  await p.gig.create({
    data: {
      userId,
      date: '2026-02-14',
      kind: 'live',
      status: 'done',
      title: '-Valentine show',
      clientId: sunset.id,
      dueDate: '2026-03-01',
      lineItems: { create: [{ userId, kind: 'base_fee', amountMinor: 123456, currency: 'EUR' }] },
    },
  });
  await p.gig.create({
    data: {
      userId,
      date: '2026-03-01',
      kind: 'lesson',
      status: 'booked',
      title: 'Lesson',
      artist: 'Björk Guðmundsdóttir',
      location: '東京',
      dueDate: '2026-03-31',
      lineItems: { create: [{ userId, kind: 'base_fee', amountMinor: 15000, currency: 'JPY' }] },
    },
  });
  // A hold: its fee counts nothing yet, but its currency is still shown.
  await p.gig.create({
    data: {
      userId,
      date: '2026-04-01',
      status: 'hold',
      title: 'Maybe',
      lineItems: { create: [{ userId, kind: 'base_fee', amountMinor: 10000, currency: 'USD' }] },
    },
  });

  // Another musician, with a look-alike client.
  const other = await signUp(t.app, 'Other');
  const otherId = (await t.prisma.user.findUniqueOrThrow({ where: { email: other.email } })).id;
  const secretStudio = await p.client.create({ data: { userId: otherId, name: 'Secret Studio' } });
  await p.gig.create({
    data: {
      userId: otherId,
      date: '2026-01-10',
      status: 'done',
      title: 'Secret session',
      clientId: secretStudio.id,
      lineItems: { create: [{ userId: otherId, kind: 'base_fee', amountMinor: 99999, currency: 'USD' }] },
    },
  });
  ids = { sunset: sunset.id, label: label.id, secretStudio: secretStudio.id };
});
afterAll(() => t.close());

/** The rows of an export, header first, as cells. */
function rowsOf(text: string) {
  const parsed = parseCsv(text);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return [parsed.table.headers, ...parsed.table.rows.map((r) => r.cells)];
}
const titles = (text: string) => rowsOf(text).slice(1).map((r) => unguardFormula(r[5]));

describe('GET /gigs/export.csv', () => {
  it('downloads every gig as RFC 4180 CSV with a BOM, CRLF and a dated file name', async () => {
    const res = await agent.get('/gigs/export.csv');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(`attachment; filename=ledger-lines-gigs-${todayIn('UTC')}.csv`);
    expect(res.headers['cache-control']).toBe('private, no-store');
    expect(res.text.startsWith(`\uFEFF${HEADER}\r\n`)).toBe(true);
    // Newest first, as the gigs list sorts by default.
    expect(res.text.slice(1).split('\r\n')).toEqual([
      HEADER,
      '2026-04-01,,,studio_session,hold,Maybe,,,,,,no,,no,yes,USD,,,,,',
      '2026-03-01,,,lesson,booked,Lesson,Björk Guðmundsdóttir,,,東京,,no,,no,yes,JPY,15000,0,15000,2026-03-31,',
      "2026-02-14,,,live,done,'-Valentine show,,Sunset Sound,,,,no,,no,yes,EUR,1234.56,0.00,1234.56,2026-03-01,",
      '2026-01-10,10:00,3:30,studio_session,done,Album tracking,Ana Ruiz,Sunset Sound,Big Label,"Studio 2, Hollywood","piano, Hammond organ",yes,B-4,yes,no,USD,484.21,200.00,284.21,2026-02-09,"Line one\nSaid ""great take"""',
      '',
    ]);
  });

  it('applies the gigs list filters', async () => {
    expect(titles((await agent.get('/gigs/export.csv?from=2026-02-01&to=2026-03-31')).text)).toEqual(['Lesson', '-Valentine show']);
    expect(titles((await agent.get('/gigs/export.csv?status=hold')).text)).toEqual(['Maybe']);
    expect(titles((await agent.get('/gigs/export.csv?kind=live')).text)).toEqual(['-Valentine show']);
    expect(titles((await agent.get(`/gigs/export.csv?clientId=${ids.label}`)).text)).toEqual(['Album tracking']);
    expect(titles((await agent.get('/gigs/export.csv?q=hollywood')).text)).toEqual(['Album tracking']);
    expect(titles((await agent.get('/gigs/export.csv?q=sunset')).text)).toEqual(['-Valentine show', 'Album tracking']);
    expect(titles((await agent.get('/gigs/export.csv?paid=partly_paid')).text)).toEqual(['Album tracking']);
    expect(titles((await agent.get('/gigs/export.csv?paid=overdue')).text)).toEqual(
      ['Lesson', '-Valentine show', 'Album tracking'].filter((_, i) => ['2026-03-31', '2026-03-01', '2026-02-09'][i] < todayIn('UTC')),
    );
    expect(titles((await agent.get('/gigs/export.csv?sort=date&dir=asc&status=done')).text)).toEqual(['Album tracking', '-Valentine show']);
  });

  it('ignores filter values it cannot read', async () => {
    const res = await agent.get('/gigs/export.csv?from=yesterday&to=2026-13-45&kind=polka&status=&paid=maybe&clientId=abc&sort=nope&dir=up&page=-1&q[x]=1');
    expect(res.status).toBe(200);
    expect(titles(res.text)).toHaveLength(4);
  });

  it('never shows another musician’s gigs or clients, even when asked for them by id', async () => {
    const all = await agent.get('/gigs/export.csv');
    expect(all.text).not.toContain('Secret');
    expect(all.text).not.toContain('999.99');
    const byTheirClient = await agent.get(`/gigs/export.csv?clientId=${ids.secretStudio}`);
    expect(byTheirClient.text).toBe(`\uFEFF${HEADER}\r\n`);
  });

  it('sends visitors who are not signed in to sign in', async () => {
    const res = await request(t.app).get('/gigs/export.csv');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/signin?next=%2Fgigs%2Fexport.csv');
  });
});

describe('GET /clients/export.csv', () => {
  const CLIENT_HEADER = 'name,kind,company,organization,email,phone,city,archived,gigs,last_gig,notes';

  it('downloads the clients with their gig counts, formulas defused', async () => {
    const res = await agent.get('/clients/export.csv');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(`attachment; filename=ledger-lines-clients-${todayIn('UTC')}.csv`);
    expect(res.text.slice(1).split('\r\n')).toEqual([
      CLIENT_HEADER,
      `"'=HYPERLINK(""http://evil.example"")",other,,,,,,no,0,,`,
      'Big Label,label,,,,,,no,1,2026-01-10,"Pays net 45,\n""always"" late"',
      'Sunset Sound,studio,,,desk@sunset.example,,Los Angeles,no,2,2026-02-14,',
      '',
    ]);
  });

  it('applies the clients list filters (archived ones only when asked)', async () => {
    const names = async (query: string) => rowsOf((await agent.get(`/clients/export.csv${query}`)).text).slice(1).map((r) => r[0]);
    expect(await names('?archived=1')).toContain('Old Studio');
    expect(await names('?kind=studio')).toEqual(['Sunset Sound']);
    expect(await names('?q=label')).toEqual(['Big Label']);
    expect(await names('?kind=nonsense&page=x')).toHaveLength(3);
  });

  it('never shows another musician’s clients', async () => {
    const res = await agent.get('/clients/export.csv?archived=1');
    expect(res.text).not.toContain('Secret Studio');
  });
});
