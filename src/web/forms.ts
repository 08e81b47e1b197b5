// Turning a submitted form into typed data or a field → message map.
//
// Every form page is rendered with `values` (what the user typed, untouched)
// and `errors` (one message per field), so a rejected form comes back exactly
// as it was sent with the messages beside the fields.
import type { z } from 'zod';

export type FieldErrors = Record<string, string>;
export type FormValues = Record<string, unknown>;
export type FormResult<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors; values: FormValues };

export function parseForm<S extends z.ZodType>(schema: S, body: unknown): FormResult<z.output<S>> {
  const values: FormValues = body && typeof body === 'object' ? { ...(body as FormValues) } : {};
  delete values._csrf;
  const parsed = schema.safeParse(values);
  if (parsed.success) return { ok: true, data: parsed.data };
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path.length ? issue.path.join('.') : '_form';
    errors[field] ??= issue.message;
  }
  return { ok: false, errors, values };
}

/** Strings only: a form field posted twice (`a=1&a=2`) or as an object is refused, not coerced. */
export function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
