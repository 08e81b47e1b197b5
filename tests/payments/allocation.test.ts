// The oldest-first split and the allocation rules, without a database.
import { describe, expect, it } from 'vitest';
import { checkAllocations, suggestAllocation, type OpenGig } from '../../src/payments/queries.ts';
import { readAllocations } from '../../src/payments/schemas.ts';

const gig = (gigId: number, date: string, openMinor: number): OpenGig => ({
  gigId, date, openMinor, dueDate: null, status: 'done', kind: 'studio_session', title: `Gig ${gigId}`, artist: '',
  currency: 'USD', agreedMinor: openMinor, paidMinor: 0, mineMinor: 0,
});

// Listed out of order on purpose: the split sorts by date, then id.
const open = [gig(3, '2026-03-01', 30000), gig(1, '2026-01-15', 10000), gig(2, '2026-01-15', 20000)];

describe('suggestAllocation', () => {
  it('settles every gig exactly when the amount is what is open', () => {
    expect(suggestAllocation(open, 60000)).toEqual({
      allocations: [{ gigId: 1, amountMinor: 10000 }, { gigId: 2, amountMinor: 20000 }, { gigId: 3, amountMinor: 30000 }],
      remainderMinor: 0,
    });
  });

  it('goes oldest first, by date and then by id on the same day', () => {
    const { allocations } = suggestAllocation(open, 25000);
    expect(allocations.map((a) => a.gigId)).toEqual([1, 2, 3]);
    expect(allocations.map((a) => a.amountMinor)).toEqual([10000, 15000, 0]);
  });

  it('leaves a partial payment on the oldest gig it reaches', () => {
    expect(suggestAllocation(open, 4321)).toEqual({
      allocations: [{ gigId: 1, amountMinor: 4321 }, { gigId: 2, amountMinor: 0 }, { gigId: 3, amountMinor: 0 }],
      remainderMinor: 0,
    });
  });

  it('returns what is left after every gig is settled as the remainder (credit)', () => {
    const { allocations, remainderMinor } = suggestAllocation(open, 65001);
    expect(allocations.reduce((s, a) => s + a.amountMinor, 0)).toBe(60000);
    expect(remainderMinor).toBe(5001);
  });

  it('allocates nothing for a zero amount, or when there is no open gig', () => {
    expect(suggestAllocation(open, 0)).toEqual({ allocations: open.map(() => expect.objectContaining({ amountMinor: 0 })), remainderMinor: 0 });
    expect(suggestAllocation([], 12345)).toEqual({ allocations: [], remainderMinor: 12345 });
  });

  it('puts a preferred gig first (a payment recorded from that gig’s page)', () => {
    const { allocations } = suggestAllocation(open, 35000, 3);
    expect(allocations).toEqual([{ gigId: 3, amountMinor: 30000 }, { gigId: 1, amountMinor: 5000 }, { gigId: 2, amountMinor: 0 }]);
  });

  it('is exact for large amounts and does not change its input', () => {
    const big = [gig(1, '2026-01-01', 999_999_999), gig(2, '2026-01-02', 999_999_999)];
    const copy = structuredClone(big);
    expect(suggestAllocation(big, 1_500_000_000).allocations.map((a) => a.amountMinor)).toEqual([999_999_999, 500_000_001]);
    expect(big).toEqual(copy);
  });
});

describe('checkAllocations', () => {
  it('accepts allocations within each balance and the amount', () => {
    expect(checkAllocations(open, [{ gigId: 1, amountMinor: 10000 }, { gigId: 3, amountMinor: 100 }], 10100, 'USD')).toEqual({});
  });

  it('puts "more than is open" beside that gig', () => {
    expect(checkAllocations(open, [{ gigId: 1, amountMinor: 10001 }], 50000, 'USD')).toEqual({ alloc_1: 'At most $100.00 is open on this gig.' });
  });

  it('refuses allocations adding up to more than the amount', () => {
    const errors = checkAllocations(open, [{ gigId: 1, amountMinor: 10000 }, { gigId: 2, amountMinor: 100 }], 10050, 'USD');
    expect(errors.allocations).toContain('The gigs add up to $101.00, more than the $100.50 received.');
  });

  it('refuses money for a gig that is not listed (another client’s, another musician’s), but not a zero', () => {
    expect(checkAllocations(open, [{ gigId: 99, amountMinor: 1 }], 100, 'USD')._form).toContain('not an open gig of this client in USD');
    expect(checkAllocations(open, [{ gigId: 99, amountMinor: 0 }], 100, 'USD')).toEqual({});
  });

  it('refuses negative amounts and a gig listed twice', () => {
    expect(checkAllocations(open, [{ gigId: 1, amountMinor: -1 }], 100, 'USD')).toEqual({ alloc_1: 'Enter an amount of zero or more.' });
    expect(checkAllocations(open, [{ gigId: 1, amountMinor: 1 }, { gigId: 1, amountMinor: 1 }], 100, 'USD')).toEqual({ alloc_1: 'This gig is listed twice.' });
  });
});

describe('readAllocations', () => {
  it('reads alloc_<gigId> fields in the currency, blanks as nothing', () => {
    expect(readAllocations({ alloc_12: '1,250.50', alloc_3: '', amount: '5', alloc_x: '9' }, 'USD')).toEqual({
      ok: true, empty: false, allocations: [{ gigId: 12, amountMinor: 125050 }],
    });
    expect(readAllocations({ alloc_12: '1250' }, 'JPY')).toEqual({ ok: true, empty: false, allocations: [{ gigId: 12, amountMinor: 1250 }] });
  });

  it('says when every field is empty', () => {
    expect(readAllocations({ alloc_1: ' ', alloc_2: '' }, 'USD')).toEqual({ ok: true, empty: true });
    expect(readAllocations({}, 'USD')).toEqual({ ok: true, empty: true });
  });

  it('puts format errors beside the field', () => {
    expect(readAllocations({ alloc_1: '1.234', alloc_2: '-5', alloc_3: 'abc' }, 'USD')).toEqual({
      ok: false,
      errors: {
        alloc_1: 'USD amounts have at most 2 decimal places, like 1,250.50.',
        alloc_2: 'Enter an amount of zero or more.',
        alloc_3: 'Enter an amount like 1,250.50.',
      },
    });
  });
});
