// Fixed-window attempt counter kept in memory. One process serves one
// musician's install, so memory is the right place: no table to clean up,
// and a restart forgetting counts is harmless.

export class AttemptLimiter {
  private windows = new Map<string, { count: number; resetAt: number }>();

  constructor(
    readonly maxAttempts: number,
    readonly windowMs: number,
    private now: () => number = Date.now,
  ) {}

  /** Counts an attempt; returns how many seconds to wait when over the limit, else 0. */
  hit(key: string): number {
    const now = this.now();
    this.prune(now);
    const window = this.windows.get(key);
    if (!window || window.resetAt <= now) {
      this.windows.set(key, { count: 1, resetAt: now + this.windowMs });
      return 0;
    }
    window.count += 1;
    return window.count > this.maxAttempts ? Math.ceil((window.resetAt - now) / 1000) : 0;
  }

  reset(key: string) {
    this.windows.delete(key);
  }

  private prune(now: number) {
    if (this.windows.size < 10_000) return;
    for (const [key, window] of this.windows) if (window.resetAt <= now) this.windows.delete(key);
  }
}
