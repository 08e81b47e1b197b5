// Exact money: amounts are integers of the currency's minor unit (cents,
// pence, fils) beside an ISO 4217 code. Nothing here turns an amount into a
// float: parsing works on digit strings, formatting hands Intl a decimal
// string, and arithmetic that can produce fractions (percentages, conversion)
// runs on BigInt and is rounded in exactly one place, `divideRoundingHalfUp`.
//
// How many minor digits a currency has comes from Intl (CLDR data), so the
// number of decimals we accept when parsing always matches the number we show
// when formatting.
import type * as z from 'zod';

/**
 * Largest amount one entry may hold, in minor units (exclusive): $9,999,999.99,
 * ¥999,999,999. Far above any session fee, well inside Prisma's 32-bit `Int`
 * (2,147,483,647), and small enough that sums of thousands of rows stay exact
 * JavaScript integers.
 */
export const MAX_AMOUNT_MINOR = 1_000_000_000;

const currencies = new Set(Intl.supportedValuesOf('currency'));

/** True for an upper-case ISO 4217 code this runtime knows ("USD", "GBP"). */
export function isCurrency(code: string): boolean {
  return /^[A-Z]{3}$/.test(code) && currencies.has(code);
}

// Building an Intl.NumberFormat costs far more than using one; pages format
// hundreds of amounts, so formatters are kept per locale and currency.
const formatters = new Map<string, Intl.NumberFormat>();

function currencyFormatter(currency: string, locale = 'en-US', display: 'symbol' | 'narrowSymbol' = 'symbol') {
  if (!isCurrency(currency)) throw new RangeError(`Unknown currency code: ${JSON.stringify(currency)}`);
  const key = `${locale}|${currency}|${display}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale, { style: 'currency', currency, currencyDisplay: display });
    formatters.set(key, formatter);
  }
  return formatter;
}

const digitsByCurrency = new Map<string, number>();

/** Digits after the decimal point: JPY 0, USD 2, KWD 3. Throws for an unknown code. */
export function minorDigits(currency: string): number {
  let digits = digitsByCurrency.get(currency);
  if (digits === undefined) {
    digits = currencyFormatter(currency).resolvedOptions().maximumFractionDigits ?? 2;
    digitsByCurrency.set(currency, digits);
  }
  return digits;
}

function assertMinor(minor: number): void {
  if (!Number.isSafeInteger(minor)) throw new RangeError(`Money must be a safe integer of minor units, got ${minor}`);
}

/**
 * "1250.50", "-0.05", "1250" (JPY): plain decimal, no grouping or symbol —
 * for CSV exports and form values. Built from the integer's digits, so it is
 * exact for every safe integer.
 */
export function formatDecimal(minor: number, currency: string): string {
  assertMinor(minor);
  const digits = minorDigits(currency);
  const sign = minor < 0 ? '-' : '';
  const padded = String(Math.abs(minor)).padStart(digits + 1, '0');
  if (digits === 0) return sign + padded;
  return `${sign}${padded.slice(0, -digits)}.${padded.slice(-digits)}`;
}

/**
 * "$1,250.50", "-$0.05", "¥1,250", "KWD 1.250" in the given locale.
 *
 * Why not `format(minor / 100)`: a float cannot hold most decimal fractions,
 * and past 2^53 / 100 (about 90 trillion) the division no longer lands on the
 * nearest cent. Since ES2023 (Node 20) Intl.NumberFormat accepts a decimal
 * *string* and formats it exactly, so we pass the string `formatDecimal`
 * builds from the integer's digits and no float is ever involved.
 */
export function formatMoney(minor: number, currency: string, locale = 'en-US'): string {
  return currencyFormatter(currency, locale).format(formatDecimal(minor, currency) as `${number}`);
}

export type ParseMoneyResult = { ok: true; minor: number } | { ok: false; error: string };
export type ParseMoneyOptions = { allowNegative?: boolean };

function example(currency: string): string {
  const digits = minorDigits(currency);
  return digits === 0 ? '1,250' : `1,250.${'50'.padEnd(digits, '0')}`;
}

/** Symbols a person may type in front of (or after) an amount in this currency. */
function symbolsFor(currency: string): Set<string> {
  const symbol = (display: 'symbol' | 'narrowSymbol') =>
    currencyFormatter(currency, 'en-US', display).formatToParts(1).find((p) => p.type === 'currency')?.value ?? '';
  return new Set([currency, symbol('symbol'), symbol('narrowSymbol')]);
}

const MAX_INPUT_LENGTH = 40;

// Sign, then an optional symbol, then the number, then an optional symbol or
// code: "-$1,250.50", "$-12", "12 USD", "£12". The sign may also follow the
// symbol because people write both. U+2212 is the typographic minus.
const AMOUNT_SHAPE =
  /^([-\u2212]?)\s*([^\d\s.,\-\u2212]*?)\s*([-\u2212]?)\s*([\d.,]+)\s*([^\d\s.,\-\u2212]*)$/u;
// Digits with optional thousands commas (groups of exactly three), then an
// optional fraction: "1250", "1,250", "1,250.50", ".99". Not "12,34,5", not "1.2.3".
const NUMBER_SHAPE = /^(\d{1,3}(?:,\d{3})+|\d+)?(?:\.(\d+))?$/;

/**
 * Reads what a person typed into an amount field as minor units of `currency`.
 * Accepts "1250", "1,250.50", "1250.5", " $1,250.50 ", "€12" (EUR), "12 USD".
 * Never rounds: more decimals than the currency has is an error, except
 * trailing zeros ("1.230" USD is 1.23). Zero is allowed; negatives only with
 * `allowNegative` (refunds, corrections). Errors are sentences for the form.
 */
export function parseMoney(input: string, currency: string, options: ParseMoneyOptions = {}): ParseMoneyResult {
  if (!isCurrency(currency)) return { ok: false, error: 'Choose a currency first.' };
  const sample = example(currency);
  const garbage = { ok: false as const, error: `Enter an amount like ${sample}.` };
  const text = input.trim();
  if (text === '') return { ok: false, error: `Enter an amount, like ${sample}.` };

  // No real amount is this long, and the cap keeps the regex below from
  // backtracking for seconds over thousands of spaces ("-" + spaces + "x").
  if (text.length > MAX_INPUT_LENGTH) return garbage;
  const shape = AMOUNT_SHAPE.exec(text);
  if (!shape) return garbage;
  const [, signBefore, prefix, signAfter, number, suffix] = shape;
  if (signBefore && signAfter) return garbage; // "--5", "-$-5"
  const allowed = symbolsFor(currency);
  for (const mark of [prefix.toUpperCase(), suffix.toUpperCase()]) {
    if (mark === '' || allowed.has(mark)) continue;
    // Another currency's symbol or code is a likely mix-up worth naming; other letters are just not a number.
    if (/^\p{Sc}$/u.test(mark) || isCurrency(mark)) {
      return { ok: false, error: `This amount is in ${currency}, not “${mark}”. Enter just the amount, like ${sample}.` };
    }
    return garbage;
  }
  if (prefix && suffix) return garbage;

  const parts = NUMBER_SHAPE.exec(number);
  if (!parts || (parts[1] === undefined && parts[2] === undefined)) {
    if (/^\d+,\d{1,2}$/.test(number)) {
      return { ok: false, error: `Use a point for decimals and commas for thousands, like ${sample}.` };
    }
    return garbage;
  }
  const whole = (parts[1] ?? '0').replaceAll(',', '');
  const digits = minorDigits(currency);
  const fraction = (parts[2] ?? '').replace(/0+$/, '');
  if (fraction.length > digits) {
    return {
      ok: false,
      error:
        digits === 0
          ? `${currency} amounts have no decimal places. Enter a whole amount like ${sample}.`
          : `${currency} amounts have at most ${digits} decimal places, like ${sample}.`,
    };
  }

  const negative = (signBefore || signAfter) !== '';
  const magnitude = BigInt(whole + fraction.padEnd(digits, '0'));
  if (negative && magnitude > 0n && !options.allowNegative) {
    return { ok: false, error: 'Enter an amount of zero or more.' };
  }
  if (magnitude >= BigInt(MAX_AMOUNT_MINOR)) {
    return {
      ok: false,
      error: `That amount is too large. Enter at most ${formatMoney(MAX_AMOUNT_MINOR - 1, currency)}.`,
    };
  }
  const minor = Number(magnitude);
  return { ok: true, minor: negative && minor > 0 ? -minor : minor }; // never -0
}

/**
 * For zod form schemas: parse an amount string, or report the message on the
 * amount field. Returns the minor units, or `undefined` after adding the issue.
 * Works in `.superRefine` (to validate) and in `.transform` (to validate and
 * produce the integer), because both hand over the same context:
 *
 *   const feeForm = z.object({ amount: z.string(), currency: z.string() })
 *     .transform((form, ctx) => {
 *       const amountMinor = parseMoneyOrIssue(ctx, form.amount, form.currency, ['amount']);
 *       return amountMinor === undefined ? z.NEVER : { currency: form.currency, amountMinor };
 *     });
 *
 * The currency arrives as another field, which is why this is a helper over
 * the whole object rather than a schema for one field.
 */
export function parseMoneyOrIssue(
  ctx: Pick<z.RefinementCtx, 'addIssue'>,
  input: string,
  currency: string,
  path: PropertyKey[],
  options?: ParseMoneyOptions,
): number | undefined {
  const result = parseMoney(input, currency, options);
  if (result.ok) return result.minor;
  ctx.addIssue({ code: 'custom', message: result.error, path, input });
  return undefined;
}

/**
 * The one place money is rounded in Ledger Lines: numerator / denominator to
 * the nearest integer, halves away from zero (commercial "half-up", so
 * negating the input negates the result). Exact for any size of input.
 */
function divideRoundingHalfUp(numerator: bigint, denominator: bigint): number {
  if (denominator < 0n) return divideRoundingHalfUp(-numerator, -denominator);
  let quotient = numerator / denominator; // BigInt division truncates toward zero
  const remainder = numerator % denominator;
  const twiceRemainder = remainder < 0n ? -2n * remainder : 2n * remainder;
  if (twiceRemainder >= denominator) quotient += numerator < 0n ? -1n : 1n;
  const result = Number(quotient);
  if (!Number.isSafeInteger(result)) throw new RangeError('Money result is too large to represent exactly');
  return result;
}

/**
 * `bps` basis points of an amount (1409 = 14.09%, 10300 = 103%), rounded
 * half-up to the minor unit: pension on scale, a doubling premium, royalty
 * points, a yearly 3% scale rise. Rounding happens here (via
 * `divideRoundingHalfUp`) and nowhere else, so every percentage in the app
 * rounds the same way.
 */
export function applyBasisPoints(minor: number, bps: number): number {
  assertMinor(minor);
  if (!Number.isSafeInteger(bps)) throw new RangeError(`Basis points must be an integer, got ${bps}`);
  return divideRoundingHalfUp(BigInt(minor) * BigInt(bps), 10_000n);
}

const RATE_SHAPE = /^(\d+)(?:\.(\d+))?$/;

/** A positive decimal exchange rate string such as "1.2710" or "157". */
export function isRate(rate: string): boolean {
  const parts = RATE_SHAPE.exec(rate);
  return parts !== null && /[1-9]/.test(parts[1] + (parts[2] ?? ''));
}

/**
 * Converts `minor` units of `fromCurrency` at `rate` (1 unit of from = rate
 * units of to, a decimal string as stored in ExchangeRate) into minor units of
 * `toCurrency`, rounded half-up. Exact: the rate is read as an integer over a
 * power of ten, and differing minor digits (USD cents → JPY yen) are powers of
 * ten too, so the whole conversion is one integer division.
 */
export function convertWithRate(minor: number, fromCurrency: string, toCurrency: string, rate: string): number {
  assertMinor(minor);
  if (!isRate(rate)) throw new RangeError(`Exchange rate must be a positive decimal, got ${JSON.stringify(rate)}`);
  const parts = RATE_SHAPE.exec(rate)!;
  const fraction = parts[2] ?? '';
  const rateScaled = BigInt(parts[1] + fraction); // rate × 10^fraction.length
  const numerator = BigInt(minor) * rateScaled * 10n ** BigInt(minorDigits(toCurrency));
  const denominator = 10n ** BigInt(minorDigits(fromCurrency) + fraction.length);
  return divideRoundingHalfUp(numerator, denominator);
}

/** Totals per currency, sorted by code. Amounts in different currencies are never added together. */
export function sumByCurrency(
  rows: readonly { currency: string; amountMinor: number }[],
): { currency: string; amountMinor: number }[] {
  const totals = new Map<string, number>();
  for (const { currency, amountMinor } of rows) {
    assertMinor(amountMinor);
    const total = (totals.get(currency) ?? 0) + amountMinor;
    assertMinor(total);
    totals.set(currency, total);
  }
  return [...totals.keys()]
    .sort()
    .map((currency) => ({ currency, amountMinor: totals.get(currency)! }));
}
