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

export class ReadCache {
  private readonly entries = new Map<string, { version: string; value: unknown }>();
  private lastVersion: string | null = null;

  /** `version` returns null when the database cannot say (not connected yet): nothing is cached then. */
  constructor(
    private readonly version: ChangeVersion,
    private readonly maxEntries = 500,
  ) {}

  async get<T>(key: string, load: () => Promise<T>): Promise<T> {
    const version = this.version();
    if (version === null) return load();
    if (version !== this.lastVersion) {
      // Everything cached belongs to an older version of the data.
      this.entries.clear();
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
    this.entries.set(key, { version, value });
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    return value;
  }

  /** Forgets one entry now (e.g. a session that was just signed out). */
  forget(key: string) {
    this.entries.delete(key);
  }

  get size() {
    return this.entries.size;
  }
}
