// Hostile text typed into a recording is shown as text on every page that shows it.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../support/app.ts';
import { addRecording, signUpWithId } from './helpers.ts';
import { expectEscaped, HOSTILE } from '../support/escaping.ts';

let t: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

describe('recordings and the portfolio escape user text', () => {
  it.each(HOSTILE)('%s', async (hostile) => {
    const { agent, userId, slug } = await signUpWithId(t);
    await t.prisma.user.update({ where: { id: userId }, data: { portfolioPublic: true, bio: hostile, instruments: hostile, name: hostile } });
    const res = await addRecording(agent, {
      title: hostile, artist: hostile, release: hostile, label: hostile, genres: `${hostile.replaceAll(',', ' ')}, soul`, notes: hostile, isPublic: 'on',
      'credits[0][instrument]': hostile, 'links[0][url]': `https://example.com/?q=${encodeURIComponent(hostile)}`,
    });
    expect(res.status).toBe(303);
    const id = res.headers.location;
    const pages = [id, `${id}/edit`, `${id}/delete`, '/portfolio', `/portfolio?instrument=${encodeURIComponent(hostile)}`, `/portfolio?artist=${encodeURIComponent(hostile)}`, '/portfolio/credits.md'];
    for (const path of pages) {
      const page = await agent.get(path);
      expect(page.status, path).toBe(200);
      if (!path.endsWith('.md')) expectEscaped(page.text);
    }
    for (const path of [`/p/${slug}`, `/p/${slug}?instrument=${encodeURIComponent(hostile)}`, `/p/${slug}?genre=${encodeURIComponent(hostile)}`]) {
      const page = await request(t.app).get(path);
      expect(page.status, path).toBe(200);
      expectEscaped(page.text);
    }
    const rejected = await addRecording(agent, { title: hostile, isrc: hostile, 'links[0][url]': hostile, notes: hostile });
    expect(rejected.status).toBe(422);
    expectEscaped(rejected.text);
  });
});
