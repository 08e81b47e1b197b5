import { describe, expect, it } from 'vitest';
import {
  checkIsrc,
  checkIswc,
  formatIsrc,
  formatIswc,
  isValidIsrc,
  isValidIswc,
  iswcCheckDigit,
  normalizeIsrc,
  normalizeIswc,
} from '../../src/lib/identifiers.ts';

describe('ISRC', () => {
  it.each([
    ['USRC17607839', 'USRC17607839'],
    ['US-RC1-76-07839', 'USRC17607839'],
    ['us-rc1-76-07839', 'USRC17607839'],
    ['  US RC1 76 07839 ', 'USRC17607839'],
    ['US.RC1.76.07839', 'USRC17607839'],
    ['US\u2013RC1\u201376\u201307839', 'USRC17607839'], // en dashes from a word processor
    ['ISRC USRC17607839', 'USRC17607839'],
    ['ISRC: US-RC1-76-07839', 'USRC17607839'],
    ['isrc:usrc17607839', 'USRC17607839'],
    ['ISRCUSRC17607839', 'USRC17607839'],
    // Iceland (IS) with a registrant starting RC: the code itself starts "ISRC".
    ['ISRCA2300001', 'ISRCA2300001'],
    ['IS-RCA-23-00001', 'ISRCA2300001'],
  ])('normalizes %j → %s', (input, expected) => {
    expect(normalizeIsrc(input)).toBe(expected);
  });

  it('validates the shape: 2 letters, 3 letters/digits, 7 digits', () => {
    expect(isValidIsrc('USRC17607839')).toBe(true);
    expect(isValidIsrc('GBAYE0601498')).toBe(true);
    expect(isValidIsrc('GB1230601498')).toBe(true); // registrant may be digits
    expect(isValidIsrc('usrc17607839')).toBe(false); // only normalised input
    expect(isValidIsrc('US-RC1-76-07839')).toBe(false);
    expect(isValidIsrc('U1RC17607839')).toBe(false);
    expect(isValidIsrc('USRC1760783A')).toBe(false);
    expect(isValidIsrc('USRC1760783')).toBe(false);
    expect(isValidIsrc('USRC176078390')).toBe(false);
    expect(isValidIsrc('')).toBe(false);
  });

  it('formats as CC-XXX-YY-NNNNN', () => {
    expect(formatIsrc('USRC17607839')).toBe('US-RC1-76-07839');
    expect(formatIsrc('GBKWM2400012')).toBe('GB-KWM-24-00012');
    expect(formatIsrc('not an isrc')).toBe('not an isrc');
  });

  it('checks and returns the stored form', () => {
    expect(checkIsrc('isrc: us-rc1-76-07839')).toEqual({ ok: true, value: 'USRC17607839' });
  });

  it('suggests the digit 0 for a letter O in the year/designation', () => {
    expect(checkIsrc('USRC1760783O')).toEqual({
      ok: false,
      error:
        'The year and number at the end of an ISRC are digits, but “76-0783O” has the letter O — did you mean the digit 0? That would be US-RC1-76-07830.',
    });
    expect(checkIsrc('US-RC1-7O-07839')).toMatchObject({ ok: false, error: expect.stringContaining('did you mean the digit 0?') });
  });

  it('suggests the digit 1 for a letter I', () => {
    expect(checkIsrc('GB-KWM-24-000I2')).toEqual({
      ok: false,
      error:
        'The year and number at the end of an ISRC are digits, but “24-000I2” has the letter I — did you mean the digit 1? That would be GB-KWM-24-00012.',
    });
  });

  it('suggests a letter for a digit in the country code', () => {
    expect(checkIsrc('G8-KWM-24-00012')).toEqual({
      ok: false,
      error: 'An ISRC starts with a two-letter country code (like US or GB), but “G8” has the digit 8.',
    });
    expect(checkIsrc('1S-RCA-23-00001')).toEqual({
      ok: false,
      error:
        'An ISRC starts with a two-letter country code (like US or GB), but “1S” has the digit 1 — did you mean the letter I? That would be IS-RCA-23-00001.',
    });
  });

  it('accepts O and 0 alike in the registrant, which may be either', () => {
    expect(checkIsrc('US-O01-76-07839')).toEqual({ ok: true, value: 'USO017607839' });
  });

  it('explains wrong length, stray characters and an empty field', () => {
    expect(checkIsrc('')).toEqual({ ok: false, error: 'Enter an ISRC, like US-RC1-76-07839.' });
    expect(checkIsrc('ISRC:')).toEqual({ ok: false, error: 'Enter an ISRC, like US-RC1-76-07839.' });
    expect(checkIsrc('US-RC1-76-0783')).toEqual({
      ok: false,
      error: 'An ISRC has 12 letters and digits; this one has 11. For example US-RC1-76-07839.',
    });
    expect(checkIsrc('US/RC1/76/07839')).toEqual({
      ok: false,
      error: 'An ISRC has only letters and digits: remove “/”. For example US-RC1-76-07839.',
    });
    expect(checkIsrc('USRC1760783X')).toEqual({
      ok: false,
      error: 'The year and number at the end of an ISRC are digits, but “76-0783X” has the letter X.',
    });
  });
});

describe('ISWC', () => {
  it('computes the check digit: S = 1 + Σ i·dᵢ, C = (10 − S mod 10) mod 10', () => {
    expect(iswcCheckDigit('034524680')).toBe(1); // S = 179
    expect(iswcCheckDigit('000000001')).toBe(0); // S = 10
    expect(iswcCheckDigit('000000000')).toBe(9); // S = 1
    expect(() => iswcCheckDigit('12345678')).toThrow(RangeError);
  });

  it.each([
    ['T-034.524.680-1', 'T0345246801'],
    ['t-034.524.680-1', 'T0345246801'],
    ['T0345246801', 'T0345246801'],
    ['T 034 524 680 1', 'T0345246801'],
    ['ISWC: T-000.000.001-0', 'T0000000010'],
    ['iswc T-000.000.001-0', 'T0000000010'],
  ])('normalizes %j → %s', (input, expected) => {
    expect(normalizeIswc(input)).toBe(expected);
  });

  it('validates shape and check digit', () => {
    expect(isValidIswc('T0345246801')).toBe(true);
    expect(isValidIswc('T0000000010')).toBe(true);
    expect(isValidIswc('T0345246802')).toBe(false); // bad check digit
    expect(isValidIswc('T0345246810')).toBe(false); // transposed digits
    expect(isValidIswc('0345246801')).toBe(false);
    expect(isValidIswc('T-034.524.680-1')).toBe(false); // only normalised input
  });

  it('formats as T-123.456.789-C', () => {
    expect(formatIswc('T0345246801')).toBe('T-034.524.680-1');
    expect(formatIswc('T0000000010')).toBe('T-000.000.001-0');
    expect(formatIswc('nonsense')).toBe('nonsense');
  });

  it('checks and returns the stored form', () => {
    expect(checkIswc(' t-034.524.680-1 ')).toEqual({ ok: true, value: 'T0345246801' });
  });

  it('explains what is wrong', () => {
    expect(checkIswc('')).toEqual({ ok: false, error: 'Enter an ISWC, like T-034.524.680-1.' });
    expect(checkIswc('T-034.524.680-2')).toEqual({
      ok: false,
      error: 'The last digit of this ISWC (its check digit) does not match the others. Check the code for a typo.',
    });
    expect(checkIswc('T-O34.524.680-1')).toEqual({
      ok: false,
      error: 'After the T, an ISWC has only digits, but this one has the letter O — did you mean the digit 0? That would be T-034.524.680-1.',
    });
    expect(checkIswc('T-000.000.00I-0')).toMatchObject({ ok: false, error: expect.stringContaining('did you mean the digit 1?') });
    expect(checkIswc('034.524.680-1')).toEqual({ ok: false, error: 'An ISWC starts with the letter T, like T-034.524.680-1.' });
    expect(checkIswc('T-034.524.68-1')).toEqual({
      ok: false,
      error: 'An ISWC is the letter T and ten digits; this one has 9 digits. For example T-034.524.680-1.',
    });
    expect(checkIswc('T-034.524.680-X')).toEqual({
      ok: false,
      error: 'After the T, an ISWC has only digits, but this one has the letter X.',
    });
  });
});
