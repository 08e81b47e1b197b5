// Royalty statements through the forms, the list (filters, totals, pages) and
// its CSV, whose sums must equal the list's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayIn, addDays } from '../../src/lib/dates.ts';
import { parseMoney } from '../../src/lib/money.ts';
import { parseCsv } from '../../src/transfer/csv.ts';
import { submitForm, testApp, type Agent } from '../support/app.ts';
import { fieldError, makeAgreement, makeRecording, makeStatement, signUpWithId, squash } from './helpers.ts';

let t: Awaited<ReturnType<typeof testApp>>;
let agent: Agent;
let userId: number;
let recording: number;
let otherRecording: number;
let label: number;
let fund: number;
let agreement: number;
let theirs: { recording: number; client: number; agreement: number };
const today = todayIn('UTC');

beforeAll(async () => {
  t = await testApp();
  ({ agent, userId } = await signUpWithId(t));
  recording = (await makeRecording(t.prisma, userId, { title: 'Lantern Street', artist: 'June Alvarez', isrc: 'USCK72400153' })).id;
  otherRecording = (await makeRecording(t.prisma, userId, { title: 'Orchard' })).id;
  label = (await t.prisma.client.create({ data: { userId, name: 'Copper Kettle Records', kind: 'label' } })).id;
  fund = (await t.prisma.client.create({ data: { userId, name: 'AFM & SAG-AFTRA Fund', kind: 'fund' } })).id;
  agreement = (await makeAgreement(t.prisma, userId, { recordingId: recording, payerId: label, rateBps: 150, currency: 'GBP', advanceMinor: 50_000 })).id;
  const other = await signUpWithId(t);
  const theirRecording = await makeRecording(t.prisma, other.userId, { title: 'Their Song' });
  theirs = {
    recording: theirRecording.id,
    client: (await t.prisma.client.create({ data: { userId: other.userId, name: 'Their Label' } })).id,
    agreement: (await makeAgreement(t.prisma, other.userId, { recordingId: theirRecording.id, rateBps: 100, currency: 'USD' })).id,
  };
});
afterAll(() => t.close());

const valid = () => ({
  source: 'agreement', agreementId: String(agreement), recordingId: '', payerId: '', periodStart: '2025-01-01', periodEnd: '2025-06-30',
  amount: '123.45', currency: 'GBP', receivedOn: '2025-09-15', reference: 'Statement H1', notes: 'First half.',
});
const post = (fields: Record<string, string>) => submitForm(agent, '/royalties/statements/new', '/royalties/statements', fields);
const count = () => t.prisma.royaltyStatement.count({ where: { userId } });

describe('recording a statement', () => {
  it('fills the recording and payer from the agreement and lands on the recording', async () => {
    const res = await post(valid());
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/royalties/recordings/${recording}`);
    const saved = await t.prisma.royaltyStatement.findFirstOrThrow({ where: { userId }, orderBy: { id: 'desc' } });
    expect(saved).toMatchObject({ source: 'agreement', agreementId: agreement, recordingId: recording, payerId: label, amountMinor: 12_345, currency: 'GBP', periodStart: '2025-01-01', periodEnd: '2025-06-30', receivedOn: '2025-09-15', reference: 'Statement H1' });
    expect((await agent.get(res.headers.location)).text).toContain('Statement recorded.');
  });

  it('pre-fills the form from an agreement, and carries the data the script needs', async () => {
    const page = await agent.get(`/royalties/statements/new?agreementId=${agreement}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('name="currency" value="GBP"');
    expect(page.text).toMatch(new RegExp(`<option value="${agreement}" data-recording="${recording}" data-payer="${label}" data-currency="GBP" selected>Lantern Street — 1.5 points, Copper Kettle Records \\(GBP\\)`));
    expect(page.text).toContain('<script src="/js/royalties-statement.js" defer></script>');
    expect((await agent.get(`/royalties/statements/new?agreementId=${theirs.agreement}`)).status).toBe(404);
    expect((await agent.get(`/royalties/statements/new?recordingId=${theirs.recording}`)).status).toBe(404);
  });

  it('offers the fund as payer for a fund payment', async () => {
    const page = await agent.get('/royalties/statements/new?source=nonfeatured_fund');
    expect(page.text).toMatch(/<option value="nonfeatured_fund" selected>/);
    expect(page.text).toMatch(new RegExp(`<option value="${fund}" selected>AFM &amp; SAG-AFTRA Fund`));
  });

  it('records a fund payment as a lump sum with no recording, or against one', async () => {
    const lump = await post({ ...valid(), source: 'nonfeatured_fund', agreementId: '', payerId: String(fund), amount: '144.79', currency: 'USD' });
    expect(lump.status).toBe(303);
    expect(lump.headers.location).toBe('/royalties/statements');
    expect(await t.prisma.royaltyStatement.findFirstOrThrow({ where: { userId }, orderBy: { id: 'desc' } })).toMatchObject({ source: 'nonfeatured_fund', agreementId: null, recordingId: null, payerId: fund, amountMinor: 14_479 });
    const named = await post({ ...valid(), source: 'nonfeatured_fund', agreementId: '', recordingId: String(otherRecording), payerId: String(fund), amount: '43.12', currency: 'USD' });
    expect(named.headers.location).toBe(`/royalties/recordings/${otherRecording}`);
  });

  it('accepts a statement that paid nothing (the advance still recouping)', async () => {
    const res = await post({ ...valid(), amount: '0' });
    expect(res.status).toBe(303);
    expect((await t.prisma.royaltyStatement.findFirstOrThrow({ where: { userId }, orderBy: { id: 'desc' } })).amountMinor).toBe(0);
  });

  it.each([
    ['periodEnd', { periodEnd: '2024-12-31' }, /can’t end before it starts/],
    ['currency', { currency: 'XYZ' }, /ISO 4217/],
    ['amount', { amount: 'a lot' }, /Enter an amount like 1,250\.50/],
    ['amount', { amount: '12,34,5' }, /Enter an amount like/],
    ['amount', { amount: '1.234' }, /at most 2 decimal places/],
    ['amount', { amount: '-10' }, /zero or more/],
    ['amount', { amount: '' }, /Enter an amount/],
    ['amount', { amount: '$12' }, /in GBP, not “\$”/],
    ['periodStart', { periodStart: '' }, /first day of the period/],
    ['receivedOn', { receivedOn: '2025-13-01' }, /real date/],
    ['receivedOn', { receivedOn: addDays(today, 1) }, /in the future/],
    ['source', { source: 'gift' }, /where this money came from/],
    ['agreementId', { source: 'nonfeatured_fund' }, /Only money under an agreement names one/],
    ['recordingId', { recordingId: 'x' }, /Choose a recording/],
    ['reference', { reference: 'r'.repeat(121) }, /at most 120 characters/],
  ])('refuses a bad %s with a message beside the field, keeps the input and saves nothing', async (field, change, message) => {
    const before = await count();
    const fields = { ...valid(), ...change } as Record<string, string>;
    const res = await post(fields);
    expect(res.status).toBe(422);
    expect(fieldError(res.text, field)).toMatch(message);
    expect(res.text).toContain('Nothing was saved yet');
    expect(res.text).toContain('First half.');
    const typed = ['periodStart', 'periodEnd', 'amount', 'currency', 'receivedOn'];
    if (typed.includes(field) && fields[field]) expect(res.text).toContain(`name="${field}" value="${fields[field]}"`);
    expect(await count()).toBe(before);
  });

  it.each([
    ['agreementId', () => ({ agreementId: String(theirs.agreement) }), /one of your agreements/],
    ['recordingId', () => ({ source: 'other', agreementId: '', recordingId: String(theirs.recording) }), /one of your recordings/],
    ['payerId', () => ({ payerId: String(theirs.client) }), /Choose who paid from your clients/],
  ])('refuses another musician’s %s as a field error and saves nothing', async (field, change, message) => {
    const before = await count();
    const res = await post({ ...valid(), ...change() });
    expect(res.status).toBe(422);
    expect(fieldError(res.text, field)).toMatch(message);
    expect(res.text).not.toMatch(/Their Song|Their Label/);
    expect(await count()).toBe(before);
  });

  it('refuses a recording other than the agreement’s', async () => {
    const before = await count();
    const res = await post({ ...valid(), recordingId: String(otherRecording) });
    expect(res.status).toBe(422);
    expect(fieldError(res.text, 'recordingId')).toMatch(/This agreement is on “Lantern Street”/);
    expect(await count()).toBe(before);
  });

  it('edits and deletes a statement', async () => {
    const s = await makeStatement(t.prisma, userId, { source: 'other', amountMinor: 999, currency: 'USD', receivedOn: '2025-02-02' });
    const form = await agent.get(`/royalties/statements/${s.id}/edit`);
    expect(form.text).toContain('name="amount" value="9.99"');
    const res = await submitForm(agent, `/royalties/statements/${s.id}/edit`, `/royalties/statements/${s.id}`, { ...valid(), source: 'other', agreementId: '', amount: '10.01', currency: 'USD' });
    expect(res.status).toBe(303);
    expect((await t.prisma.royaltyStatement.findUniqueOrThrow({ where: { id: s.id } })).amountMinor).toBe(1_001);
    const confirm = await agent.get(`/royalties/statements/${s.id}/delete`);
    expect(squash(confirm.text)).toContain('$10.01');
    const del = await submitForm(agent, `/royalties/statements/${s.id}/delete`, `/royalties/statements/${s.id}/delete`, {});
    expect(del.status).toBe(303);
    expect(await t.prisma.royaltyStatement.findUnique({ where: { id: s.id } })).toBeNull();
  });
});

describe('the statements list and its CSV', () => {
  let lister: Agent;
  let payers: { a: number; b: number };

  beforeAll(async () => {
    const me = await signUpWithId(t);
    lister = me.agent;
    const u = me.userId;
    const rec = await makeRecording(t.prisma, u, { title: '=HYPERLINK("http://evil.example","x")', isrc: 'GBAYE0601498' });
    payers = {
      a: (await t.prisma.client.create({ data: { userId: u, name: 'Alpha Label' } })).id,
      b: (await t.prisma.client.create({ data: { userId: u, name: 'Beta Fund', kind: 'fund' } })).id,
    };
    // 30 statements over two years, two payers, three sources, USD and GBP, amounts known.
    for (let i = 0; i < 30; i++) {
      await makeStatement(t.prisma, u, {
        source: ['agreement', 'nonfeatured_fund', 'other'][i % 3],
        recordingId: i % 3 === 0 ? rec.id : null,
        payerId: i % 2 ? payers.a : payers.b,
        amountMinor: 1_000 + i * 101,
        currency: i % 4 === 0 ? 'GBP' : 'USD',
        periodStart: '2024-01-01',
        periodEnd: '2024-12-31',
        receivedOn: `${i < 20 ? 2025 : 2024}-${String((i % 12) + 1).padStart(2, '0')}-10`,
        reference: i === 0 ? '+cmd|calc' : `Ref ${i}`,
      });
    }
  });

  /** The list's totals per currency, as printed. */
  const listTotals = (html: string) => Object.fromEntries([...squash(html).matchAll(/<dt>([A-Z]{3})<\/dt><dd class="num">([^<]+)<\/dd>/g)].map((m) => [m[1], m[2]]));

  /** The CSV's amounts summed per currency in exact minor units. */
  const csvTotals = (text: string) => {
    const parsed = parseCsv(text);
    if (!parsed.ok && parsed.error.code === 'empty' && text.split('\r\n').length === 2) return { rows: [], headers: [], sums: {} }; // the header alone
    if (!parsed.ok) throw new Error(parsed.error.message);
    const { headers, rows } = parsed.table;
    const amount = headers.indexOf('amount');
    const currency = headers.indexOf('currency');
    const sums: Record<string, number> = {};
    for (const r of rows) {
      const minor = parseMoney(r.cells[amount], r.cells[currency]);
      if (!minor.ok) throw new Error(minor.error);
      sums[r.cells[currency]] = (sums[r.cells[currency]] ?? 0) + minor.minor;
    }
    return { rows, headers, sums };
  };

  it('shows 25 a page with totals over every match, per currency', async () => {
    const res = await lister.get('/royalties/statements');
    expect(res.status).toBe(200);
    expect(squash(res.text)).toContain('<strong>30</strong> statements');
    expect((res.text.match(/href="\/royalties\/statements\/\d+\/edit"/g) ?? []).length).toBe(25);
    // GBP: i = 0, 4, …, 28 (8 rows): 8 × 1000 + 101 × (0+4+…+28 = 112) = 19,312 → £193.12. USD: the other 22: 22 × 1000 + 101 × (435 − 112 = 323) = 54,623 → $546.23.
    expect(listTotals(res.text)).toEqual({ GBP: '£193.12', USD: '$546.23' });
    const second = await lister.get('/royalties/statements?page=2');
    expect((second.text.match(/href="\/royalties\/statements\/\d+\/edit"/g) ?? []).length).toBe(5);
    expect(listTotals(second.text)).toEqual({ GBP: '£193.12', USD: '$546.23' });
  });

  it.each([
    ['?year=2024', 10],
    [`?source=nonfeatured_fund`, 10],
    ['?year=2025&source=other', 6],
    ['', 30],
  ])('filters %s and the CSV sums equal the list’s totals', async (query, n) => {
    const list = await lister.get(`/royalties/statements${query}`);
    const csv = await lister.get(`/royalties/statements/export.csv${query}`);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toMatch(/^attachment; filename="?ledger-lines-royalty-statements-\d{4}-\d{2}-\d{2}\.csv"?$/);
    const { rows, sums } = csvTotals(csv.text);
    expect(rows.length).toBe(n);
    expect(squash(list.text)).toContain(`<strong>${n}</strong> statement`);
    const shown = listTotals(list.text);
    expect(Object.keys(shown).sort()).toEqual(Object.keys(sums).sort());
    for (const [currency, minor] of Object.entries(sums)) {
      expect(shown[currency]).toBe(new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(minor / 100));
    }
  });

  it('filters by payer', async () => {
    const res = await lister.get(`/royalties/statements?payerId=${payers.a}`);
    expect(squash(res.text)).toContain('<strong>15</strong> statements match');
    expect(res.text).not.toContain('<td data-label="Paid by">Beta Fund</td>');
    const csv = csvTotals((await lister.get(`/royalties/statements/export.csv?payerId=${payers.a}`)).text);
    expect(csv.rows.length).toBe(15);
  });

  it('writes the agreed columns with a BOM, formatted ISRCs and guarded formulas', async () => {
    const res = await lister.get('/royalties/statements/export.csv?year=2025');
    expect(res.text.charCodeAt(0)).toBe(0xfeff);
    const { headers, rows } = csvTotals(res.text);
    expect(headers).toEqual(['received_on', 'payer', 'source', 'recording', 'isrc', 'period_start', 'period_end', 'amount', 'basis_amount', 'earned', 'currency', 'reference']);
    const first = rows.find((r) => r.cells[11] === "'+cmd|calc")!;
    expect(first.cells).toEqual(['2025-01-10', 'Beta Fund', 'agreement', `'=HYPERLINK("http://evil.example","x")`, 'GB-AYE-06-01498', '2024-01-01', '2024-12-31', '10.00', '', '', 'GBP', "'+cmd|calc"]);
    const lump = rows.find((r) => r.cells[11] === 'Ref 1')!;
    expect(lump.cells.slice(0, 5)).toEqual(['2025-02-10', 'Alpha Label', 'nonfeatured_fund', '', '']);
  });

  it('ignores unreadable filters instead of failing', async () => {
    const res = await lister.get('/royalties/statements?year=20x5&payerId=-1&source=<b>&page=abc');
    expect(res.status).toBe(200);
    expect(squash(res.text)).toContain('<strong>30</strong> statements');
    expect(res.text).not.toContain('<b>');
  });

  it('shows nobody else’s statements, even with their payer id', async () => {
    const res = await agent.get(`/royalties/statements?payerId=${payers.a}`);
    expect(squash(res.text)).toContain('No statements match.');
    const csv = await agent.get(`/royalties/statements/export.csv?payerId=${payers.a}`);
    expect(csvTotals(csv.text).rows.length).toBe(0);
  });
});
