// The tax-year report: per payer, what was received in a calendar year —
// flat fees (payments, by the date received) and royalties (statements, by
// the date received) kept apart — per currency, with grand totals per
// currency. One query, whatever the number of payments.
//
// Year boundaries are calendar dates: receivedOn is the musician's own date
// ("YYYY-MM-DD"), so a payment dated 2026-12-31 belongs to 2026 whatever the
// server's time zone, and the filter is a plain string range.
import type { UserDb } from '../db/scoped.ts';
import { formsExpected } from './tax-forms.ts';

const num = (v: unknown) => (typeof v === 'bigint' ? Number(v) : Number(v ?? 0));

export type TaxFigures = {
  currency: string;
  feesMinor: number;
  feeCount: number;
  royaltiesMinor: number;
  royaltyCount: number;
  totalMinor: number;
};

export type TaxPayerRow = TaxFigures & {
  /** The client who paid; null for payments and statements that name no payer ("Unknown payer"). */
  payerId: number | null;
  name: string | null;
  /** Forms this payer's totals call for (USD only; none for an unknown payer). */
  forms: string[];
};

export type TaxCurrencySection = { currency: string; payers: TaxPayerRow[]; totals: TaxFigures };

export type TaxYearReport = { year: number; from: string; to: string; sections: TaxCurrencySection[] };

export const yearBounds = (year: number) => ({ from: `${year}-01-01`, to: `${year}-12-31` });

export async function taxYearReport(db: UserDb, year: number): Promise<TaxYearReport> {
  const userId = db.$userId;
  const { from, to } = yearBounds(year);
  const rows = await db.$queryRaw<Record<string, unknown>[]>`
    WITH income AS (
      SELECT 'fees' AS kind, p.clientId AS payerId, p.currency, p.amountMinor
      FROM Payment p WHERE p.userId = ${userId} AND p.receivedOn >= ${from} AND p.receivedOn <= ${to}
      UNION ALL
      SELECT 'royalties', s.payerId, s.currency, s.amountMinor
      FROM RoyaltyStatement s WHERE s.userId = ${userId} AND s.receivedOn >= ${from} AND s.receivedOn <= ${to}
    )
    SELECT 'payer' AS level, i.payerId, MAX(c.name) AS name, i.currency,
           SUM(CASE WHEN i.kind = 'fees' THEN i.amountMinor ELSE 0 END) AS feesMinor,
           SUM(CASE WHEN i.kind = 'fees' THEN 1 ELSE 0 END) AS feeCount,
           SUM(CASE WHEN i.kind = 'royalties' THEN i.amountMinor ELSE 0 END) AS royaltiesMinor,
           SUM(CASE WHEN i.kind = 'royalties' THEN 1 ELSE 0 END) AS royaltyCount,
           SUM(i.amountMinor) AS totalMinor
    FROM income i LEFT JOIN Client c ON c.id = i.payerId AND c.userId = ${userId}
    GROUP BY i.payerId, i.currency
    UNION ALL
    SELECT 'total', NULL, NULL, i.currency,
           SUM(CASE WHEN i.kind = 'fees' THEN i.amountMinor ELSE 0 END),
           SUM(CASE WHEN i.kind = 'fees' THEN 1 ELSE 0 END),
           SUM(CASE WHEN i.kind = 'royalties' THEN i.amountMinor ELSE 0 END),
           SUM(CASE WHEN i.kind = 'royalties' THEN 1 ELSE 0 END),
           SUM(i.amountMinor)
    FROM income i GROUP BY i.currency`;

  const figures = (r: Record<string, unknown>): TaxFigures => ({
    currency: r.currency as string,
    feesMinor: num(r.feesMinor),
    feeCount: num(r.feeCount),
    royaltiesMinor: num(r.royaltiesMinor),
    royaltyCount: num(r.royaltyCount),
    totalMinor: num(r.totalMinor),
  });
  const sections = new Map<string, TaxCurrencySection>();
  for (const r of rows.filter((r) => r.level === 'total')) {
    sections.set(r.currency as string, { currency: r.currency as string, payers: [], totals: figures(r) });
  }
  for (const r of rows.filter((r) => r.level === 'payer')) {
    const f = figures(r);
    sections.get(f.currency)!.payers.push({
      ...f,
      payerId: r.payerId == null ? null : num(r.payerId),
      name: (r.name as string | null) ?? null,
      // A form can only be expected from a payer who is known.
      forms: r.payerId == null ? [] : formsExpected(f.currency, year, f),
    });
  }
  const collator = new Intl.Collator('en', { sensitivity: 'base' });
  for (const s of sections.values()) {
    // By name, "Unknown payer" last: the order the forms are checked in.
    s.payers.sort((a, b) => (a.name === null ? 1 : 0) - (b.name === null ? 1 : 0) || collator.compare(a.name ?? '', b.name ?? ''));
  }
  return { year, from, to, sections: [...sections.values()].sort((a, b) => a.currency.localeCompare(b.currency)) };
}

/** The CSV's columns. Total rows repeat the page's grand totals per currency. */
export const TAX_CSV_COLUMNS = ['Year', 'Payer', 'Currency', 'Payments', 'Flat fees', 'Royalty statements', 'Royalties', 'Total received', '1099 expected'];

export const UNKNOWN_PAYER = 'Unknown payer';
export const ALL_PAYERS = 'All payers (total)';
