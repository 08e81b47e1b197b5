// A signed-in musician talking to a real server over HTTP with fetch (for
// tests that need a real process: crashes, backups, restarts).

export type HttpSession = {
  cookie: string;
  csrf: string;
  post(path: string, form: Record<string, string>): Promise<Response>;
  get(path: string): Promise<Response>;
};

function cookiesFrom(res: Response, jar: Map<string, string>) {
  for (const c of res.headers.getSetCookie()) {
    const [pair] = c.split(';');
    const [name, value] = pair.split('=');
    if (value === '') jar.delete(name);
    else jar.set(name, value);
  }
}

export async function signUpOverHttp(base: string, who = { name: 'Load Tester', email: `load-${Date.now()}-${Math.random().toString(36).slice(2)}@example.test`, password: 'a long enough password' }) {
  const jar = new Map<string, string>();
  const header = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const get = async (path: string) => {
    const res = await fetch(base + path, { headers: { cookie: header() }, redirect: 'manual' });
    cookiesFrom(res, jar);
    return res;
  };
  const tokenOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
  let csrf = tokenOf(await (await get('/signup')).text());
  const post = async (path: string, form: Record<string, string>) => {
    const res = await fetch(base + path, {
      method: 'POST',
      headers: { cookie: header(), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ ...form, _csrf: csrf }),
      redirect: 'manual',
    });
    cookiesFrom(res, jar);
    return res;
  };
  const created = await post('/signup', who);
  if (created.status !== 303) throw new Error(`sign-up failed with ${created.status}`);
  // The session token (and so the CSRF token) changed at sign-up.
  csrf = tokenOf(await (await get('/settings')).text());
  const session: HttpSession = { get cookie() { return header(); }, csrf, post, get };
  return { ...who, session };
}
