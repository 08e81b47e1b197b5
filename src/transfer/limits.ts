// How much one import may hold, and the paths whose bodies src/transfer/uploads.ts reads.

/** Largest CSV imported at once (its text, as UTF-8, line breaks counted as one byte). */
export const MAX_IMPORT_BYTES = 1024 * 1024;
/** Most gigs imported at once: a preview of more would not be read, and the transaction stays short. */
export const MAX_IMPORT_ROWS = 5000;

export const IMPORT_PATHS: ReadonlySet<string> = new Set(['/gigs/import', '/gigs/import/preview', '/gigs/import/commit']);

/** 1536 → "1.5 KB", 1_400_000 → "1.3 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(bytes < 10 * 1024 ? 1 : 0)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
