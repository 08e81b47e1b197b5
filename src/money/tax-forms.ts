// US information-return thresholds, as data in one place with the years they
// apply to (DOMAIN.md, "Tax year"). A payer who paid the musician at least
// the threshold in a calendar year should send the form; below it, no form is
// due — and the income counts all the same. Used only for amounts in USD.
//
// - Nonemployee compensation (flat fees): $600 for payments through 2025
//   (1099-NEC from tax year 2020; before that, box 7 of the 1099-MISC), and
//   $2,000 for payments from 2026 (the amount is to be indexed for inflation
//   after 2026: add a row per year when the IRS publishes it).
// - Royalties: $10, on the 1099-MISC.
//
// Amounts are USD minor units (cents).

export type IncomeKind = 'fees' | 'royalties';

export type ThresholdRule = {
  kind: IncomeKind;
  form: string;
  /** First and last tax year the rule applies to; null = open-ended. */
  fromYear: number | null;
  toYear: number | null;
  minor: number;
};

export const THRESHOLD_CURRENCY = 'USD';

export const thresholdRules: readonly ThresholdRule[] = [
  { kind: 'fees', form: '1099-MISC (box 7)', fromYear: null, toYear: 2019, minor: 60_000 },
  { kind: 'fees', form: '1099-NEC', fromYear: 2020, toYear: 2025, minor: 60_000 },
  { kind: 'fees', form: '1099-NEC', fromYear: 2026, toYear: null, minor: 200_000 },
  { kind: 'royalties', form: '1099-MISC', fromYear: null, toYear: null, minor: 1_000 },
];

/** The rule for a kind of income in a tax year. */
export function thresholdFor(kind: IncomeKind, year: number): ThresholdRule {
  const rule = thresholdRules.find((r) => r.kind === kind && (r.fromYear === null || year >= r.fromYear) && (r.toYear === null || year <= r.toYear));
  if (!rule) throw new Error(`No ${kind} threshold for ${year}`);
  return rule;
}

/** The forms a payer's totals for the year call for (USD only; other currencies never reach a US threshold here). */
export function formsExpected(currency: string, year: number, totals: { feesMinor: number; royaltiesMinor: number }): string[] {
  if (currency !== THRESHOLD_CURRENCY) return [];
  const forms: string[] = [];
  const fees = thresholdFor('fees', year);
  if (totals.feesMinor >= fees.minor) forms.push(fees.form);
  const royalties = thresholdFor('royalties', year);
  if (totals.royaltiesMinor >= royalties.minor) forms.push(royalties.form);
  return forms;
}
