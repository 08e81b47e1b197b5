// Builds the Express app from its dependencies. Tests call createApp with
// their own database; src/server.ts adds config, migrations and listening.
import ejs from 'ejs';
import express, { type NextFunction, type Request, type Response } from 'express';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { Config } from './config.ts';
import { projectRoot } from './paths.ts';
import type { PrismaClient } from './generated/prisma/client.ts';
import { authRouter } from './auth/routes.ts';
import { settingsRouter } from './settings/routes.ts';
import { homeRouter } from './home/routes.ts';
import { gigsRouter } from './gigs/routes.ts';
import { clientsRouter } from './clients/routes.ts';
import { feesRouter } from './fees/routes.ts';
import { calendarFeedRouter, calendarRouter } from './calendar/routes.ts';
import { transferRouter } from './transfer/routes.ts';
import { moneyRouter } from './money/routes.ts';
import { paymentsRouter } from './payments/routes.ts';
import { invoicesRouter } from './invoices/routes.ts';
import { royaltiesRouter } from './royalties/routes.ts';
import { recordingsRouter } from './recordings/routes.ts';
import { portfolioRouter, publicPortfolioRouter } from './portfolio/routes.ts';
import { outreachRouter } from './outreach/routes.ts';
import { importUploads } from './transfer/uploads.ts';
import { viewHelpers } from './web/view-helpers.ts';
import { securityHeaders } from './web/security.ts';
import { pageRenderer } from './web/render.ts';
import { flashes } from './web/flash.ts';
import { sessions } from './web/session.ts';
import { csrfProtection } from './web/csrf.ts';
import { errorHandler, notFoundHandler } from './web/error-handler.ts';
import { AttemptLimiter } from './web/rate-limit.ts';
import { changeVersionOf } from './db/client.ts';
import { ReadCache } from './db/read-cache.ts';


export type AppConfig = Pick<Config, 'env' | 'sessionSecret' | 'allowSignup' | 'trustProxy' | 'sessionIdleMs' | 'authMaxAttempts'> &
  Partial<Pick<Config, 'publicUrl'>>;

/** What every feature router is built from. */
export type FeatureDeps = { prisma: PrismaClient; config: AppConfig; reads: ReadCache };

export type AppDeps = {
  /** A client made by createPrisma (src/db/client.ts), which can tell when the data changed. */
  prisma: PrismaClient;
  config: AppConfig;
  log?: (err: unknown) => void;
};

/**
 * Files under public/, looked for only when the path's first segment names
 * something there (css/, js/…): a page request costs no file-system look-up.
 */
function publicFiles(dir: string, maxAge: string | number) {
  const entries = new Set(readdirSync(dir));
  const serve = express.static(dir, { maxAge, index: false });
  return (req: Request, res: Response, next: NextFunction) => {
    const first = req.path.split('/', 2)[1];
    return entries.has(first) ? serve(req, res, next) : next();
  };
}

export function createApp({ prisma, config, log = (err) => console.error(err) }: AppDeps) {
  const app = express();
  app.set('trust proxy', config.trustProxy);
  app.set('views', path.join(projectRoot, 'views'));
  app.set('view engine', 'ejs');
  app.set('x-powered-by', false);
  app.set('publicUrl', config.publicUrl ?? null); // read by src/web/site-url.ts
  if (config.env === 'production') app.set('view cache', true);
  // rmWhitespace: the indentation of the templates is not sent (pages ~25% smaller).
  app.engine('ejs', (file, data, done) =>
    ejs.renderFile(file, data as ejs.Data, { rmWhitespace: true, cache: Boolean(app.get('view cache')), views: [app.get('views')] }, done),
  );
  Object.assign(app.locals, viewHelpers);

  app.use(securityHeaders());

  // Health first: no session, no cookies, just "can we read the database".
  app.get('/healthz', async (_req, res) => {
    await prisma.$queryRaw`SELECT 1`;
    res.json({ status: 'ok' });
  });

  app.use(publicFiles(path.join(projectRoot, 'public'), config.env === 'production' ? '1d' : 0));
  // `extended` (qs) reads indexed fields such as items[0][amount] for the fee lines.
  app.use(express.urlencoded({ extended: true, limit: '100kb', parameterLimit: 1000 }));
  app.use(express.json({ limit: '100kb' }));

  app.use(pageRenderer());
  // Values read from the database, kept until the next write (src/db/read-cache.ts).
  // Anonymous visitors' pages (the public portfolio) get a cache of their own,
  // so that nobody outside can push the musicians' entries out.
  const changeVersion = changeVersionOf(prisma);
  const reads = new ReadCache(changeVersion);
  const publicReads = new ReadCache(changeVersion, { maxEntries: 200, maxChars: 1_000_000 });
  const deps: FeatureDeps = { prisma, config, reads };
  // Routes for machines that hold a secret URL instead of a session (calendar
  // apps): before flash and session handling, so they never touch cookies.
  app.use(calendarFeedRouter(deps));
  app.use(publicPortfolioRouter({ ...deps, reads: publicReads })); // the public portfolio /p/<slug>: no session, no cookies
  app.use(flashes(config.sessionSecret));

  app.use(sessions({ prisma, secret: config.sessionSecret, idleMs: config.sessionIdleMs, reads }));
  app.use((req, res, next) => {
    res.locals.currentUser = req.user;
    res.locals.currentPath = req.path;
    res.locals.csrfToken = req.csrfToken;
    next();
  });
  // The CSV import's multipart forms are read here, so the CSRF check below can see their token.
  app.use(importUploads());
  app.use(csrfProtection());

  // Sign-in and sign-up share limits: AUTH_MAX_ATTEMPTS (10) tries per 15 minutes per address and per email.
  const limits = {
    byIp: new AttemptLimiter(config.authMaxAttempts, 15 * 60 * 1000),
    byEmail: new AttemptLimiter(config.authMaxAttempts, 15 * 60 * 1000),
  };
  app.use(authRouter({ prisma, config, limits }));
  app.use(homeRouter(deps));
  // Feature routers; order matters only where paths overlap (none do).
  app.use(transferRouter(deps)); // before gigs: /gigs/export.csv and /gigs/import are its paths
  app.use(gigsRouter(deps));
  app.use(clientsRouter(deps));
  app.use(calendarRouter(deps));
  app.use(feesRouter(deps));
  app.use(moneyRouter(deps));
  app.use(paymentsRouter(deps));
  app.use(invoicesRouter(deps));
  app.use(royaltiesRouter(deps));
  app.use(recordingsRouter(deps));
  app.use(portfolioRouter(deps));
  app.use(outreachRouter(deps));
  app.use(settingsRouter({ prisma, config }));

  app.use(notFoundHandler());
  app.use(errorHandler({ showStack: config.env === 'development', log }));
  return app;
}
