// Pages are rendered in two steps: the page's own view, then the shared
// layout around it (EJS has no layout blocks).
import type { NextFunction, Request, Response } from 'express';

declare global {
  namespace Express {
    interface Response {
      /** Renders `views/<view>.ejs` inside `views/layouts/main.ejs`. `locals.title` names the page. */
      page(view: string, locals: { title: string } & Record<string, unknown>, status?: number): Promise<void>;
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
    res.page = async (view, locals, status = 200) => {
      const body = await renderView(res, view, locals);
      const html = await renderView(res, 'layouts/main', { ...locals, body });
      res.status(status).type('html').send(html);
    };
    next();
  };
}
