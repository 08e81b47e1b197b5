import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayIn } from '../../src/lib/dates.ts';
import { csrfFrom, signUp, submitForm, testApp, type Agent } from '../support/app.ts';
import { flashText, formFields, importCsv, postMultipart, previewCsv, uploadCsv } from './helpers.ts';

let t: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

async function musician(name = 'Importer') {
  const { agent, email } = await signUp(t.app, name);
  const user = await t.prisma.user.findUniqueOrThrow({ where: { email } });
  return { agent, user };
}

const today = todayIn('UTC');
const nextMonth = addDays(today, 30);
// D/M/YYYY, the way a UK spreadsheet writes it.
const dmy = (iso: string) => {
  const [y, m, d] = iso.split('-');
  return `${Number(d)}/${Number(m)}/${y}`;
};

/** A realistic Google Sheets export: its own header names, D/M/YYYY dates, "$1,250.50" amounts, a quoted note with a comma and a line break. */
const spreadsheet = [
  'Session date,Studio,Artist,Project,Fee,Currency,Type,Notes',
  '03/04/2026,sunset sound,The Weekend Band,Album tracking,"$1,250.50",USD,Studio,"Brought the Rhodes, and the Wurli"',
  '14/03/2026,Capitol Studios,Ana Ruiz,Strings overdub,434.21,,remote,',
  `${dmy(nextMonth)},Abbey Road,The Orchestra,Film score,€800,EUR,Studio session,"Call 10:00
Parking at the back"`,
  '',
].join('\r\n');

describe('the upload step', () => {
  let agent: Agent;
  beforeAll(async () => {
    ({ agent } = await musician());
  });

  it('shows a file input and a paste box', async () => {
    const res = await agent.get('/gigs/import');
    expect(res.status).toBe(200);
    expect(res.text).toContain('enctype="multipart/form-data"');
    expect(res.text).toContain('type="file"');
    expect(res.text).toMatch(/<textarea[^>]*name="csv"/);
  });

  it('guesses the columns from the headers and offers them as choices', async () => {
    const res = await uploadCsv(agent, spreadsheet);
    expect(res.status).toBe(200);
    const fields = formFields(res);
    expect(fields.col_date).toBe('0');
    expect(fields.col_client).toBe('1');
    expect(fields.col_artist).toBe('2');
    expect(fields.col_title).toBe('3');
    expect(fields.col_fee).toBe('4');
    expect(fields.col_currency).toBe('5');
    expect(fields.col_kind).toBe('6');
    expect(fields.col_notes).toBe('7');
    expect(fields.col_status).toBe('');
    // 14/03/2026 can only be day first: pre-selected, and said so.
    expect(fields.dateFormat).toBe('dmy');
    expect(res.text).toContain('can only have the day first');
    expect(fields.defaultCurrency).toBe('USD');
    // The file travels in the form, not in server memory.
    // (as a browser sends a textarea: every line break CRLF)
    expect(fields.csv).toBe(spreadsheet.replace(/\r?\n/g, '\r\n'));
    expect(res.text).toContain('Session date — e.g. 03/04/2026');
  });

  it('leaves the date format unchosen when the dates could be either, and insists on a choice', async () => {
    const csv = 'Date,Client,Fee\n03/04/2026,Sunset,100\n05/06/2026,Sunset,100\n';
    const mapping = await uploadCsv(agent, csv);
    const fields = formFields(mapping);
    expect(fields.dateFormat).toBe('');
    expect(mapping.text).toContain('could be 4 March or 3 April');
    const preview = await postMultipart(agent, '/gigs/import/preview', fields);
    expect(preview.status).toBe(422);
    expect(preview.text).toContain('Choose how your dates are written');
  });

  it('needs a date column', async () => {
    const mapping = await uploadCsv(agent, 'When it was,Client\n2026-01-02,Sunset\n');
    const preview = await postMultipart(agent, '/gigs/import/preview', { ...formFields(mapping), col_date: '' });
    expect(preview.status).toBe(422);
    expect(preview.text).toContain('Choose the column with the dates of your gigs.');
  });

  it('checks the other choices: a currency code, and columns the file has', async () => {
    const mapping = await uploadCsv(agent, 'date,client\n2026-01-02,Sunset\n');
    const res = await postMultipart(agent, '/gigs/import/preview', { ...formFields(mapping), defaultCurrency: 'dollars', col_notes: '7', col_title: 'x' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('Use a three-letter ISO 4217 currency code, like USD or EUR.');
    expect(res.text).toContain('Choose a column from the list.');
    const outOfRange = await postMultipart(agent, '/gigs/import/preview', { ...formFields(mapping), col_notes: '7' });
    expect(outOfRange.status).toBe(422);
    expect(outOfRange.text).toContain('Choose a column from the list.');
  });

  it('accepts pasted text', async () => {
    const res = await uploadCsv(agent, 'date,client,fee\n2026-01-02,Sunset,100\n', 'paste');
    expect(res.status).toBe(200);
    expect(res.text).toContain('1 row and 3 columns');
  });

  it('also takes a small paste as an ordinary (urlencoded) form', async () => {
    const res = await submitForm(agent, '/gigs/import', '/gigs/import', { csv: 'date,client\n2026-01-02,Sunset\n' });
    expect(res.status).toBe(200);
    expect(res.text).toContain('1 row and 2 columns');
  });

  it('asks for a file or text when given neither', async () => {
    const csrf = csrfFrom(await agent.get('/gigs/import'));
    const res = await postMultipart(agent, '/gigs/import', { _csrf: csrf, csv: '  ' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('Choose a CSV file, or paste the CSV into the box.');
  });

  it('explains a malformed file and keeps pasted text to fix', async () => {
    const res = await uploadCsv(agent, 'date,client,fee\n2026-01-02,Sunset\n', 'paste');
    expect(res.status).toBe(422);
    expect(res.text).toContain('row 2 has 2 cells');
    expect(res.text).toContain('2026-01-02,Sunset');
  });

  it('refuses a file over 1 MB with a message', async () => {
    const row = '2026-01-02,Sunset Sound,Album tracking with a long enough title to fill the line,100\n';
    const big = `date,client,title,fee\n${row.repeat(Math.ceil((1024 * 1024) / row.length) + 10)}`;
    const res = await uploadCsv(agent, big);
    expect(res.status).toBe(413);
    expect(res.text).toContain('is more than 1.0 MB, the most we import at once');
    expect(res.text).toContain('Split it into smaller files');
  });

  it('refuses more than 5,000 rows with a message', async () => {
    const res = await uploadCsv(agent, `date,client,fee\n${'2026-01-02,S,1\n'.repeat(5001)}`);
    expect(res.status).toBe(413);
    expect(res.text).toContain('more than 5,000 rows');
  });

  it('refuses pasted text over the limit, even when the browser sends it whole', async () => {
    const res = await uploadCsv(agent, `date,client\n${'2026-01-02,Sunset Sound\n'.repeat(120_000)}`, 'paste');
    expect(res.status).toBe(413);
    expect(res.text).toContain('is more than 1.0 MB, the most we import at once');
  });

  it('refuses a request body far over the limit without reading it', async () => {
    const csrf = csrfFrom(await agent.get('/gigs/import'));
    const res = await postMultipart(agent, '/gigs/import', { _csrf: csrf }, { name: 'huge.csv', content: Buffer.alloc(5 * 1024 * 1024, 'a') });
    expect(res.status).toBe(413);
    expect(res.text).toContain('the most we import at once is 1.0 MB');
  });

  it('reads a file that is not UTF-8 as Windows-1252, and says so', async () => {
    const bytes = Buffer.concat([Buffer.from('date,client,fee\n2026-01-02,Caf'), Buffer.from([0xe9]), Buffer.from(' Studio,100\n')]);
    const res = await uploadCsv(agent, bytes);
    expect(res.status).toBe(200);
    expect(res.text).toContain('read as Windows-1252');
    expect(formFields(res).csv).toContain('Café Studio');
  });

  it('escapes the file wherever it is shown, and carries it unchanged', async () => {
    const hostile = 'date,client,notes\n2026-01-02,"</textarea><script>alert(1)</script>","<img src=x onerror=alert(1)>"\n';
    const mapping = await uploadCsv(agent, hostile);
    expect(mapping.status).toBe(200);
    expect(mapping.text).not.toContain('<script>alert(1)');
    expect(mapping.text).not.toContain('<img src=x');
    expect(formFields(mapping).csv).toBe(hostile.replace(/\n/g, '\r\n'));
    const preview = await postMultipart(agent, '/gigs/import/preview', formFields(mapping));
    expect(preview.status).toBe(200);
    expect(preview.text).not.toContain('<script>alert(1)');
    expect(preview.text).toContain('&lt;/textarea&gt;&lt;script&gt;');
  });

  it('refuses an import POST without the CSRF token', async () => {
    const res = await postMultipart(agent, '/gigs/import', { csv: 'date\n2026-01-02\n' });
    expect(res.status).toBe(403);
  });

  it('sends visitors who are not signed in to sign in', async () => {
    const res = await request(t.app).post('/gigs/import').field('csv', 'date\n2026-01-02\n');
    expect(res.status).toBe(403); // no session, so no token: the CSRF check refuses first
    const page = await request(t.app).get('/gigs/import');
    expect(page.status).toBe(303);
    expect(page.headers.location).toBe('/signin?next=%2Fgigs%2Fimport');
  });
});

describe('importing a spreadsheet', () => {
  it('imports every row, matching existing clients by name and creating new ones', async () => {
    const { agent, user } = await musician();
    const sunset = await t.prisma.client.create({ data: { userId: user.id, name: 'Sunset Sound', kind: 'studio' } });

    const { preview, commit } = await importCsv(agent, spreadsheet);
    expect(preview.text).toContain('3</strong> gigs to import');
    expect(preview.text).toContain('$1,250.50');
    expect(commit.status).toBe(303);
    expect(commit.headers.location).toBe('/gigs');
    expect(await flashText(agent)).toBe('3 gigs imported. New clients: Capitol Studios, Abbey Road.');

    const gigs = await t.prisma.gig.findMany({
      where: { userId: user.id },
      include: { client: true, lineItems: true },
      orderBy: { date: 'asc' },
    });
    expect(gigs).toHaveLength(3);
    const [strings, tracking, score] = [gigs.find((g) => g.title === 'Strings overdub')!, gigs.find((g) => g.title === 'Album tracking')!, gigs.find((g) => g.title === 'Film score')!];

    // 03/04/2026 read day first: 3 April.
    expect(tracking.date).toBe('2026-04-03');
    expect(tracking.clientId).toBe(sunset.id);
    expect(tracking.artist).toBe('The Weekend Band');
    expect(tracking.kind).toBe('studio_session');
    expect(tracking.notes).toBe('Brought the Rhodes, and the Wurli');
    expect(tracking.lineItems).toMatchObject([{ kind: 'base_fee', amountMinor: 125050, currency: 'USD', owedToMusician: true }]);
    expect(tracking.importKey).toMatch(/^[0-9a-f]{64}$/);
    expect(tracking.dueDate).toBe(addDays('2026-04-03', user.paymentTermsDays));

    expect(strings.date).toBe('2026-03-14');
    expect(strings.client?.name).toBe('Capitol Studios');
    expect(strings.kind).toBe('remote_session');
    // No currency in the row: the default.
    expect(strings.lineItems).toMatchObject([{ amountMinor: 43421, currency: 'USD' }]);

    expect(score.date).toBe(nextMonth);
    expect(score.status).toBe('booked'); // no status column: future → booked
    expect(score.lineItems).toMatchObject([{ amountMinor: 80000, currency: 'EUR' }]);
    // The line break inside the quoted note survived three round trips through the browser.
    expect(score.notes).toBe('Call 10:00\nParking at the back');
    if (tracking.date < today) expect(tracking.status).toBe('done'); // past → done

    // "sunset sound" matched the existing client; nothing was duplicated.
    expect(await t.prisma.client.count({ where: { userId: user.id } })).toBe(3);
  });

  it('imports its own export into another account, unchanged', async () => {
    const a = await musician('Exporter');
    const b = await musician('Re-importer');
    const csv = [
      'date,start_time,hours,kind,status,title,artist,client,payer,location,instruments,union,b_form,b_form_filed,work_for_hire,currency,agreed,paid,owed,due_date,notes',
      `2026-01-10,10:00,3:00,studio_session,done,Tracking,Ana,Sunset Sound,Big Label,Studio 2,keys,yes,B-4,yes,no,USD,434.21,0.00,434.21,2026-02-09,"'=not a formula"`,
      '2026-02-01,,,lesson,hold,,,,,,,no,,no,yes,,,,,,',
    ].join('\r\n');
    const { commit } = await importCsv(b.agent, csv);
    expect(commit.status).toBe(303);
    const gigs = await t.prisma.gig.findMany({ where: { userId: b.user.id }, include: { client: true, payer: true, lineItems: true }, orderBy: { date: 'asc' } });
    expect(gigs).toHaveLength(2);
    expect(gigs[0]).toMatchObject({
      date: '2026-01-10',
      startTime: '10:00',
      durationMinutes: 180,
      status: 'done',
      union: true,
      bFormType: 'B-4',
      bFormFiled: true,
      workForHire: false,
      dueDate: '2026-02-09',
      location: 'Studio 2',
      instruments: 'keys',
      notes: '=not a formula',
    });
    expect(gigs[0].client?.name).toBe('Sunset Sound');
    expect(gigs[0].payer?.name).toBe('Big Label');
    expect(gigs[0].lineItems).toMatchObject([{ amountMinor: 43421, currency: 'USD' }]);
    expect(gigs[1]).toMatchObject({ kind: 'lesson', status: 'hold', clientId: null, workForHire: true });
    expect(await t.prisma.gig.count({ where: { userId: a.user.id } })).toBe(0);
  });

  it('shows every row’s problems and writes NOTHING when one row is bad', async () => {
    const { agent, user } = await musician();
    const csv = [
      'Date,Client,Fee,Currency,Status',
      '2026-01-05,Good Studio,100,USD,done',
      '2026-02-30,New Client Co,200,USD,done',
      '2026-01-07,,abc,USD,booked',
      '2026-01-08,Another New One,xyz,EUR,maybe',
      '2026-01-09,Good Studio,$50,EUR,done',
    ].join('\n');
    const preview = await previewCsv(agent, csv);
    expect(preview.status).toBe(200);
    expect(preview.text).toContain('4</strong> with problems');
    expect(preview.text).toContain('Row 3</a>: Date: “2026-02-30” is not a real date.');
    expect(preview.text).toContain('Row 4</a>: Client (who booked it): Missing: every gig except a hold needs one. Fee: Enter an amount like 1,250.50.');
    // Every problem of a row at once, not one per attempt.
    expect(preview.text).toContain('Row 5</a>: Fee: Enter an amount like 1,250.50. Status: “maybe” is not a status we know');
    expect(preview.text).toContain('Row 6</a>: Fee: This amount is in EUR, not “$”.');
    expect(preview.text).not.toMatch(/<button[^>]*>Import \d/);

    // Committing anyway (a crafted or stale form) is refused as a whole.
    const commit = await postMultipart(agent, '/gigs/import/commit', formFields(preview));
    expect(commit.status).toBe(422);
    expect(commit.text).toContain('Nothing was imported: 4 rows have problems.');
    expect(commit.text).toContain('Row 3</a>');
    expect(await t.prisma.gig.count({ where: { userId: user.id } })).toBe(0);
    expect(await t.prisma.client.count({ where: { userId: user.id } })).toBe(0);
    expect(await t.prisma.lineItem.count({ where: { userId: user.id } })).toBe(0);
  });

  it('refuses “done” for a gig in the future, as the gig form does', async () => {
    const { agent } = await musician();
    const preview = await previewCsv(agent, `date,client,status\n${nextMonth},Sunset,done\n`);
    expect(preview.text).toContain('This gig is in the future, so it can’t be done yet.');
  });

  it('adds nothing when the same file is imported twice', async () => {
    const { agent, user } = await musician();
    const first = await importCsv(agent, spreadsheet);
    expect(first.commit.status).toBe(303);
    await flashText(agent);
    expect(await t.prisma.gig.count({ where: { userId: user.id } })).toBe(3);

    const again = await previewCsv(agent, spreadsheet);
    expect(again.text).toContain('3</strong> already imported (skipped)');
    expect(again.text).toContain('there is nothing new to import');
    const second = await postMultipart(agent, '/gigs/import/commit', formFields(again));
    expect(second.status).toBe(303);
    expect(await flashText(agent)).toBe('Nothing new to import: all 3 gigs were already there.');
    expect(await t.prisma.gig.count({ where: { userId: user.id } })).toBe(3);
    expect(await t.prisma.client.count({ where: { userId: user.id } })).toBe(3);

    // The same data spelled differently ("1250.5" for "$1,250.50", ISO dates) is still the same gig;
    // a new row in the file is the only one added.
    const respelled = [
      'Session date,Studio,Artist,Project,Fee,Currency,Type,Notes',
      '2026-04-03,Sunset Sound,The Weekend Band,Album tracking,1250.5,USD,studio_session,"Brought the Rhodes, and the Wurli"',
      '2026-05-01,Sunset Sound,The Weekend Band,Mixing notes,100,USD,Studio,',
    ].join('\n');
    const third = await importCsv(agent, respelled, { dateFormat: 'dmy' });
    expect(third.commit.status).toBe(303);
    expect(await flashText(agent)).toBe('1 gig imported, 1 already there.');
    expect(await t.prisma.gig.count({ where: { userId: user.id } })).toBe(4);
  });

  it('imports two identical rows as two gigs, once', async () => {
    const { agent, user } = await musician();
    const csv = 'date,client,fee\n2026-01-02,Sunset,100\n2026-01-02,Sunset,100\n';
    expect((await importCsv(agent, csv)).commit.status).toBe(303);
    expect((await importCsv(agent, csv)).commit.status).toBe(303);
    expect(await t.prisma.gig.count({ where: { userId: user.id } })).toBe(2);
  });

  it('keeps the column choices when going back from the preview', async () => {
    const { agent } = await musician();
    const preview = await previewCsv(agent, spreadsheet, { col_notes: '', col_location: '7' });
    const back = await postMultipart(agent, '/gigs/import', formFields(preview));
    expect(back.status).toBe(200);
    const fields = formFields(back);
    expect(fields.col_notes).toBe('');
    expect(fields.col_location).toBe('7');
    expect(fields.csv).toBe(spreadsheet.replace(/\r?\n/g, '\r\n'));
  });

  it('reads semicolon-separated files (Excel in much of Europe)', async () => {
    const { agent, user } = await musician();
    const csv = 'Datum;Client;Fee;Currency\n14.03.2026;Studio Nord;"1,250.50";EUR\n';
    const { commit } = await importCsv(agent, csv);
    expect(commit.status).toBe(303);
    const gig = await t.prisma.gig.findFirstOrThrow({ where: { userId: user.id }, include: { lineItems: true } });
    expect(gig.date).toBe('2026-03-14');
    expect(gig.lineItems[0]).toMatchObject({ amountMinor: 125050, currency: 'EUR' });
  });

  it('never touches another musician’s clients', async () => {
    const other = await musician('Other');
    await t.prisma.client.create({ data: { userId: other.user.id, name: 'Shared Name Studio' } });
    const csv = 'date,client,fee\n2026-01-02,Shared Name Studio,100\n';
    expect((await importCsv(other.agent, csv)).commit.status).toBe(303);
    // The same file in another account: its fingerprints are per musician, so nothing counts as "already there".
    const { agent, user } = await musician();
    const { preview, commit } = await importCsv(agent, csv);
    expect(preview.text).toContain('1</strong> gig to import');
    expect(commit.status).toBe(303);
    const gig = await t.prisma.gig.findFirstOrThrow({ where: { userId: user.id }, include: { client: true } });
    expect(gig.client?.userId).toBe(user.id);
    expect(await t.prisma.client.count({ where: { userId: other.user.id } })).toBe(1);
  });
});
