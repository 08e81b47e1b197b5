// Percentages typed by a musician ("50", "12.5", "14.09") ⇄ basis points
// (5000, 1250, 1409), the integers a RateCard stores. Exact string work, no
// floats: "14.09" is read as the digits 14 and 09, never as 14.09 in binary.

/** The largest percentage a rate card field accepts: 100% = 10,000 bps. */
export const MAX_PERCENT_BPS = 10_000;

export type ParsePercentResult = { ok: true; bps: number } | { ok: false; error: string };

// Digits, an optional point and fraction, an optional "%": "50", "12.5", "0.05", ".5", "14.09 %".
const PERCENT_SHAPE = /^(\d{0,3})(?:\.(\d+))?\s*%?$/;

/**
 * Reads a percentage as basis points. Never rounds: more than two decimals is
 * an error (trailing zeros aside, "12.500" is 1250). Empty input is an error
 * here; optional form fields decide for themselves what empty means.
 */
export function parsePercent(input: string, maxBps = MAX_PERCENT_BPS): ParsePercentResult {
  const text = input.trim();
  const example = 'like 50 or 12.5';
  if (text === '') return { ok: false, error: `Enter a percentage, ${example}.` };
  if (/^-/.test(text)) return { ok: false, error: 'Enter a percentage of zero or more.' };
  if (/^\d+,\d+%?$/.test(text)) return { ok: false, error: `Use a point for decimals, ${example}.` };
  const parts = PERCENT_SHAPE.exec(text);
  if (!parts || (parts[1] === '' && parts[2] === undefined)) return { ok: false, error: `Enter a percentage as a number, ${example}.` };
  const fraction = (parts[2] ?? '').replace(/0+$/, '');
  if (fraction.length > 2) return { ok: false, error: 'Use at most two decimal places, like 14.09.' };
  const bps = Number(parts[1] || '0') * 100 + Number(fraction.padEnd(2, '0'));
  if (bps > maxBps) return { ok: false, error: `Enter a percentage from 0 to ${basisPointsToPercent(maxBps)}.` };
  return { ok: true, bps };
}

/** 5000 → "50", 1250 → "12.5", 1409 → "14.09", 5 → "0.05" (no "%" sign). */
export function basisPointsToPercent(bps: number): string {
  if (!Number.isSafeInteger(bps) || bps < 0) throw new RangeError(`Basis points must be a non-negative integer, got ${bps}`);
  const whole = Math.floor(bps / 100);
  const fraction = String(bps % 100).padStart(2, '0').replace(/0+$/, '');
  return fraction === '' ? String(whole) : `${whole}.${fraction}`;
}
