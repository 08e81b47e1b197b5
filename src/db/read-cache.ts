// A cache of values read from the database, valid until the database changes.
//
// Pages are read far more often than a musician writes (the dashboard is
// opened many times a day; a gig is logged once). Values computed from the
// database — the signed-in user of a session, the dashboard's figures — are
// kept here and served again until *anything* is written: every entry
// carries the database's change version (src/db/client.ts), and an entry from
// an older version is never returned. Invalidation is therefore automatic and
// coarse: no feature has to remember to clear anything, at the cost of
// recomputing after each write, which is what the page would have done anyway.
//
// The version is read before the value is computed, so a write that lands
// while it is being computed makes the stored entry stale at once.

export type ChangeVersion = () => string | null;

export type ReadCacheLimits = {
  /** Most values kept. */
  maxEntries?: number;
  /** Most characters kept: keys plus text values (rendered pages); other values count as SMALL_VALUE_SIZE. */
  maxChars?: number;
};

/** What a value that is not text is assumed to weigh, in characters (a session, a few figures). */
const SMALL_VALUE_SIZE = 256;
const sizeOf = (value: unknown) => (typeof value === 'string' ? value.length : SMALL_VALUE_SIZE);

export class ReadCache {
  private readonly entries = new Map<string, { version: string; value: unknown; size: number }>();
  private lastVersion: string | null = null;
  private chars = 0;
  private readonly maxEntries: number;
  private readonly maxChars: number;

  /** `version` returns null when the database cannot say (not connected yet): nothing is cached then. */
  constructor(
    private readonly version: ChangeVersion,
    { maxEntries = 1000, maxChars = 4_000_000 }: ReadCacheLimits = {},
  ) {
    this.maxEntries = maxEntries;
    this.maxChars = maxChars;
  }

  /** `keep` decides whether a loaded value is kept (e.g. not "no such session": anyone can make up those). */
  async get<T>(key: string, load: () => Promise<T>, keep: (value: T) => boolean = () => true): Promise<T> {
    const version = this.version();
    if (version === null) return load();
    if (version !== this.lastVersion) {
      // Everything cached belongs to an older version of the data.
      this.entries.clear();
      this.chars = 0;
      this.lastVersion = version;
    }
    const hit = this.entries.get(key);
    if (hit && hit.version === version) {
      // Re-insert so the Map's order is least recently used first.
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit.value as T;
    }
    const value = await load();
    if (keep(value)) this.set(key, { version, value, size: key.length + sizeOf(value) });
    return value;
  }

  private set(key: string, entry: { version: string; value: unknown; size: number }) {
    this.forget(key);
    if (entry.size > this.maxChars) return;
    this.entries.set(key, entry);
    this.chars += entry.size;
    for (const [oldest, { size }] of this.entries) {
      if (this.entries.size <= this.maxEntries && this.chars <= this.maxChars) break;
      this.entries.delete(oldest);
      this.chars -= size;
    }
  }

  /** Forgets one entry now. */
  forget(key: string) {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.chars -= entry.size;
  }

  get size() {
    return this.entries.size;
  }
}
