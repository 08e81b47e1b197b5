// Small helpers for the raw SQL that aggregate queries use.

/** LIKE pattern for a search term, with the user's %, _ and \ taken literally (use with ESCAPE '\'). */
export const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** SQLite aggregates may come back as BigInt; our amounts fit in a double exactly. */
export function numbers<T extends Record<string, unknown>>(row: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) out[k] = typeof v === 'bigint' ? Number(v) : v;
  return out as T;
}
