import type { NextFunction, Request, Response } from 'express';
import { HttpError } from './errors.ts';

/** Prisma's "record to update/delete not found": a scoped write matched nothing. */
const isPrismaNotFound = (err: unknown) =>
  typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 'P2025';

/** body-parser's errors: entity.too.large, entity.parse.failed, … */
function isBodyParserError(err: unknown): err is { status: number; type: string } {
  const e = err as { status?: unknown; type?: unknown } | null;
  return typeof e?.status === 'number' && e.status >= 400 && e.status < 500 && typeof e.type === 'string';
}

export function notFoundHandler() {
  return (_req: Request, _res: Response, next: NextFunction) => next(new HttpError(404, 'not_found', "We couldn't find that page."));
}

export function errorHandler(options: { showStack: boolean; log: (err: unknown) => void }) {
  // Express recognises error handlers by their four parameters.
  return async (err: unknown, req: Request, res: Response, _next: NextFunction) => {
    let status = 500;
    let code = 'internal_error';
    let message = 'Something went wrong on our side. Nothing you typed was saved; please try again.';
    if (err instanceof HttpError) {
      ({ status, code, message } = err);
    } else if (isPrismaNotFound(err)) {
      status = 404;
      code = 'not_found';
      message = "We couldn't find that.";
    } else if (isBodyParserError(err)) {
      status = err.status;
      code = err.type;
      message = status === 413 ? 'That was more than we accept in one request.' : 'That request could not be read.';
    }
    if (status >= 500) options.log(err);
    if (res.headersSent) return;

    if (req.accepts(['html', 'json']) === 'json') {
      res.status(status).json({ error: { code, message } });
      return;
    }
    const stack = options.showStack && status >= 500 && err instanceof Error ? err.stack : undefined;
    try {
      await res.page(status === 404 ? 'errors/404' : 'errors/error', { title: status === 404 ? 'Not found' : 'Error', status, message, stack }, status);
    } catch (renderErr) {
      options.log(renderErr);
      res.status(status).type('text').send(message);
    }
  };
}
