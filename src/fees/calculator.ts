// Proposes a gig's line items from a rate card and what happened on the
// session. Pure and integer-only: amounts are minor units, percentages are
// basis points, and every percentage goes through applyBasisPoints (the one
// rounding point, half-up). The musician reviews and edits the proposal on the
// gig form; nothing here is saved.
//
// The rules, and where they come from (../../../shared/DOMAIN.md, "A gig"):
//
// 1. Units. "A standard record session is 3 hours … work past it is overtime."
//    The musician is paid one unit per *full* `unitMinutes` block worked
//    (floor), and at least one unit: a 2-hour date still pays the 3-hour
//    session (the unit is a minimum call). 3h → 1 unit, 6h → 2 units,
//    2h → 1 unit, 5h → 1 unit + overtime.
// 2. Overtime. "Work past it is overtime, in fixed increments": the minutes
//    beyond the units are paid per *started* increment (ceil). 3h45 with
//    30-minute increments = 1 unit + 2 increments (45 min → two started
//    half-hours); 3h01 = 1 unit + 1 increment.
// 3. Leader / contractor. "Leaders and contractors earn double scale." The
//    card's `leaderBps` (AFM: 20000 = 200% of side-musician scale). It applies to the session fee and the
//    overtime; the doubling premiums below are percentages of that (doubled)
//    session fee, pension follows from the wages. Cartage and health &
//    welfare are flat amounts and do not double.
// 4. Doubles. "Playing an additional instrument on the same session is a
//    double: a premium on scale (first double +50%, later doubles +20%
//    each)." The first double is `firstDoubleBps` of the session fee (all
//    units); each further double is `additionalDoubleBps` of it, rounded once
//    per double and then multiplied, so three further doubles are exactly
//    three times one.
// 5. Cartage. "A flat per-instrument amount": `cartageMinor` × instruments.
// 6. Pension. "Employers also pay pension (e.g. 14.09% of scale)": a
//    percentage of the scale wages — session fee + overtime + doubles, not
//    cartage (a reimbursement, not wages). Owed by the employer to the fund,
//    so `owedToMusician: false`.
// 7. Health & welfare. "$30 first session of the day, $25 each later one":
//    the card holds one amount per session, added once. Also owed to the
//    fund, `owedToMusician: false`.
// 8. Lines with nothing to pay are left out (a card without overtime pay, no
//    cartage, no pension): the session fee line is always there, so the
//    proposal is never empty.
import { MAX_AMOUNT_MINOR, applyBasisPoints } from '../lib/money.ts';
import { basisPointsToPercent } from './percent.ts';

/** What the calculator reads from a RateCard (a Prisma RateCard row fits). */
export type RateCardValues = {
  unitMinutes: number;
  baseUnitMinor: number;
  overtimeIncrementMinutes: number;
  overtimeIncrementMinor: number;
  firstDoubleBps: number;
  additionalDoubleBps: number;
  cartageMinor: number;
  pensionBps: number;
  healthWelfareMinor: number;
  /** Leader / contractor scale as basis points of side-musician scale (20000 = double). */
  leaderBps: number;
};

/** What happened on the session. */
export type SessionWork = {
  /** Time worked, in minutes (> 0). */
  minutes: number;
  /** Instruments played beyond the first (≥ 0). */
  doubles: number;
  /** Instruments hauled that earn cartage (≥ 0). */
  cartageInstruments: number;
  /** Leader or contractor on the date: double scale. */
  leader?: boolean;
};

/** One proposed line; `kind` is a value of lineItemKinds. */
export type ProposedLineItem = {
  kind: string;
  description: string;
  amountMinor: number;
  owedToMusician: boolean;
};

function requireInteger(value: number, name: string, min: number): void {
  if (!Number.isSafeInteger(value) || value < min) {
    throw new RangeError(`${name} must be a whole number of at least ${min}, got ${value}`);
  }
}

function checkCard(card: RateCardValues): void {
  requireInteger(card.unitMinutes, 'unitMinutes', 1);
  requireInteger(card.overtimeIncrementMinutes, 'overtimeIncrementMinutes', 1);
  for (const key of ['baseUnitMinor', 'overtimeIncrementMinor', 'firstDoubleBps', 'additionalDoubleBps', 'cartageMinor', 'pensionBps', 'healthWelfareMinor', 'leaderBps'] as const) {
    requireInteger(card[key], key, 0);
  }
}

function checkSession(session: SessionWork): void {
  requireInteger(session.minutes, 'minutes', 1);
  requireInteger(session.doubles, 'doubles', 0);
  requireInteger(session.cartageInstruments, 'cartageInstruments', 0);
}

/** 180 → "3h", 90 → "1h30", 30 → "30 min". */
function formatLength(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  const rest = minutes % 60;
  return rest === 0 ? `${minutes / 60}h` : `${Math.floor(minutes / 60)}h${String(rest).padStart(2, '0')}`;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Integer product that must stay a safe integer (it always does for form-sized inputs). */
function times(a: number, b: number): number {
  const product = a * b;
  if (!Number.isSafeInteger(product)) throw new RangeError('Fee is too large to represent exactly');
  return product;
}

/**
 * The line items a session earns on a rate card, in invoice order: session
 * fee, overtime, doubles, cartage, then the employer's fund contributions.
 * Throws RangeError for impossible input (minutes ≤ 0, negative counts,
 * fractional values, a card with a zero-length unit) or a line of
 * MAX_AMOUNT_MINOR or more, which no gig may hold.
 */
export function proposeLineItems(card: RateCardValues, session: SessionWork): ProposedLineItem[] {
  checkCard(card);
  checkSession(session);
  const leader = session.leader === true;
  const scale = (minor: number) => (leader ? applyBasisPoints(minor, card.leaderBps) : minor);
  const leaderNote = leader ? (card.leaderBps === 20_000 ? ', leader: double scale' : `, leader: ${basisPointsToPercent(card.leaderBps)}% of scale`) : '';
  const lines: ProposedLineItem[] = [];

  // Rules 1 and 3: whole units, at least one.
  const units = Math.max(1, Math.floor(session.minutes / card.unitMinutes));
  const base = scale(times(card.baseUnitMinor, units));
  lines.push({
    kind: 'base_fee',
    description: `Session fee (${units} × ${formatLength(card.unitMinutes)} ${units === 1 ? 'unit' : 'units'}${leaderNote})`,
    amountMinor: base,
    owedToMusician: true,
  });

  // Rule 2: started increments past the units.
  const overtimeMinutes = Math.max(0, session.minutes - units * card.unitMinutes);
  const increments = Math.ceil(overtimeMinutes / card.overtimeIncrementMinutes);
  const overtime = scale(times(card.overtimeIncrementMinor, increments));
  if (overtime > 0) {
    lines.push({
      kind: 'overtime',
      description: `Overtime: ${increments} × ${formatLength(card.overtimeIncrementMinutes)}${leaderNote}`,
      amountMinor: overtime,
      owedToMusician: true,
    });
  }

  // Rule 4: percentages of the session fee, each rounded half-up once.
  let doubling = 0;
  if (session.doubles >= 1) {
    const first = applyBasisPoints(base, card.firstDoubleBps);
    doubling += first;
    if (first > 0) {
      lines.push({
        kind: 'doubling',
        description: `First double (+${basisPointsToPercent(card.firstDoubleBps)}%)`,
        amountMinor: first,
        owedToMusician: true,
      });
    }
  }
  const further = session.doubles - 1;
  if (further >= 1) {
    const each = applyBasisPoints(base, card.additionalDoubleBps);
    const amount = times(each, further);
    doubling += amount;
    if (amount > 0) {
      const percent = `+${basisPointsToPercent(card.additionalDoubleBps)}%`;
      lines.push({
        kind: 'doubling',
        description: further === 1 ? `Additional double (${percent})` : `Additional doubles: ${further} × ${percent}`,
        amountMinor: amount,
        owedToMusician: true,
      });
    }
  }

  // Rule 5: flat per instrument.
  const cartage = times(card.cartageMinor, session.cartageInstruments);
  if (cartage > 0) {
    lines.push({
      kind: 'cartage',
      description: `Cartage: ${plural(session.cartageInstruments, 'instrument', 'instruments')}`,
      amountMinor: cartage,
      owedToMusician: true,
    });
  }

  // Rule 6: pension on the scale wages (not cartage), to the fund.
  const pension = applyBasisPoints(base + overtime + doubling, card.pensionBps);
  if (pension > 0) {
    lines.push({
      kind: 'pension',
      description: `Pension: ${basisPointsToPercent(card.pensionBps)}% of scale wages (employer, to the fund)`,
      amountMinor: pension,
      owedToMusician: false,
    });
  }

  // Rule 7: one health & welfare contribution per session, to the fund.
  if (card.healthWelfareMinor > 0) {
    lines.push({
      kind: 'health_welfare',
      description: 'Health & welfare (employer, to the fund)',
      amountMinor: card.healthWelfareMinor,
      owedToMusician: false,
    });
  }

  for (const line of lines) {
    if (line.amountMinor >= MAX_AMOUNT_MINOR) throw new RangeError(`${line.description} is more than one fee line can hold`);
  }
  return lines;
}
