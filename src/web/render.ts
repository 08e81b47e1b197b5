// Pages are rendered in two steps: the page's own view, then the shared
// layout around it (EJS has no layout blocks).
import type { NextFunction, Request, Response } from 'express';
import type { ReadCache } from '../db/read-cache.ts';

declare global {
  namespace Express {
    interface Response {
      /**
       * Renders `views/<view>.ejs` inside `views/layouts/main.ejs`. `locals.title` names the page.
       * `{ html }` instead of a view name puts an already rendered body (see renderView) in the layout.
       */
      page(view: string | { html: string }, locals: { title: string } & Record<string, unknown>, status?: number): Promise<void>;
      /** Renders `views/<view>.ejs` alone, with the response's locals, to a string. */
      renderView(view: string, locals: Record<string, unknown>): Promise<string>;
    }
  }
}

function renderView(res: Response, view: string, locals: Record<string, unknown>): Promise<string> {
  return new Promise((resolve, reject) =>
    res.render(view, locals, (err, html) => (err ? reject(err) : resolve(html))),
  );
}

export function pageRenderer() {
  return (_req: Request, res: Response, next: NextFunction) => {
    res.renderView = (view, locals) => renderView(res, view, locals);
    res.page = async (view, locals, status = 200) => {
      const body = typeof view === 'string' ? await renderView(res, view, locals) : view.html;
      const html = await renderView(res, 'layouts/main', { ...locals, body });
      res.status(status).type('html').send(html);
    };
    next();
  };
}

/**
 * The body of a page (`view` rendered with `load()`'s locals), rendered once
 * and then reused until the next write to the database (src/db/read-cache.ts).
 * `key` must name everything the body depends on besides the data: the
 * musician, the day, the URL. The layout around it — navigation, messages,
 * the CSRF token — is still rendered per request; a body with a CSRF token in
 * it would show one session's token to another, so it is refused.
 */
/**
 * The usual `key` for cachedBody: the signed-in musician, the day the page
 * was computed for (pass the very `today` the loader uses, so a page made just
 * before midnight is never filed under the next day) and the URL with its query.
 */
export function pageKey(req: Request, today: string): string {
  const user = req.user;
  if (!user) throw new Error('pageKey needs a signed-in musician');
  return `${user.id}:${today}:${req.originalUrl}`;
}

export function cachedBody(res: Response, reads: ReadCache, key: string, view: string, load: () => Promise<Record<string, unknown>>): Promise<string> {
  return reads.get(`body:${view}:${key}`, async () => {
    const html = await res.renderView(view, await load());
    const token = res.locals.csrfToken as string | undefined;
    if (token && html.includes(token)) throw new Error(`views/${view}.ejs has a form with a CSRF token: its body cannot be cached`);
    return html;
  });
}
