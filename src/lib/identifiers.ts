// ISRC (a recording) and ISWC (a composition), as musicians actually paste
// them: lower case, with hyphens, dots or spaces, behind an "ISRC:" label,
// and with the letter O typed for the digit 0 (or I for 1). Each code is
// stored normalised (no separators) and shown formatted. `check…` functions
// turn input into the stored form or a sentence saying what to fix.

export type IdentifierCheck = { ok: true; value: string } | { ok: false; error: string };

// Spaces, hyphens and the dashes word processors substitute for them, dots.
const SEPARATORS = /[\s.\-\u2010-\u2015\u2212]/gu;

function describeChar(char: string): string {
  if (/[0-9]/.test(char)) return `the digit ${char}`;
  if (/[A-Z]/.test(char)) return `the letter ${char}`;
  return `“${char}”`;
}

// The look-alikes people actually mistype, both ways.
const DIGIT_FOR_LETTER: Record<string, string> = { O: '0', I: '1' };
const LETTER_FOR_DIGIT: Record<string, string> = { '0': 'O', '1': 'I' };

// ---------------------------------------------------------------------------
// ISRC: CC XXX YY NNNNN — country (letters), registrant (letters/digits),
// year (2 digits), designation (5 digits).

const ISRC_SHAPE = /^[A-Z]{2}[A-Z0-9]{3}[0-9]{7}$/;
const ISRC_EXAMPLE = 'US-RC1-76-07839';

/** "isrc: us-rc1-76-07839" → "USRC17607839". Does not validate. */
export function normalizeIsrc(input: string): string {
  let text = input.normalize('NFKC').trim().toUpperCase();
  // A label followed by a colon or a space ("ISRC: …", "ISRC …") is never part of the code.
  text = text.replace(/^ISRC\s*:\s*|^ISRC\s+/, '');
  const compact = text.replace(SEPARATORS, '');
  // A label glued on ("ISRCUSRC17607839") is recognised by the length: an ISRC
  // has 12 characters, and a real one may itself begin with "ISRC" (Iceland's
  // country code IS, a registrant starting RC), which must be left alone.
  return compact.length === 16 && compact.startsWith('ISRC') ? compact.slice(4) : compact;
}

/** True for a normalised ISRC ("USRC17607839"). */
export function isValidIsrc(normalized: string): boolean {
  return ISRC_SHAPE.test(normalized);
}

/** "USRC17607839" → "US-RC1-76-07839"; anything that is not a valid normalised ISRC is returned unchanged. */
export function formatIsrc(normalized: string): string {
  if (!isValidIsrc(normalized)) return normalized;
  const n = normalized;
  return `${n.slice(0, 2)}-${n.slice(2, 5)}-${n.slice(5, 7)}-${n.slice(7)}`;
}

/** Normalises and validates an ISRC typed or pasted by the musician. */
export function checkIsrc(input: string): IdentifierCheck {
  const value = normalizeIsrc(input);
  if (value === '') return { ok: false, error: `Enter an ISRC, like ${ISRC_EXAMPLE}.` };
  if (isValidIsrc(value)) return { ok: true, value };

  const stray = /[^A-Z0-9]/u.exec(value);
  if (stray) {
    return { ok: false, error: `An ISRC has only letters and digits: remove “${stray[0]}”. For example ${ISRC_EXAMPLE}.` };
  }
  if (value.length !== 12) {
    return {
      ok: false,
      error: `An ISRC has 12 letters and digits; this one has ${value.length}. For example ${ISRC_EXAMPLE}.`,
    };
  }

  // Right length, wrong kind of character somewhere: the country code must be
  // letters and the year + designation digits (the registrant may be either).
  const chars = [...value];
  const countryAt = chars.findIndex((c, i) => i < 2 && !/[A-Z]/.test(c));
  if (countryAt !== -1) {
    const c = chars[countryAt];
    const hint = LETTER_FOR_DIGIT[c] ? ` — did you mean the letter ${LETTER_FOR_DIGIT[c]}?` : '.';
    return {
      ok: false,
      error: `An ISRC starts with a two-letter country code (like US or GB), but “${value.slice(0, 2)}” has ${describeChar(c)}${hint}${suggestion(chars)}`,
    };
  }
  const digitAt = chars.findIndex((c, i) => i >= 5 && !/[0-9]/.test(c));
  const c = chars[digitAt];
  const hint = DIGIT_FOR_LETTER[c] ? ` — did you mean the digit ${DIGIT_FOR_LETTER[c]}?` : '.';
  return {
    ok: false,
    error: `The year and number at the end of an ISRC are digits, but “${value.slice(5, 7)}-${value.slice(7)}” has ${describeChar(c)}${hint}${suggestion(chars)}`,
  };
}

/** " That would be US-RC1-76-07830." when swapping look-alikes yields a valid ISRC. */
function suggestion(chars: string[]): string {
  const fixed = chars
    .map((c, i) => (i < 2 ? (LETTER_FOR_DIGIT[c] ?? c) : i >= 5 ? (DIGIT_FOR_LETTER[c] ?? c) : c))
    .join('');
  return isValidIsrc(fixed) ? ` That would be ${formatIsrc(fixed)}.` : '';
}

// ---------------------------------------------------------------------------
// ISWC: T + 9 digits + check digit, shown T-123.456.789-C.

const ISWC_SHAPE = /^T[0-9]{10}$/;
const ISWC_EXAMPLE = 'T-034.524.680-1';

/** The check digit for the nine digits of an ISWC: S = 1 + Σ i·dᵢ, C = (10 − S mod 10) mod 10. */
export function iswcCheckDigit(nineDigits: string): number {
  if (!/^[0-9]{9}$/.test(nineDigits)) throw new RangeError('An ISWC check digit needs exactly nine digits');
  let sum = 1;
  for (let i = 1; i <= 9; i++) sum += i * Number(nineDigits[i - 1]);
  return (10 - (sum % 10)) % 10;
}

/** "iswc: t-034.524.680-1" → "T0345246801". Does not validate. */
export function normalizeIswc(input: string): string {
  const text = input.normalize('NFKC').trim().toUpperCase();
  // Unlike an ISRC, an ISWC always starts with T, so an "ISWC" label can always go.
  return text.replace(/^ISWC\s*:?\s*/, '').replace(SEPARATORS, '');
}

/** True for a normalised ISWC whose check digit matches ("T0345246801"). */
export function isValidIswc(normalized: string): boolean {
  return ISWC_SHAPE.test(normalized) && iswcCheckDigit(normalized.slice(1, 10)) === Number(normalized[10]);
}

/** "T0345246801" → "T-034.524.680-1"; anything that does not have the shape is returned unchanged. */
export function formatIswc(normalized: string): string {
  if (!ISWC_SHAPE.test(normalized)) return normalized;
  const d = normalized.slice(1);
  return `T-${d.slice(0, 3)}.${d.slice(3, 6)}.${d.slice(6, 9)}-${d[9]}`;
}

/** Normalises and validates an ISWC typed or pasted by the musician. */
export function checkIswc(input: string): IdentifierCheck {
  const value = normalizeIswc(input);
  if (value === '') return { ok: false, error: `Enter an ISWC, like ${ISWC_EXAMPLE}.` };
  if (isValidIswc(value)) return { ok: true, value };

  if (!value.startsWith('T')) {
    return { ok: false, error: `An ISWC starts with the letter T, like ${ISWC_EXAMPLE}.` };
  }
  const digits = [...value.slice(1)];
  const wrongAt = digits.findIndex((c) => !/[0-9]/.test(c));
  if (wrongAt !== -1) {
    const c = digits[wrongAt];
    const hint = DIGIT_FOR_LETTER[c] ? ` — did you mean the digit ${DIGIT_FOR_LETTER[c]}?` : '.';
    const fixed = 'T' + digits.map((d) => DIGIT_FOR_LETTER[d] ?? d).join('');
    const would = isValidIswc(fixed) ? ` That would be ${formatIswc(fixed)}.` : '';
    return {
      ok: false,
      error: `After the T, an ISWC has only digits, but this one has ${describeChar(c)}${hint}${would}`,
    };
  }
  if (digits.length !== 10) {
    return {
      ok: false,
      error: `An ISWC is the letter T and ten digits; this one has ${digits.length} digits. For example ${ISWC_EXAMPLE}.`,
    };
  }
  // Deliberately not revealing the expected digit: the usual cause is a typo
  // elsewhere, and "fixing" the check digit would store a wrong work code.
  return {
    ok: false,
    error: 'The last digit of this ISWC (its check digit) does not match the others. Check the code for a typo.',
  };
}
