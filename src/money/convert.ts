// Totals in the musician's home currency, only ever with a rate they entered.
// Each foreign currency's total is converted once (convertWithRate: exact,
// rounded half-up to the home currency's minor unit) and the converted
// amounts, now all in the home currency, are added as integers. A currency
// without a rate is left out and named, never guessed.
import { convertWithRate } from '../lib/money.ts';
import type { Money, RateInUse } from './queries.ts';

export type ConvertedPart = Money & { convertedMinor: number; rate: RateInUse | null };

export type ConvertedTotal = {
  home: string;
  /** Home-currency amounts plus every converted foreign total. */
  totalMinor: number;
  /** Every currency of the input, home first, with what it counts for in the home currency. */
  parts: ConvertedPart[];
  /** Foreign currencies with no rate dated on or before the as-of date: excluded from totalMinor. */
  missing: Money[];
};

/**
 * The converted total of per-currency `totals`, or null when there is nothing
 * to convert: no foreign currency, or no rate entered for any of them (the
 * page then shows the totals per currency only).
 */
export function convertTotals(totals: readonly Money[], home: string, rates: ReadonlyMap<string, RateInUse>): ConvertedTotal | null {
  const foreign = totals.filter((t) => t.currency !== home);
  if (foreign.length === 0 || !foreign.some((t) => rates.has(t.currency))) return null;
  const parts: ConvertedPart[] = [];
  const missing: Money[] = [];
  let totalMinor = 0;
  for (const t of totals.filter((t) => t.currency === home)) {
    parts.push({ ...t, convertedMinor: t.amountMinor, rate: null });
    totalMinor += t.amountMinor;
  }
  for (const t of foreign) {
    const rate = rates.get(t.currency);
    if (!rate) {
      missing.push(t);
      continue;
    }
    const convertedMinor = convertWithRate(t.amountMinor, t.currency, home, rate.rate);
    parts.push({ ...t, convertedMinor, rate });
    totalMinor += convertedMinor;
  }
  if (!Number.isSafeInteger(totalMinor)) throw new RangeError('Converted total is too large to represent exactly');
  return { home, totalMinor, parts, missing };
}
