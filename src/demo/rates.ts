// Union scale for the demo: how a union date's line items are priced, and the
// rate cards stored for the musician. Data for the seed, not app constants:
// the app reads rates from RateCard rows.
import { applyBasisPoints } from '../lib/money.ts';
import { hauled } from './catalog.ts';
import type { PlanGig, PlanLine, PlanRateCard } from './types.ts';

export const yearOf = (date: string) => Number(date.slice(0, 4));

/**
 * AFM-style side-musician record scale for a year: $434.21 per 3-hour session
 * and $144.74 per overtime half hour in 2019, +3% a year since; pension
 * 12.81% of scale, 14.09% from 2025 (DOMAIN.md). Seed data, like a rate card.
 */
export function recordScale(year: number) {
  let base = 43421;
  let overtime = 14474;
  for (let y = 2019; y < year; y++) {
    base = applyBasisPoints(base, 10300);
    overtime = applyBasisPoints(overtime, 10300);
  }
  return { base, overtime, pensionBps: year >= 2025 ? 1409 : 1281 };
}

function percent(bps: number): string {
  return `${Math.floor(bps / 100)}.${String(bps % 100).padStart(2, '0')}%`;
}

/** Line items of a union session priced at scale: base, overtime, doubles, cartage, and the fund lines. */
export function unionLines(gig: PlanGig, options: { firstOfDay: boolean; leader: boolean; label: string }): PlanLine[] {
  const scale = recordScale(yearOf(gig.date));
  const base = options.leader ? applyBasisPoints(scale.base, 20000) : scale.base;
  const lines: PlanLine[] = [
    {
      kind: 'base_fee',
      description: `${options.label}, 3 hours${options.leader ? ' (leader: double scale)' : ''}`,
      amountMinor: base,
      owedToMusician: true,
    },
  ];
  const increments = Math.max(0, Math.ceil(((gig.durationMinutes ?? 180) - 180) / 30));
  if (increments > 0) {
    lines.push({ kind: 'overtime', description: `Overtime, ${increments} × 30 min`, amountMinor: increments * scale.overtime, owedToMusician: true });
  }
  gig.instruments.slice(1).forEach((instrument, i) => {
    const bps = i === 0 ? 5000 : 2000;
    lines.push({ kind: 'doubling', description: `Double: ${instrument} (+${bps / 100}%)`, amountMinor: applyBasisPoints(scale.base, bps), owedToMusician: true });
  });
  const wages = lines.reduce((sum, line) => sum + line.amountMinor, 0);
  for (const instrument of gig.instruments.filter((i) => hauled.has(i))) {
    lines.push({ kind: 'cartage', description: `Cartage: ${instrument}`, amountMinor: 1200, owedToMusician: true });
  }
  lines.push(
    { kind: 'pension', description: `Pension, ${percent(scale.pensionBps)} of scale (paid to the fund)`, amountMinor: applyBasisPoints(wages, scale.pensionBps), owedToMusician: false },
    { kind: 'health_welfare', description: `Health & welfare, ${options.firstOfDay ? 'first' : 'later'} session of the day`, amountMinor: options.firstOfDay ? 3000 : 2500, owedToMusician: false },
  );
  return lines;
}

export function rateCards(today: string): PlanRateCard[] {
  const year = yearOf(today);
  const scale = recordScale(year);
  return [
    {
      name: `AFM record scale, side musician (${year})`, currency: 'USD', unitMinutes: 180, baseUnitMinor: scale.base,
      overtimeIncrementMinutes: 30, overtimeIncrementMinor: scale.overtime, firstDoubleBps: 5000, additionalDoubleBps: 2000,
      cartageMinor: 1200, pensionBps: scale.pensionBps, healthWelfareMinor: 3000, isDefault: true,
    },
    {
      name: 'Flat rate: remote keys, per song', currency: 'USD', unitMinutes: 240, baseUnitMinor: 35000,
      overtimeIncrementMinutes: 60, overtimeIncrementMinor: 0, firstDoubleBps: 4000, additionalDoubleBps: 2000,
      cartageMinor: 0, pensionBps: 0, healthWelfareMinor: 0, isDefault: false,
    },
  ];
}

