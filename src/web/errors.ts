// One error type for failures a user should see, with a stable code; the
// error handler (src/web/error-handler.ts) turns it into a page or JSON.

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export const notFound = (what = 'page') =>
  new HttpError(404, 'not_found', `We couldn't find that ${what}.`);

/** Throws a 404 when a scoped look-up found nothing (another musician's id, or a deleted row). */
export function found<T>(row: T | null | undefined, what?: string): T {
  if (row == null) throw notFound(what);
  return row;
}
