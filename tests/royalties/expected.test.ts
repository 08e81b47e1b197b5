// What statements REPORT (basis amount, royalties earned) beside what they
// paid: the arithmetic in integers, then the form, the pages and the CSV.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyBasisPoints } from '../../src/lib/money.ts';
import { parseCsv } from '../../src/transfer/csv.ts';
import { earnedToStore } from '../../src/royalties/queries.ts';
import { advancePosition, expectedVsReceived } from '../../src/royalties/recoupment.ts';
import { submitForm, testApp, type Agent } from '../support/app.ts';
import { fieldError, makeAgreement, makeRecording, makeStatement, sectionById, signUpWithId, squash } from './helpers.ts';

describe('earned and recoupment arithmetic (integers)', () => {
  it('works earned out from the basis at the agreement rate, half-up, only when not typed', () => {
    // 1.5 points of $12,345.67: 1,234,567 × 150 / 10,000 = 18,518.505 → 18,519 = $185.19.
    expect(applyBasisPoints(1_234_567, 150)).toBe(18_519);
    expect(earnedToStore({ basisAmountMinor: 1_234_567, earnedMinor: null }, 150)).toBe(18_519);
    // 18,518.5 exactly also rounds up; 18,518.4999 (no such thing in integers) can't occur.
    expect(earnedToStore({ basisAmountMinor: 1_234_566, earnedMinor: null }, 150)).toBe(18_518); // 18,518.49 → 18,518
    expect(earnedToStore({ basisAmountMinor: 1_234_567, earnedMinor: 18_000 }, 150)).toBe(18_000); // the statement's own figure wins
    expect(earnedToStore({ basisAmountMinor: 1_234_567, earnedMinor: null }, null)).toBeNull(); // no agreement, no rate
    expect(earnedToStore({ basisAmountMinor: null, earnedMinor: null }, 150)).toBeNull();
  });

  it('recoups $185.19 of a $500 advance after one statement, and all of it after enough', () => {
    const one = advancePosition({ advanceMinor: 50_000, recoupable: true, paidStatements: 0, receivedMinor: 0, statements: 1, earnedStatements: 1, earnedMinor: 18_519 });
    expect(one).toEqual({
      state: 'recouping',
      from: 'earned',
      advanceMinor: 50_000,
      recoupedMinor: 18_519,
      toRecoupAtMostMinor: 31_481,
      exact: true,
      earnedAtLeastMinor: 18_519,
      totalFromDealMinor: 50_000,
    });
    // Three such statements earn 55,557: the advance takes 50,000, 5,557 is paid out.
    const three = advancePosition({ advanceMinor: 50_000, recoupable: true, paidStatements: 1, receivedMinor: 5_557, statements: 3, earnedStatements: 3, earnedMinor: 55_557 });
    expect(three).toEqual({ state: 'recouped', from: 'earned', advanceMinor: 50_000, recoupedMinor: 50_000, toRecoupMinor: 0, earnedAtLeastMinor: 55_557, totalFromDealMinor: 55_557 });
  });

  it('reads a partial set of earned figures as a lower bound, and a payment as full recoupment', () => {
    const partial = advancePosition({ advanceMinor: 50_000, recoupable: true, paidStatements: 0, receivedMinor: 0, statements: 2, earnedStatements: 1, earnedMinor: 18_519 });
    expect(partial).toMatchObject({ state: 'recouping', from: 'earned', recoupedMinor: 18_519, toRecoupAtMostMinor: 31_481, exact: false });
    const paid = advancePosition({ advanceMinor: 50_000, recoupable: true, paidStatements: 1, receivedMinor: 1_000, statements: 2, earnedStatements: 1, earnedMinor: 18_519 });
    expect(paid).toMatchObject({ state: 'recouped', from: 'earned', recoupedMinor: 50_000, earnedAtLeastMinor: 51_000 });
  });

  it('falls back to the received reading with no earned figure, and ignores earned for non-recoupable deals', () => {
    expect(advancePosition({ advanceMinor: 50_000, recoupable: true, paidStatements: 0, receivedMinor: 0, statements: 2, earnedStatements: 0, earnedMinor: 0 })).toMatchObject({ state: 'recouping', from: 'received', recoupedMinor: 0 });
    expect(advancePosition({ advanceMinor: 50_000, recoupable: false, paidStatements: 1, receivedMinor: 18_519, statements: 1, earnedStatements: 1, earnedMinor: 18_519 })).toMatchObject({ state: 'not_recoupable' });
    expect(() => advancePosition({ advanceMinor: 1, recoupable: true, paidStatements: 0, receivedMinor: 0, earnedStatements: 1, earnedMinor: 0.5 })).toThrow(RangeError);
  });

  it('compares expected with received only when every statement is computable', () => {
    // Advance $500 recouped in full from $555.57 earned: $55.57 to be paid; $55.50 came.
    const all = expectedVsReceived({ currency: 'USD', statements: 3, computableStatements: 3, expected: [{ currency: 'USD', amountMinor: 55_557 }], received: [{ currency: 'USD', amountMinor: 5_550 }], recoupedMinor: 50_000 });
    expect(all).toEqual({
      statements: 3,
      computableStatements: 3,
      expected: [{ currency: 'USD', amountMinor: 55_557 }],
      payable: [{ currency: 'USD', amountMinor: 5_557 }],
      difference: [{ currency: 'USD', amountMinor: -7 }],
    });
    const some = expectedVsReceived({ currency: 'USD', statements: 3, computableStatements: 2, expected: [{ currency: 'USD', amountMinor: 37_038 }], received: [{ currency: 'USD', amountMinor: 0 }], recoupedMinor: 37_038 });
    expect(some).toMatchObject({ computableStatements: 2, payable: [{ currency: 'USD', amountMinor: 0 }], difference: null });
    // Never across currencies: the advance comes off the agreement's currency only.
    const mixed = expectedVsReceived({
      currency: 'USD', statements: 2, computableStatements: 2,
      expected: [{ currency: 'EUR', amountMinor: 1_000 }, { currency: 'USD', amountMinor: 60_000 }],
      received: [{ currency: 'EUR', amountMinor: 1_000 }, { currency: 'USD', amountMinor: 10_000 }],
      recoupedMinor: 50_000,
    });
    expect(mixed.difference).toEqual([{ currency: 'EUR', amountMinor: 0 }, { currency: 'USD', amountMinor: 0 }]);
  });
});

let t: Awaited<ReturnType<typeof testApp>>;
let agent: Agent;
let userId: number;
let recording: number;
let agreement: number;
let label: number;

beforeAll(async () => {
  t = await testApp();
  ({ agent, userId } = await signUpWithId(t));
  recording = (await makeRecording(t.prisma, userId, { title: 'Tidewater', artist: 'June Alvarez' })).id;
  label = (await t.prisma.client.create({ data: { userId, name: 'Copper Kettle Records', kind: 'label' } })).id;
  agreement = (await makeAgreement(t.prisma, userId, { recordingId: recording, payerId: label, rateBps: 150, currency: 'USD', advanceMinor: 50_000 })).id;
});
afterAll(() => t.close());

const valid = () => ({
  source: 'agreement', agreementId: String(agreement), recordingId: '', payerId: '', periodStart: '2025-01-01', periodEnd: '2025-06-30',
  amount: '0', basisAmount: '12,345.67', earned: '', currency: 'USD', receivedOn: '2025-09-15', reference: 'H1 2025', notes: '',
});
const post = (fields: Record<string, string>) => submitForm(agent, '/royalties/statements/new', '/royalties/statements', fields);
const count = () => t.prisma.royaltyStatement.count({ where: { userId } });

describe('basis and earned on the statement form', () => {
  it('stores the basis and the earned figure worked out from it, and shows partial recoupment', async () => {
    const res = await post(valid());
    expect(res.status).toBe(303);
    const saved = await t.prisma.royaltyStatement.findFirstOrThrow({ where: { userId }, orderBy: { id: 'desc' } });
    expect(saved).toMatchObject({ amountMinor: 0, basisAmountMinor: 1_234_567, earnedMinor: 18_519 });
    const page = await agent.get(`/royalties/recordings/${recording}`);
    const deals = sectionById(page.text, 'agreements-heading');
    expect(deals).toContain('$185.19 of $500.00 recouped so far; $314.81 still to earn back.');
    expect(deals).toMatch(/Expected <span class="royalties-amounts"><span>\$185\.19<\/span><\/span> <span class="royalties-sub">earned on 1 of 1 statement<\/span>/);
    expect(deals).toContain('Received as expected'); // nothing due while the advance recoups, nothing paid
    const rows = sectionById(page.text, 'statements-heading');
    expect(rows).toContain('<td data-label="Basis" class="num">$12,345.67</td>');
    expect(rows).toContain('<td data-label="Earned" class="num">$185.19</td>');
    // The edit form leaves a worked-out figure empty, so it follows the basis.
    const edit = await agent.get(`/royalties/statements/${saved.id}/edit`);
    expect(edit.text).toContain('name="basisAmount" value="12345.67"');
    expect(edit.text).toMatch(/name="earned" value=""/);
  });

  it('takes a typed earned figure as it is, and recoups the rest of the advance with it', async () => {
    const res = await post({ ...valid(), periodStart: '2025-07-01', periodEnd: '2025-12-31', amount: '100.00', basisAmount: '', earned: '414.81', receivedOn: '2026-03-01' });
    expect(res.status).toBe(303);
    expect(await t.prisma.royaltyStatement.findFirstOrThrow({ where: { userId }, orderBy: { id: 'desc' } })).toMatchObject({ basisAmountMinor: null, earnedMinor: 41_481, amountMinor: 10_000 });
    const deals = sectionById((await agent.get(`/royalties/recordings/${recording}`)).text, 'agreements-heading');
    // Earned 185.19 + 414.81 = 600.00: 500.00 recouped, 100.00 to pay, 100.00 came.
    expect(deals).toContain('$500.00 of $500.00; royalties earned to date $600.00.');
    expect(deals).toContain('Less the advance recouped: <span class="royalties-amounts"><span>$100.00</span></span> to be paid out');
    expect(deals).toContain('Received as expected');
    const overview = squash((await agent.get('/royalties')).text);
    expect(overview).toContain('earned on 2 of 2 statements');
  });

  it('says on how many statements expected is known, and gives no difference when not all', async () => {
    await makeStatement(t.prisma, userId, { agreementId: agreement, recordingId: recording, amountMinor: 2_500, currency: 'USD', receivedOn: '2026-06-01', periodStart: '2026-01-01', periodEnd: '2026-03-31' });
    const page = await agent.get(`/royalties/recordings/${recording}`);
    const deals = sectionById(page.text, 'agreements-heading');
    expect(deals).toContain('earned on 2 of 3 statements');
    expect(deals).not.toContain('than expected');
    expect(deals).not.toContain('as expected');
    expect(squash(page.text)).toContain('On 2 of 3 statements');
  });

  it.each([
    [{ basisAmount: 'lots' }, 'basisAmount'],
    [{ earned: '12.345' }, 'earned'],
    [{ earned: '=1+1' }, 'earned'],
  ])('refuses %j with the message beside the field, keeps the input, saves nothing', async (bad, field) => {
    const before = await count();
    const res = await post({ ...valid(), ...bad });
    expect(res.status).toBe(422);
    expect(fieldError(res.text, field)).toMatch(/amount/i);
    const typed = Object.values(bad)[0].replace(/&/g, '&amp;').replace(/=/g, '&#61;');
    expect(res.text.includes(`name="${field}" value="${Object.values(bad)[0]}"`) || res.text.includes(`name="${field}" value="${typed}"`)).toBe(true);
    expect(await count()).toBe(before);
  });

  it('exports basis_amount and earned, empty when not known', async () => {
    const res = await agent.get('/royalties/statements/export.csv');
    const parsed = parseCsv(res.text);
    if (!parsed.ok) throw new Error(parsed.error.message);
    const { headers, rows } = parsed.table;
    expect(headers).toEqual(['received_on', 'payer', 'source', 'recording', 'isrc', 'period_start', 'period_end', 'amount', 'basis_amount', 'earned', 'currency', 'reference']);
    const byDate = Object.fromEntries(rows.map((r) => [r.cells[0], r.cells.slice(7, 11)]));
    expect(byDate['2025-09-15']).toEqual(['0.00', '12345.67', '185.19', 'USD']);
    expect(byDate['2026-03-01']).toEqual(['100.00', '', '414.81', 'USD']);
    expect(byDate['2026-06-01']).toEqual(['25.00', '', '', 'USD']);
  });
});

describe('changing an agreement’s rate', () => {
  it('recomputes earned figures worked out from the old rate, and keeps figures typed by hand', async () => {
    const t = await testApp();
    try {
      const { forUser } = await import('../../src/db/scoped.ts');
      const { updateAgreement } = await import('../../src/royalties/queries.ts');
      const user = await t.prisma.user.create({ data: { email: 'rate@example.test', name: 'R', passwordHash: 'x', slug: 'rate' } });
      const recording = await t.prisma.recording.create({ data: { userId: user.id, title: 'Song', artist: 'A' } });
      const agreement = await t.prisma.royaltyAgreement.create({ data: { userId: user.id, recordingId: recording.id, rateBps: 150, currency: 'USD', basis: 'PPD' } });
      const base = { userId: user.id, agreementId: agreement.id, recordingId: recording.id, periodStart: '2026-01-01', periodEnd: '2026-03-31', amountMinor: 0, currency: 'USD', receivedOn: '2026-05-01' };
      const derived = await t.prisma.royaltyStatement.create({ data: { ...base, basisAmountMinor: 1234567, earnedMinor: applyBasisPoints(1234567, 150) } });
      const typed = await t.prisma.royaltyStatement.create({ data: { ...base, basisAmountMinor: 1234567, earnedMinor: 5000 } });
      const result = await updateAgreement(forUser(t.prisma, user.id), agreement.id, {
        recordingId: recording.id, gigId: null, payerId: null, basis: 'PPD', rateBps: 200, advanceMinor: 0, currency: 'USD', recoupable: true, startsOn: null, notes: '',
      } as never);
      expect(result.ok).toBe(true);
      expect((await t.prisma.royaltyStatement.findUniqueOrThrow({ where: { id: derived.id } })).earnedMinor).toBe(applyBasisPoints(1234567, 200));
      expect((await t.prisma.royaltyStatement.findUniqueOrThrow({ where: { id: typed.id } })).earnedMinor).toBe(5000);
    } finally {
      await t.close();
    }
  });
});
