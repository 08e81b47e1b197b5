// The pure pieces: points → basis points, the advance position, period labels.
import { describe, expect, it } from 'vitest';
import { formatPeriod } from '../../src/royalties/periods.ts';
import { formatPoints, parsePoints, pointsValue } from '../../src/royalties/points.ts';
import { advancePosition } from '../../src/royalties/recoupment.ts';

describe('parsePoints', () => {
  it.each([
    ['1.5', 150],
    ['2', 200],
    ['0.25', 25],
    ['.5', 50],
    ['1.50', 150],
    ['1.500', 150], // trailing zeros are not extra precision
    [' 3 ', 300],
    ['1.5%', 150],
    ['1.5 points', 150],
    ['2 pts', 200],
    ['100', 10_000],
    ['0.01', 1],
  ])('reads %j as %i basis points, exactly', (input, bps) => {
    expect(parsePoints(input)).toEqual({ ok: true, bps });
  });

  it('refuses more than two decimals with a message, never rounding', () => {
    const result = parsePoints('1.234');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(/at most two decimal places/);
    expect(!result.ok && result.error).toContain('1.234');
    expect(parsePoints('0.005').ok).toBe(false);
  });

  it.each(['-1', '-0.5', '−2'])('refuses a negative rate (%j)', (input) => {
    const result = parsePoints(input);
    expect(result).toEqual({ ok: false, error: expect.stringMatching(/can’t be negative/) });
  });

  it.each([
    ['', /Enter the rate in points/],
    ['0', /above zero/],
    ['0.00', /above zero/],
    ['100.01', /at most 100 points/],
    ['150', /at most 100 points/],
    ['1000', /at most 100 points/],
    ['1,5', /point for decimals/],
    ['abc', /as a number of points/],
    ['1.5.2', /as a number of points/],
    ['1e2', /as a number of points/],
  ])('refuses %j', (input, message) => {
    const result = parsePoints(input);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(message);
  });

  it('shows stored rates back as points', () => {
    expect(pointsValue(150)).toBe('1.5');
    expect(pointsValue(200)).toBe('2');
    expect(pointsValue(25)).toBe('0.25');
    expect(formatPoints(100)).toBe('1 point');
    expect(formatPoints(150)).toBe('1.5 points');
    for (const bps of [1, 25, 99, 150, 1234, 10_000]) expect(parsePoints(pointsValue(bps))).toEqual({ ok: true, bps });
  });
});

describe('advancePosition (integers, in the agreement currency)', () => {
  it('says nothing is recouped while no statement has paid anything', () => {
    expect(advancePosition({ advanceMinor: 50_000, recoupable: true, paidStatements: 0, receivedMinor: 0 })).toEqual({
      state: 'recouping',
      from: 'received',
      advanceMinor: 50_000,
      recoupedMinor: 0,
      toRecoupAtMostMinor: 50_000,
      exact: false,
      earnedAtLeastMinor: 0,
      totalFromDealMinor: 50_000,
    });
  });

  it('counts the advance recouped in full once any statement pays, and earnings as at least advance + received', () => {
    // $500 advance; statements paid $123.45 and $0.01: the payer pays only past the advance.
    expect(advancePosition({ advanceMinor: 50_000, recoupable: true, paidStatements: 2, receivedMinor: 12_346 })).toEqual({
      state: 'recouped',
      from: 'received',
      advanceMinor: 50_000,
      recoupedMinor: 50_000,
      toRecoupMinor: 0,
      earnedAtLeastMinor: 62_346,
      totalFromDealMinor: 62_346,
    });
  });

  it('is recouped when the only payment came in another currency (nothing in the agreement currency yet)', () => {
    const p = advancePosition({ advanceMinor: 10_000, recoupable: true, paidStatements: 1, receivedMinor: 0 });
    expect(p).toMatchObject({ state: 'recouped', recoupedMinor: 10_000, earnedAtLeastMinor: 10_000 });
  });

  it('keeps a non-recoupable advance apart from royalties', () => {
    expect(advancePosition({ advanceMinor: 25_000, recoupable: false, paidStatements: 1, receivedMinor: 1_999 })).toEqual({
      state: 'not_recoupable',
      advanceMinor: 25_000,
      earnedAtLeastMinor: 1_999,
      totalFromDealMinor: 26_999,
    });
  });

  it('has nothing to recoup without an advance, whatever the checkbox says', () => {
    expect(advancePosition({ advanceMinor: 0, recoupable: true, paidStatements: 3, receivedMinor: 78_431 })).toEqual({ state: 'no_advance', earnedAtLeastMinor: 78_431 });
  });

  it('stays exact near the largest amounts and refuses fractions and negatives', () => {
    const big = 999_999_999;
    expect(advancePosition({ advanceMinor: big, recoupable: true, paidStatements: 1, receivedMinor: big })).toMatchObject({ earnedAtLeastMinor: 1_999_999_998 });
    expect(() => advancePosition({ advanceMinor: 10.5, recoupable: true, paidStatements: 0, receivedMinor: 0 })).toThrow(RangeError);
    expect(() => advancePosition({ advanceMinor: 100, recoupable: true, paidStatements: 0, receivedMinor: -1 })).toThrow(RangeError);
  });
});

describe('formatPeriod', () => {
  it.each([
    ['2025-01-01', '2025-12-31', '2025'],
    ['2025-01-01', '2025-06-30', 'Jan 2025 – Jun 2025'],
    ['2025-10-01', '2026-03-31', 'Oct 2025 – Mar 2026'],
    ['2024-02-01', '2024-02-29', 'Feb 2024'],
    ['2025-06-04', '2026-05-30', '4 Jun 2025 – 30 May 2026'],
    ['2025-06-04', '2025-06-04', '4 Jun 2025'],
    ['2024-01-01', '2025-12-31', 'Jan 2024 – Dec 2025'],
  ])('%s – %s reads “%s”', (start, end, label) => {
    expect(formatPeriod(start, end)).toBe(label);
  });
});
