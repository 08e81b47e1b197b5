// A test app behind one listening server: every request then names the same
// Host, which the outreach link checks compare with (supertest given an app
// starts a new server, on a new port, for each request).
import type { Server } from 'node:http';
import { testApp } from '../support/app.ts';

export async function listeningApp() {
  const t = await testApp();
  const server: Server = t.app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const address = server.address();
  const host = typeof address === 'object' && address ? `127.0.0.1:${address.port}` : '';
  return {
    ...t,
    server,
    host,
    /** What signUpWithId and signUp take: requests go to the listening server. */
    site: { app: server, prisma: t.prisma },
    close: async () => {
      await new Promise((resolve) => server.close(resolve));
      await t.close();
    },
  };
}
