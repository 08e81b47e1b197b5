// User text that would run as script if a page printed it unescaped, and the check for it.
import { expect } from 'vitest';

export const HOSTILE = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>'];

/** No hostile fragment appears unescaped anywhere in the page. */
export function expectEscaped(html: string) {
  for (const fragment of HOSTILE) expect(html).not.toContain(fragment);
  expect(html).not.toMatch(/<img src=x/);
}
