// Multipart form bodies for the gigs import, read BEFORE the CSRF check.
//
// Why this is an app-level middleware (mounted in src/app.ts just before
// csrfProtection) and not part of the transfer router:
// - The import's forms are multipart/form-data: the first one has a file
//   input, and all of them carry the CSV (up to 1 MB) in a field, which
//   would not fit the app's 100 kB limit for urlencoded bodies (and would
//   grow up to threefold with percent-encoding).
// - The CSRF check reads the token from `req.body._csrf`; for a multipart
//   request the body is only there once something has parsed it, so the
//   parsing has to happen before the check, or every import POST is refused.
//
// Only POSTs to the import paths by a signed-in musician are parsed; every
// other request passes straight through. Nothing here trusts the content:
// the CSRF check still runs next, and the route validates every value.
import busboy from 'busboy';
import type { NextFunction, Request, Response } from 'express';
import { formatBytes, IMPORT_PATHS, MAX_IMPORT_BYTES } from './limits.ts';

/** Largest request body read at all. Beyond it the request is refused unread. */
export const MAX_BODY_BYTES = 4 * 1024 * 1024;
/**
 * Largest field or file kept. Above MAX_IMPORT_BYTES on purpose: a browser
 * sends the line breaks of a textarea as CRLF, so a 1 MB file with LF line
 * endings comes back a little bigger from the next step's hidden field. The
 * import limit itself is checked by the route, on the text.
 */
export const MAX_PART_BYTES = 2 * 1024 * 1024;

export type ImportUpload = {
  /** The file chosen in the upload form's file input, if any. */
  file: { name: string; bytes: Buffer } | null;
  /** A part was cut off or dropped: the request was larger than we read. */
  truncated: boolean;
};

declare global {
  namespace Express {
    interface Request {
      /** Set on multipart POSTs to the import paths (src/transfer/uploads.ts). */
      importUpload?: ImportUpload;
    }
  }
}

export function importUploads() {
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'POST' || !IMPORT_PATHS.has(req.path) || !req.user || !req.is('multipart/form-data')) return next();

    const declared = Number(req.get('content-length'));
    if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) {
      // Not worth reading: answer now and close the connection instead of draining megabytes.
      res.set('Connection', 'close');
      void res
        .page(
          'transfer/upload',
          {
            title: 'Import gigs',
            values: {},
            errors: { _form: `That is ${formatBytes(declared)}; the most we import at once is ${formatBytes(MAX_IMPORT_BYTES)} (about 5,000 gigs). Split the file into smaller ones, one per year for example.` },
          },
          413,
        )
        .catch(next);
      return;
    }

    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        defParamCharset: 'utf8', // file names as browsers send them
        limits: { fieldSize: MAX_PART_BYTES, fileSize: MAX_PART_BYTES, fields: 60, files: 1, parts: 62 },
      });
    } catch {
      return next(Object.assign(new Error('Malformed multipart body'), { status: 400, type: 'entity.parse.failed' }));
    }

    // No prototype: a field named "__proto__" is just a field.
    const body: Record<string, string | string[]> = Object.create(null);
    const upload: ImportUpload = { file: null, truncated: false };
    let received = 0;
    let finished = false;
    const finish = (err?: unknown) => {
      if (finished) return;
      finished = true;
      req.body = body;
      req.importUpload = upload;
      next(err);
    };

    parser.on('field', (name, value, info) => {
      if (info.nameTruncated || info.valueTruncated) upload.truncated = true;
      const existing = body[name];
      body[name] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
    });
    parser.on('file', (name, stream, info) => {
      if (name !== 'file') {
        stream.resume();
        return;
      }
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('limit', () => {
        upload.truncated = true;
      });
      stream.on('end', () => {
        const bytes = Buffer.concat(chunks);
        // A file input left empty still sends a part: no name, no bytes.
        upload.file = info.filename || bytes.length ? { name: info.filename ?? '', bytes } : null;
      });
    });
    for (const event of ['partsLimit', 'filesLimit', 'fieldsLimit'] as const) {
      parser.on(event, () => {
        upload.truncated = true;
      });
    }
    parser.on('close', () => finish());
    parser.on('error', () => {
      req.unpipe(parser);
      req.resume();
      finish(Object.assign(new Error('Malformed multipart body'), { status: 400, type: 'entity.parse.failed' }));
    });

    // A body without a Content-Length (chunked) is counted as it arrives.
    req.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > MAX_BODY_BYTES && !finished) {
        upload.truncated = true;
        req.unpipe(parser);
        req.resume();
        req.once('end', () => finish());
      }
    });
    req.pipe(parser);
  };
}
