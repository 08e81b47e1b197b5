// Forms of the fees feature: the rate card form (settings) and the calculator
// inputs the gig form posts to have its fees proposed.
import { z } from 'zod';
import { isCurrency, parseMoney, parseMoneyOrIssue } from '../lib/money.ts';
import { checkbox, currency, optionalDuration, optionalId, requiredText, wholeNumber } from '../web/fields.ts';
import { parsePercent } from './percent.ts';

// Missing fields are empty; a field posted twice (`a=1&a=2`) or as an object
// is refused with the field's message rather than read as empty (which would
// quietly turn an amount into 0).
const missingAsEmpty = (v: unknown) => (v == null ? '' : v);

/** A percentage field → basis points; empty is 0 (the field is optional). */
const percentField = (label: string, maxBps?: number) =>
  z.preprocess(
    missingAsEmpty,
    z
      .string({ message: `Enter ${label.toLowerCase()} as a percentage, like 50 or 12.5.` })
      .trim()
      .max(10, { message: `${label} can be at most 10 characters.` })
      .transform((value, ctx) => {
        if (value === '') return 0;
        const result = parsePercent(value, maxBps);
        if (result.ok) return result.bps;
        ctx.addIssue({ code: 'custom', message: result.error });
        return z.NEVER;
      }),
  );

/** Amount fields as typed; they are read in the card's currency once it is known. */
const MONEY_FIELDS = {
  baseUnit: { label: 'Base per unit', required: true },
  overtimeIncrement: { label: 'Overtime per increment', required: false },
  cartage: { label: 'Cartage per instrument', required: false },
  healthWelfare: { label: 'Health & welfare per session', required: false },
} as const;
type MoneyField = keyof typeof MONEY_FIELDS;
const moneyFieldNames = Object.keys(MONEY_FIELDS) as MoneyField[];

const moneyText = (label: string) =>
  z.preprocess(
    missingAsEmpty,
    z
      .string({ message: `Enter ${label.toLowerCase()} once, as a single amount.` })
      .trim()
      .max(20, { message: `${label} can be at most 20 characters.` }),
  );

export const rateCardSchema = z
  .object({
    name: requiredText('Name', 80, 'Give the card a name, like "AFM scale 2026".'),
    currency: currency(),
    unitMinutes: wholeNumber('Unit length in minutes', 1, 1440),
    baseUnit: moneyText(MONEY_FIELDS.baseUnit.label),
    overtimeIncrementMinutes: wholeNumber('Overtime increment in minutes', 1, 240),
    overtimeIncrement: moneyText(MONEY_FIELDS.overtimeIncrement.label),
    firstDoublePercent: percentField('First double'),
    additionalDoublePercent: percentField('Additional double'),
    cartage: moneyText(MONEY_FIELDS.cartage.label),
    pensionPercent: percentField('Pension'),
    healthWelfare: moneyText(MONEY_FIELDS.healthWelfare.label),
    leaderPercent: percentField('Leader scale', 100_000),
    isDefault: checkbox(),
  })
  // Amounts depend on the currency (how many decimals, which symbols), so they
  // are checked over the whole object. `when` makes this run even when other
  // fields failed, so every message shows on the first submit.
  .superRefine(
    (form, ctx) => {
      if (typeof form.currency !== 'string' || !isCurrency(form.currency)) return; // the currency field has its own message
      for (const field of moneyFieldNames) {
        const value = typeof form[field] === 'string' ? form[field].trim() : '';
        if (value === '' && !MONEY_FIELDS[field].required) continue;
        const result = parseMoney(value, form.currency);
        if (!result.ok) ctx.addIssue({ code: 'custom', path: [field], message: result.error, input: value });
      }
    },
    { when: () => true },
  )
  .transform((form, ctx) => {
    const amount = (field: MoneyField) => (form[field] === '' ? 0 : (parseMoneyOrIssue(ctx, form[field], form.currency, [field]) ?? 0));
    return {
      name: form.name,
      currency: form.currency,
      unitMinutes: form.unitMinutes,
      baseUnitMinor: amount('baseUnit'),
      overtimeIncrementMinutes: form.overtimeIncrementMinutes,
      overtimeIncrementMinor: amount('overtimeIncrement'),
      firstDoubleBps: form.firstDoublePercent,
      additionalDoubleBps: form.additionalDoublePercent,
      cartageMinor: amount('cartage'),
      pensionBps: form.pensionPercent,
      healthWelfareMinor: amount('healthWelfare'),
      // Empty means the AFM rule: leaders earn double scale.
      leaderBps: form.leaderPercent === 0 ? 20_000 : form.leaderPercent,
      isDefault: form.isDefault,
    };
  });

export type RateCardInput = z.output<typeof rateCardSchema>;

/** A count the musician may leave empty (= 0). */
const countField = (max: number, message: string) =>
  z.preprocess(
    missingAsEmpty,
    z
      .string({ message })
      .trim()
      .transform((value, ctx) => {
        if (value === '') return 0;
        if (/^\d{1,3}$/.test(value) && Number(value) <= max) return Number(value);
        ctx.addIssue({ code: 'custom', message });
        return z.NEVER;
      }),
  );

/**
 * The calculator inputs as fields, for a form that embeds them
 * (`z.object({ ...gigFields, ...feeCalculatorFields })`). Output names match
 * after feeCalculatorSchema's transform; see there.
 */
export const feeCalculatorFields = {
  rateCardId: optionalId('Choose one of your rate cards.'),
  sessionHours: optionalDuration().pipe(z.number({ message: 'Enter how long the session ran, like 3 or 3:45, to work out the fees.' })),
  doubles: countField(10, 'Enter the number of doubles (instruments beyond your first) as a whole number from 0 to 10.'),
  cartageInstruments: countField(20, 'Enter the number of instruments hauled for cartage as a whole number from 0 to 20.'),
  leader: checkbox(),
};

/**
 * What the gig form posts to have its fees proposed. Output:
 * `{ rateCardId: number | null, minutes, doubles, cartageInstruments, leader }`
 * — everything after rateCardId is proposeLineItems' `session` argument.
 * rateCardId null means "use the default card" (defaultRateCard); a given id
 * must still be looked up through the scoped db (getRateCard 404s a foreign one).
 */
export const feeCalculatorSchema = z.object(feeCalculatorFields).transform(({ sessionHours, ...rest }) => ({
  rateCardId: rest.rateCardId,
  minutes: sessionHours,
  doubles: rest.doubles,
  cartageInstruments: rest.cartageInstruments,
  leader: rest.leader,
}));

export type FeeCalculatorInput = z.output<typeof feeCalculatorSchema>;
