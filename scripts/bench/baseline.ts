// The baseline for the benchmark: a plain Express route sending a static page
// of the same size as the app's dashboard. What the app costs beyond this is
// our code: sessions, queries, templates.
import express from 'express';

const size = Number(process.env.BASELINE_BYTES ?? 20_000);
const row = '<tr><td>2026-11-26</td><td>Session</td><td>Client</td><td>$1,234.56</td></tr>\n';
const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Baseline</title></head><body><main><table>${row.repeat(Math.ceil(size / row.length))}</table></main></body></html>`.slice(0, size);

const app = express();
app.get('/', (_req, res) => {
  res.type('html').send(page);
});
const server = app.listen(0, '127.0.0.1', () => {
  const address = server.address();
  console.log(`baseline listening on ${typeof address === 'object' && address ? address.port : ''}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
