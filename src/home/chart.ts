// The dashboard's monthly income chart: one per currency (amounts in
// different currencies never share an axis), 12 months, flat fees and
// royalties stacked. Drawn on the server as SVG: this module works out the
// geometry, views/home/chart.ejs writes the elements (escaped like any
// other output). The numbers themselves come from SQL (monthlyIncome); the
// geometry is only pixels.
//
// The viewBox is 320 units wide and the SVG is drawn at width 100%, so on a
// 375 px phone the 11-unit labels show at about 10 px, and CSS caps the width
// on wide screens so they never grow past about 16 px.
import { addMonths } from '../lib/dates.ts';
import { formatMoney, minorDigits } from '../lib/money.ts';
import type { MonthlyIncomeRow } from './queries.ts';

export const CHART = { width: 320, height: 190, left: 42, right: 6, top: 12, bottom: 34 } as const;

export type ChartMonth = {
  month: string; // YYYY-MM
  label: string; // "Dec"
  yearLabel: string | null; // "’25" under the first month and every January
  feesMinor: number;
  royaltiesMinor: number;
  totalMinor: number;
  /** Bar geometry in viewBox units. */
  x: number;
  barWidth: number;
  labelX: number;
  fees: { y: number; height: number };
  royalties: { y: number; height: number };
};

export type IncomeChart = {
  currency: string;
  width: number;
  height: number;
  months: ChartMonth[];
  ticks: { y: number; label: string }[];
  baseline: number;
  plotLeft: number;
  plotRight: number;
  totals: { feesMinor: number; royaltiesMinor: number; totalMinor: number };
  /** One sentence for screen readers: what the chart shows and its peak. */
  summary: string;
};

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const LONG_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "2026-11" → "November 2026". */
export const monthName = (month: string) => `${LONG_MONTHS[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;

/** The 12 months ending with the month of `today`, oldest first ("2025-12" … "2026-11"). */
export function lastTwelveMonths(today: string): string[] {
  const start = addMonths(`${today.slice(0, 7)}-01`, -11);
  return Array.from({ length: 12 }, (_, i) => addMonths(start, i).slice(0, 7));
}

/** A round step (1, 2, 2.5 or 5 × a power of ten, in minor units) that splits `max` into at most four parts. */
export function niceStep(maxMinor: number, currency: string): number {
  const unit = 10 ** minorDigits(currency); // never finer than one whole unit ($1, ¥1)
  const raw = Math.max(maxMinor / 4, unit);
  let magnitude = 10 ** Math.floor(Math.log10(raw));
  for (;;) {
    for (const f of [1, 2, 2.5, 5]) {
      const step = f * magnitude;
      if (step >= raw && Number.isInteger(step)) return step;
    }
    magnitude *= 10;
  }
}

const compactFormatters = new Map<string, Intl.NumberFormat>();

/** "$2.5K", "£300", "¥1.2M" for axis ticks (exact decimal string in, like formatMoney). */
function compactMoney(minor: number, currency: string): string {
  let f = compactFormatters.get(currency);
  if (!f) {
    f = new Intl.NumberFormat('en-US', { style: 'currency', currency, notation: 'compact', minimumFractionDigits: 0, maximumFractionDigits: 1 });
    compactFormatters.set(currency, f);
  }
  const digits = minorDigits(currency);
  const sign = minor < 0 ? '-' : '';
  const padded = String(Math.abs(minor)).padStart(digits + 1, '0');
  const decimal = digits === 0 ? sign + padded : `${sign}${padded.slice(0, -digits)}.${padded.slice(-digits)}`;
  return f.format(decimal as `${number}`);
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** One chart per currency with income in the window, in currency order. */
export function buildIncomeCharts(rows: readonly MonthlyIncomeRow[], today: string): IncomeChart[] {
  const months = lastTwelveMonths(today);
  const currencies = [...new Set(rows.map((r) => r.currency))].sort();
  const plotLeft = CHART.left;
  const plotRight = CHART.width - CHART.right;
  const baseline = CHART.height - CHART.bottom;
  const plotHeight = baseline - CHART.top;
  const slot = (plotRight - plotLeft) / months.length;
  const barWidth = round1(slot * 0.62);

  return currencies.map((currency) => {
    const byMonth = new Map(rows.filter((r) => r.currency === currency).map((r) => [r.month, r]));
    const values = months.map((month) => {
      const r = byMonth.get(month);
      const feesMinor = r?.feesMinor ?? 0;
      const royaltiesMinor = r?.royaltiesMinor ?? 0;
      return { month, feesMinor, royaltiesMinor, totalMinor: r?.totalMinor ?? 0 };
    });
    // Bars start at zero; a month with a net refund (negative) draws nothing.
    const max = Math.max(0, ...values.map((v) => Math.max(0, v.feesMinor) + Math.max(0, v.royaltiesMinor)));
    const step = niceStep(max, currency);
    const top = Math.max(step, Math.ceil(max / step) * step);
    const scale = (minor: number) => (Math.max(0, minor) / top) * plotHeight;
    const ticks = [];
    for (let v = 0; v <= top; v += step) ticks.push({ y: round1(baseline - scale(v)), label: compactMoney(v, currency) });

    const chartMonths: ChartMonth[] = values.map((v, i) => {
      const x = round1(plotLeft + slot * i + (slot - barWidth) / 2);
      const feesHeight = round1(scale(v.feesMinor));
      const royaltiesHeight = round1(scale(v.royaltiesMinor));
      const m = Number(v.month.slice(5, 7));
      return {
        ...v,
        label: MONTHS[m - 1],
        yearLabel: i === 0 || m === 1 ? `’${v.month.slice(2, 4)}` : null,
        x,
        barWidth,
        labelX: round1(plotLeft + slot * i + slot / 2),
        fees: { y: round1(baseline - feesHeight), height: feesHeight },
        royalties: { y: round1(baseline - feesHeight - royaltiesHeight), height: royaltiesHeight },
      };
    });

    const totals = {
      feesMinor: values.reduce((s, v) => s + v.feesMinor, 0),
      royaltiesMinor: values.reduce((s, v) => s + v.royaltiesMinor, 0),
      totalMinor: values.reduce((s, v) => s + v.totalMinor, 0),
    };
    const peak = values.reduce((best, v) => (v.totalMinor > best.totalMinor ? v : best), values[0]);
    const summary =
      `Income in ${currency} per month from ${monthName(months[0])} to ${monthName(months[11])}: ` +
      `${formatMoney(totals.totalMinor, currency)} in all, ${formatMoney(totals.feesMinor, currency)} flat fees and ` +
      `${formatMoney(totals.royaltiesMinor, currency)} royalties` +
      (peak.totalMinor > 0 ? `; the highest month was ${monthName(peak.month)} with ${formatMoney(peak.totalMinor, currency)}.` : '.');
    return { currency, width: CHART.width, height: CHART.height, months: chartMonths, ticks, baseline, plotLeft, plotRight, totals, summary };
  });
}
