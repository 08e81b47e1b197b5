// Royalty rates as musicians say them: "points". One point is one percent of
// the agreement's basis (PPD, net receipts, retail…), so "1.5" points is 1.5%
// and is stored as 150 basis points. The conversion is exact string work done
// by the fee calculator's percent parser (src/fees/percent.ts); this file only
// words the rules and the messages in points.
import { basisPointsToPercent, parsePercent } from '../fees/percent.ts';

/** 100 points = 100% of the basis: nobody gets more than the whole of it. */
export const MAX_POINTS_BPS = 10_000;

export type ParsePointsResult = { ok: true; bps: number } | { ok: false; error: string };

const EXAMPLE = 'like 1.5 (1 point = 1%)';

/**
 * "1.5" → 150, "2" → 200, "0.25" → 25, "1.5%" or "1.5 points" → 150. Never
 * rounds: more than two decimals ("1.234") is refused, as are negatives, zero
 * and more than 100 points.
 */
export function parsePoints(input: string): ParsePointsResult {
  // "1.5 points", "1.5 pts", "2 pt": the unit is allowed, it says what we ask for.
  const text = input.trim().replace(/\s*(?:points?|pts?\.?)$/i, '');
  if (text === '') return { ok: false, error: `Enter the rate in points, ${EXAMPLE}.` };
  if (/^[-\u2212]/.test(text)) return { ok: false, error: `A rate can’t be negative. Enter the points, ${EXAMPLE}.` };
  if (/^\d+,\d+%?$/.test(text)) return { ok: false, error: 'Use a point for decimals, like 1.5.' };
  const decimals = /^\d*\.(\d+)%?$/.exec(text);
  if (decimals && decimals[1].replace(/0+$/, '').length > 2) {
    return { ok: false, error: `Points have at most two decimal places (1.25 points = 1.25%); “${text}” has more.` };
  }
  const tooMany = { ok: false as const, error: 'Enter at most 100 points (100% of the basis).' };
  if (/^\d{4,}(?:\.\d*)?%?$/.test(text)) return tooMany; // parsePercent reads at most three whole digits
  const result = parsePercent(text, MAX_POINTS_BPS);
  if (!result.ok) {
    return /from 0 to/.test(result.error) ? tooMany : { ok: false, error: `Enter the rate as a number of points, ${EXAMPLE}.` };
  }
  if (result.bps === 0) return { ok: false, error: `Enter a rate above zero, ${EXAMPLE}.` };
  return { ok: true, bps: result.bps };
}

/** 150 → "1.5", 200 → "2", 25 → "0.25": the form value for a stored rate. */
export function pointsValue(bps: number): string {
  return basisPointsToPercent(bps);
}

/** 150 → "1.5 points", 100 → "1 point": for pages. */
export function formatPoints(bps: number): string {
  const value = basisPointsToPercent(bps);
  return `${value} ${value === '1' ? 'point' : 'points'}`;
}
