// Pages are rendered in two steps: the page's own view, then the shared
// layout around it (EJS has no layout blocks).
import type { NextFunction, Request, Response } from 'express';

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
