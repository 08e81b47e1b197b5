import { describe, expect, it } from 'vitest';
import { basisPointsToPercent, parsePercent } from '../../src/fees/percent.ts';
import { feeCalculatorSchema, rateCardSchema } from '../../src/fees/schemas.ts';
import { parseForm } from '../../src/web/forms.ts';

describe('parsePercent (exact string → basis points)', () => {
  it.each([
    ['50', 5000],
    ['12.5', 1250],
    ['14.09', 1409],
    ['12.81', 1281],
    ['0.05', 5],
    ['.5', 50],
    ['0', 0],
    ['100', 10000],
    ['50%', 5000],
    [' 14.09 % ', 1409],
    ['12.500', 1250],
    ['007', 700],
  ])('%s → %i', (input, bps) => {
    expect(parsePercent(input)).toEqual({ ok: true, bps });
  });

  it.each([
    ['', 'Enter a percentage, like 50 or 12.5.'],
    ['-5', 'Enter a percentage of zero or more.'],
    ['12,5', 'Use a point for decimals, like 50 or 12.5.'],
    ['fifty', 'Enter a percentage as a number, like 50 or 12.5.'],
    ['1.2.3', 'Enter a percentage as a number, like 50 or 12.5.'],
    ['.', 'Enter a percentage as a number, like 50 or 12.5.'],
    ['12.345', 'Use at most two decimal places, like 14.09.'],
    ['100.01', 'Enter a percentage from 0 to 100.'],
    ['1e2', 'Enter a percentage as a number, like 50 or 12.5.'],
  ])('refuses %j', (input, error) => {
    expect(parsePercent(input)).toEqual({ ok: false, error });
  });

  it('does not go through floats: 0.29 is 29 bps, not 28.999…', () => {
    expect(parsePercent('0.29')).toEqual({ ok: true, bps: 29 });
    expect(parsePercent('1.15')).toEqual({ ok: true, bps: 115 });
  });

  it('formats basis points back without trailing zeros, and round-trips', () => {
    expect([5000, 1250, 1409, 5, 0, 10000, 110].map(basisPointsToPercent)).toEqual(['50', '12.5', '14.09', '0.05', '0', '100', '1.1']);
    for (let bps = 0; bps <= 10000; bps += 7) expect(parsePercent(basisPointsToPercent(bps))).toEqual({ ok: true, bps });
    expect(() => basisPointsToPercent(-1)).toThrow(RangeError);
    expect(() => basisPointsToPercent(1.5)).toThrow(RangeError);
  });
});

const validCard = {
  name: 'AFM scale 2026',
  currency: 'usd',
  unitMinutes: '180',
  baseUnit: '434.21',
  overtimeIncrementMinutes: '30',
  overtimeIncrement: '72.37',
  firstDoublePercent: '50',
  additionalDoublePercent: '20',
  cartage: '$12',
  pensionPercent: '14.09',
  healthWelfare: '30',
  isDefault: 'on',
};

describe('rateCardSchema', () => {
  it('turns the form into integers: minor units and basis points', () => {
    expect(parseForm(rateCardSchema, validCard)).toEqual({
      ok: true,
      data: {
        name: 'AFM scale 2026',
        currency: 'USD',
        unitMinutes: 180,
        baseUnitMinor: 43421,
        overtimeIncrementMinutes: 30,
        overtimeIncrementMinor: 7237,
        firstDoubleBps: 5000,
        additionalDoubleBps: 2000,
        cartageMinor: 1200,
        pensionBps: 1409,
        healthWelfareMinor: 3000,
        leaderBps: 20_000,
        isDefault: true,
      },
    });
  });

  it('treats empty optional amounts and percentages as zero', () => {
    const form = parseForm(rateCardSchema, {
      ...validCard,
      overtimeIncrement: '',
      firstDoublePercent: '',
      additionalDoublePercent: ' ',
      cartage: '',
      pensionPercent: '',
      healthWelfare: '',
      isDefault: undefined,
    });
    expect(form.ok && form.data).toMatchObject({
      overtimeIncrementMinor: 0,
      firstDoubleBps: 0,
      additionalDoubleBps: 0,
      cartageMinor: 0,
      pensionBps: 0,
      healthWelfareMinor: 0,
      isDefault: false,
    });
  });

  it('reads amounts in the card currency', () => {
    const form = parseForm(rateCardSchema, { ...validCard, currency: 'JPY', baseUnit: '48000', overtimeIncrement: '8000', cartage: '', healthWelfare: '' });
    expect(form.ok && form.data).toMatchObject({ baseUnitMinor: 48000, overtimeIncrementMinor: 8000 });
    const bad = parseForm(rateCardSchema, { ...validCard, currency: 'JPY', baseUnit: '480.5' });
    expect(!bad.ok && bad.errors.baseUnit).toBe('JPY amounts have no decimal places. Enter a whole amount like 1,250.');
  });

  it('reports every field at once, amounts included, even when other fields fail', () => {
    const form = parseForm(rateCardSchema, {
      name: '',
      currency: 'USD',
      unitMinutes: '0',
      baseUnit: '',
      overtimeIncrementMinutes: 'thirty',
      overtimeIncrement: '72.375',
      firstDoublePercent: '50.123',
      additionalDoublePercent: '-20',
      cartage: 'twelve',
      pensionPercent: '140',
      healthWelfare: '€30',
    });
    expect(form.ok).toBe(false);
    if (form.ok) return;
    expect(form.errors).toEqual({
      name: 'Give the card a name, like "AFM scale 2026".',
      unitMinutes: 'Unit length in minutes must be between 1 and 1440.',
      baseUnit: 'Enter an amount, like 1,250.50.',
      overtimeIncrementMinutes: 'Enter overtime increment in minutes as a whole number.',
      overtimeIncrement: 'USD amounts have at most 2 decimal places, like 1,250.50.',
      firstDoublePercent: 'Use at most two decimal places, like 14.09.',
      additionalDoublePercent: 'Enter a percentage of zero or more.',
      cartage: 'Enter an amount like 1,250.50.',
      pensionPercent: 'Enter a percentage from 0 to 100.',
      healthWelfare: 'This amount is in USD, not “€”. Enter just the amount, like 1,250.50.',
    });
  });

  it('names only the currency when it is wrong, not every amount', () => {
    const form = parseForm(rateCardSchema, { ...validCard, currency: 'dollars' });
    expect(!form.ok && form.errors).toEqual({ currency: 'Use a three-letter ISO 4217 currency code, like USD or EUR.' });
  });

  it('limits lengths with a message', () => {
    const form = parseForm(rateCardSchema, { ...validCard, name: 'n'.repeat(81), baseUnit: '1'.repeat(21), pensionPercent: '1'.repeat(11) });
    expect(!form.ok && form.errors).toEqual({
      name: 'Name can be at most 80 characters.',
      baseUnit: 'Base per unit can be at most 20 characters.',
      pensionPercent: 'Pension can be at most 10 characters.',
    });
  });

  it('refuses repeated fields instead of coercing them', () => {
    const form = parseForm(rateCardSchema, { ...validCard, baseUnit: ['1', '2'], cartage: ['1', '2'], firstDoublePercent: ['50', '60'] });
    expect(!form.ok && form.errors).toEqual({
      baseUnit: 'Enter base per unit once, as a single amount.',
      cartage: 'Enter cartage per instrument once, as a single amount.',
      firstDoublePercent: 'Enter first double as a percentage, like 50 or 12.5.',
    });
    const calc = parseForm(feeCalculatorSchema, { sessionHours: '3', doubles: ['1', '2'] });
    expect(!calc.ok && Object.keys(calc.errors)).toEqual(['doubles']);
  });
});

describe('feeCalculatorSchema (what the gig form posts)', () => {
  it('reads a session into proposeLineItems input', () => {
    expect(parseForm(feeCalculatorSchema, { rateCardId: '7', sessionHours: '3:45', doubles: '2', cartageInstruments: '1', leader: 'on' })).toEqual({
      ok: true,
      data: { rateCardId: 7, minutes: 225, doubles: 2, cartageInstruments: 1, leader: true },
    });
  });

  it('defaults: no card (use the default), no doubles, no cartage, not leader', () => {
    expect(parseForm(feeCalculatorSchema, { sessionHours: '3', doubles: '', cartageInstruments: '' })).toEqual({
      ok: true,
      data: { rateCardId: null, minutes: 180, doubles: 0, cartageInstruments: 0, leader: false },
    });
    expect(parseForm(feeCalculatorSchema, { sessionHours: '3.5' })).toMatchObject({ ok: true, data: { minutes: 210 } });
  });

  it('explains each bad field', () => {
    const form = parseForm(feeCalculatorSchema, { rateCardId: 'abc', sessionHours: '', doubles: '11', cartageInstruments: '-1' });
    expect(!form.ok && form.errors).toEqual({
      rateCardId: 'Choose one of your rate cards.',
      sessionHours: 'Enter how long the session ran, like 3 or 3:45, to work out the fees.',
      doubles: 'Enter the number of doubles (instruments beyond your first) as a whole number from 0 to 10.',
      cartageInstruments: 'Enter the number of instruments hauled for cartage as a whole number from 0 to 20.',
    });
    const more = parseForm(feeCalculatorSchema, { sessionHours: '25', doubles: '1.5', cartageInstruments: '21' });
    expect(!more.ok && more.errors).toEqual({
      sessionHours: 'Enter hours like 3, 3:45 or 3.5 (at most 24).',
      doubles: 'Enter the number of doubles (instruments beyond your first) as a whole number from 0 to 10.',
      cartageInstruments: 'Enter the number of instruments hauled for cartage as a whole number from 0 to 20.',
    });
  });
});

describe('leader scale', () => {
  it('reads a percentage of scale, and an empty field as the AFM double scale', async () => {
    const { rateCardSchema } = await import('../../src/fees/schemas.ts');
    const base = { name: 'Scale', currency: 'USD', unitMinutes: '180', baseUnit: '434.21', overtimeIncrementMinutes: '30' };
    const custom = rateCardSchema.safeParse({ ...base, leaderPercent: '150' });
    expect(custom.success && custom.data.leaderBps).toBe(15_000);
    const empty = rateCardSchema.safeParse({ ...base, leaderPercent: '' });
    expect(empty.success && empty.data.leaderBps).toBe(20_000);
  });
});
