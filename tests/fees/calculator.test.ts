// Worked examples in integer minor units (cents). Figures from DOMAIN.md:
// side-musician record scale $434.21 per 3-hour session, doubles +50% / +20%,
// $12 cartage, pension 14.09%, health & welfare $30.
import { describe, expect, it } from 'vitest';
import { proposeLineItems, type RateCardValues } from '../../src/fees/calculator.ts';

/** AFM-shaped card: 3h units at $434.21, 30-minute overtime at $72.37, no fund contributions. */
const scale: RateCardValues = {
  unitMinutes: 180,
  baseUnitMinor: 43421,
  overtimeIncrementMinutes: 30,
  overtimeIncrementMinor: 7237,
  firstDoubleBps: 5000,
  additionalDoubleBps: 2000,
  cartageMinor: 1200,
  pensionBps: 0,
  healthWelfareMinor: 0,
  leaderBps: 20_000,
};

const session = (minutes: number, extra: Partial<Parameters<typeof proposeLineItems>[1]> = {}) => ({
  minutes,
  doubles: 0,
  cartageInstruments: 0,
  ...extra,
});

const amounts = (lines: ReturnType<typeof proposeLineItems>) => lines.map((l) => [l.kind, l.amountMinor]);

describe('session units (one per full unit, at least one)', () => {
  it('pays a 3-hour session as one unit: one line of 43421', () => {
    expect(proposeLineItems(scale, session(180))).toEqual([
      { kind: 'base_fee', description: 'Session fee (1 × 3h unit)', amountMinor: 43421, owedToMusician: true },
    ]);
  });

  it('pays a short date as the full unit (minimum call), with no overtime', () => {
    expect(amounts(proposeLineItems(scale, session(120)))).toEqual([['base_fee', 43421]]);
    expect(amounts(proposeLineItems(scale, session(1)))).toEqual([['base_fee', 43421]]);
  });

  it('pays a 6-hour day as two units: 2 × 43421 = 86842', () => {
    const [base] = proposeLineItems(scale, session(360));
    expect(base).toMatchObject({ description: 'Session fee (2 × 3h units)', amountMinor: 86842 });
  });

  it('describes units that are not whole hours', () => {
    const card = { ...scale, unitMinutes: 90 };
    expect(proposeLineItems(card, session(90))[0].description).toBe('Session fee (1 × 1h30 unit)');
    expect(proposeLineItems({ ...scale, unitMinutes: 45 }, session(45))[0].description).toBe('Session fee (1 × 45 min unit)');
  });
});

describe('overtime (per started increment past the units)', () => {
  it('pays 3h45 with 30-minute increments as 1 unit + 2 increments: 2 × 7237 = 14474', () => {
    expect(proposeLineItems(scale, session(225))).toEqual([
      { kind: 'base_fee', description: 'Session fee (1 × 3h unit)', amountMinor: 43421, owedToMusician: true },
      { kind: 'overtime', description: 'Overtime: 2 × 30 min', amountMinor: 14474, owedToMusician: true },
    ]);
  });

  it.each([
    [181, 1, 1], // one minute over starts an increment
    [210, 1, 1], // exactly one increment
    [211, 1, 2],
    [359, 1, 6], // 5h59: 179 minutes over → 6 started half-hours, still one unit
    [360, 2, 0],
    [390, 2, 1], // 6h30
  ])('%i minutes → %i unit(s) + %i increment(s)', (minutes, units, increments) => {
    const lines = proposeLineItems(scale, session(minutes));
    expect(lines[0].amountMinor).toBe(43421 * units);
    expect(lines.find((l) => l.kind === 'overtime')?.amountMinor ?? 0).toBe(7237 * increments);
  });

  it('counts 15-minute increments', () => {
    const card = { ...scale, overtimeIncrementMinutes: 15, overtimeIncrementMinor: 3619 };
    expect(proposeLineItems(card, session(225))[1]).toMatchObject({ description: 'Overtime: 3 × 15 min', amountMinor: 3 * 3619 });
  });

  it('leaves overtime out when the card pays none', () => {
    expect(amounts(proposeLineItems({ ...scale, overtimeIncrementMinor: 0 }, session(240)))).toEqual([['base_fee', 43421]]);
  });
});

describe('doubles (percentages of the session fee, rounded half-up once each)', () => {
  it('pays two doubles at +50% and +20%: 21711 and 8684', () => {
    // First:  43421 × 5000 / 10000 = 21710.5  → half-up → 21711
    // Second: 43421 × 2000 / 10000 =  8684.2  → rounds down → 8684
    expect(proposeLineItems(scale, session(180, { doubles: 2 })).slice(1)).toEqual([
      { kind: 'doubling', description: 'First double (+50%)', amountMinor: 21711, owedToMusician: true },
      { kind: 'doubling', description: 'Additional double (+20%)', amountMinor: 8684, owedToMusician: true },
    ]);
  });

  it('rounds each further double once, then multiplies: three doubles = 21711 + 2 × 8684', () => {
    const lines = proposeLineItems(scale, session(180, { doubles: 3 }));
    expect(lines.slice(1)).toEqual([
      { kind: 'doubling', description: 'First double (+50%)', amountMinor: 21711, owedToMusician: true },
      { kind: 'doubling', description: 'Additional doubles: 2 × +20%', amountMinor: 17368, owedToMusician: true },
    ]);
  });

  it('takes the premium on all units of the session fee, not on overtime', () => {
    // 2 units = 86842; 50% = 43421 exactly. Overtime (1 × 7237) is not part of the base.
    const lines = proposeLineItems(scale, session(390, { doubles: 1 }));
    expect(amounts(lines)).toEqual([['base_fee', 86842], ['overtime', 7237], ['doubling', 43421]]);
  });

  it('rounds half-up on fractional percentages: 12.5% of 43421 = 5427.625 → 5428', () => {
    const lines = proposeLineItems({ ...scale, firstDoubleBps: 1250 }, session(180, { doubles: 1 }));
    expect(lines[1]).toMatchObject({ description: 'First double (+12.5%)', amountMinor: 5428 });
  });

  it('rounds an exact half up on a card without overtime: 50% of 43421 = 21710.5 → 21711', () => {
    const lines = proposeLineItems({ ...scale, overtimeIncrementMinor: 0 }, session(200, { doubles: 1 }));
    expect(amounts(lines)).toEqual([['base_fee', 43421], ['doubling', 21711]]);
  });
});

describe('cartage, pension, health & welfare', () => {
  it('pays cartage per instrument: 2 × 1200 = 2400', () => {
    expect(proposeLineItems(scale, session(180, { cartageInstruments: 2 }))[1]).toEqual({
      kind: 'cartage',
      description: 'Cartage: 2 instruments',
      amountMinor: 2400,
      owedToMusician: true,
    });
    expect(proposeLineItems(scale, session(180, { cartageInstruments: 1 }))[1].description).toBe('Cartage: 1 instrument');
  });

  it('leaves cartage out when the card has none or nothing was hauled', () => {
    expect(proposeLineItems({ ...scale, cartageMinor: 0 }, session(180, { cartageInstruments: 2 }))).toHaveLength(1);
    expect(proposeLineItems(scale, session(180))).toHaveLength(1);
  });

  it('proposes a full union date: 3h45, two doubles, two cartage, pension 14.09%, H&W $30', () => {
    const card = { ...scale, pensionBps: 1409, healthWelfareMinor: 3000 };
    // Scale wages = 43421 + 14474 + 21711 + 8684 = 88290 (cartage is not wages).
    // Pension     = 88290 × 1409 / 10000 = 124400610 / 10000 = 12440.061 → 12440
    expect(proposeLineItems(card, session(225, { doubles: 2, cartageInstruments: 2 }))).toEqual([
      { kind: 'base_fee', description: 'Session fee (1 × 3h unit)', amountMinor: 43421, owedToMusician: true },
      { kind: 'overtime', description: 'Overtime: 2 × 30 min', amountMinor: 14474, owedToMusician: true },
      { kind: 'doubling', description: 'First double (+50%)', amountMinor: 21711, owedToMusician: true },
      { kind: 'doubling', description: 'Additional double (+20%)', amountMinor: 8684, owedToMusician: true },
      { kind: 'cartage', description: 'Cartage: 2 instruments', amountMinor: 2400, owedToMusician: true },
      { kind: 'pension', description: 'Pension: 14.09% of scale wages (employer, to the fund)', amountMinor: 12440, owedToMusician: false },
      { kind: 'health_welfare', description: 'Health & welfare (employer, to the fund)', amountMinor: 3000, owedToMusician: false },
    ]);
  });

  it('computes pension on one session: 43421 × 1409 / 10000 = 6118.0189 → 6118', () => {
    const lines = proposeLineItems({ ...scale, pensionBps: 1409 }, session(180));
    expect(amounts(lines)).toEqual([['base_fee', 43421], ['pension', 6118]]);
  });

  it('rounds pension half-up: exact halves go up, anything below half goes down', () => {
    const card = (baseUnitMinor: number, pensionBps: number) => ({ ...scale, baseUnitMinor, overtimeIncrementMinor: 0, pensionBps });
    const pension = (c: RateCardValues) => proposeLineItems(c, session(180)).at(-1)?.amountMinor;
    expect(pension(card(5000, 1409))).toBe(705); // 5000 × 1409 / 10000 = 704.5   → 705
    expect(pension(card(5000, 1281))).toBe(641); // 5000 × 1281 / 10000 = 640.5   → 641
    expect(pension(card(1250, 1281))).toBe(160); // 1250 × 1281 / 10000 = 160.125 → 160
    expect(pension(card(5001, 1409))).toBe(705); // 5001 × 1409 / 10000 = 704.6409 → 705
    expect(pension(card(4999, 1409))).toBe(704); // 4999 × 1409 / 10000 = 704.3591 → 704
  });

  it('marks only the fund contributions as not owed to the musician', () => {
    const card = { ...scale, pensionBps: 1409, healthWelfareMinor: 3000 };
    const lines = proposeLineItems(card, session(225, { doubles: 1, cartageInstruments: 1 }));
    expect(lines.filter((l) => !l.owedToMusician).map((l) => l.kind)).toEqual(['pension', 'health_welfare']);
  });
});

describe('leader / contractor (double scale)', () => {
  it('is 200% of side-musician scale', () => {
    expect(scale.leaderBps).toBe(20_000);
  });

  it('doubles the session fee and overtime; doubles are a premium on the leader fee; cartage and H&W stay flat', () => {
    const card = { ...scale, pensionBps: 1409, healthWelfareMinor: 3000 };
    const lines = proposeLineItems(card, session(225, { doubles: 1, cartageInstruments: 1, leader: true }));
    // Base 2 × 43421 = 86842; overtime 2 × (2 × 7237) = 28948; first double 50% of 86842 = 43421.
    // Pension 14.09% of (86842 + 28948 + 43421 = 159211) = 22432.8299 → 22433.
    expect(lines).toEqual([
      { kind: 'base_fee', description: 'Session fee (1 × 3h unit, leader: double scale)', amountMinor: 86842, owedToMusician: true },
      { kind: 'overtime', description: 'Overtime: 2 × 30 min, leader: double scale', amountMinor: 28948, owedToMusician: true },
      { kind: 'doubling', description: 'First double (+50%)', amountMinor: 43421, owedToMusician: true },
      { kind: 'cartage', description: 'Cartage: 1 instrument', amountMinor: 1200, owedToMusician: true },
      { kind: 'pension', description: 'Pension: 14.09% of scale wages (employer, to the fund)', amountMinor: 22433, owedToMusician: false },
      { kind: 'health_welfare', description: 'Health & welfare (employer, to the fund)', amountMinor: 3000, owedToMusician: false },
    ]);
  });

  it('treats leader: false and a missing leader alike', () => {
    expect(proposeLineItems(scale, session(180, { leader: false }))).toEqual(proposeLineItems(scale, session(180)));
  });
});

describe('results are integers', () => {
  it('never returns a fraction, whatever the rates', () => {
    const card = { ...scale, baseUnitMinor: 33333, firstDoubleBps: 3333, additionalDoubleBps: 1777, pensionBps: 1281, healthWelfareMinor: 2500 };
    for (const minutes of [1, 179, 180, 181, 225, 600, 1440]) {
      for (const line of proposeLineItems(card, session(minutes, { doubles: 4, cartageInstruments: 3, leader: minutes % 2 === 0 }))) {
        expect(Number.isSafeInteger(line.amountMinor), `${minutes}: ${line.description}`).toBe(true);
      }
    }
  });
});

describe('impossible input is refused', () => {
  it.each([
    ['zero minutes', session(0)],
    ['negative minutes', session(-30)],
    ['fractional minutes', session(90.5)],
    ['NaN minutes', session(Number.NaN)],
    ['negative doubles', session(180, { doubles: -1 })],
    ['fractional doubles', session(180, { doubles: 1.5 })],
    ['negative cartage instruments', session(180, { cartageInstruments: -2 })],
    ['infinite cartage instruments', session(180, { cartageInstruments: Number.POSITIVE_INFINITY })],
  ])('throws RangeError for %s', (_name, work) => {
    expect(() => proposeLineItems(scale, work)).toThrow(RangeError);
  });

  it.each([
    ['a zero-length unit', { unitMinutes: 0 }],
    ['a zero-length overtime increment', { overtimeIncrementMinutes: 0 }],
    ['a negative base', { baseUnitMinor: -1 }],
    ['fractional money', { cartageMinor: 12.5 }],
    ['negative basis points', { pensionBps: -100 }],
    ['fractional basis points', { firstDoubleBps: 5000.5 }],
  ])('throws RangeError for a card with %s', (_name, change) => {
    expect(() => proposeLineItems({ ...scale, ...change }, session(180))).toThrow(RangeError);
  });

  it('throws RangeError when a line would be more than a fee line can hold', () => {
    expect(() => proposeLineItems({ ...scale, baseUnitMinor: 999_999_999 }, session(360))).toThrow(/more than one fee line can hold/);
  });
});
