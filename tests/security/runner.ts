// Makes one matrix call as one role, the way that role's client would: browsers with their session cookie and a
// fresh CSRF token on every state-changing form, API clients and kiosk devices with a bearer token.
import request from 'supertest';
import { makeUser } from '../helpers/context.js';
import { csrfFrom } from '../helpers/csrf.js';
import { signedIn, type Fixture, type Role, type UserRole } from './fixture.js';
import type { Call, Expected } from './route-matrix.js';

const isUser = (role: Role): role is UserRole => role !== 'anonymous' && role !== 'kiosk';

/** A CSRF token of the agent's session: from the home page's sign-out form, or the sign-in form. */
export async function csrfTokenOf(agent: request.Agent, signedInAgent: boolean): Promise<string> {
  const page = await agent.get(signedInAgent ? '/' : '/login');
  return csrfFrom(page.text);
}

export async function perform(
  f: Fixture,
  role: Role,
  method: string,
  call: Call,
  opts: { csrf?: boolean } = {},
): Promise<request.Response> {
  const isApi = call.path.startsWith('/api/') || call.path.startsWith('/odata/');
  const browser = isUser(role) && !isApi;
  const agent = browser
    ? call.freshSession
      ? await signedIn(f.env, f.users[role])
      : f.agents[role]
    : request.agent(f.env.app);
  const needsCsrf = !isApi && method !== 'GET' && (opts.csrf ?? true);
  const token = needsCsrf ? await csrfTokenOf(agent, browser) : null;
  let req = method === 'GET' ? agent.get(call.path) : method === 'PUT' ? agent.put(call.path) : agent.post(call.path);
  if (isApi && isUser(role)) {
    const bearer = call.freshAccount ? await tokenOfNewAccount(f, role) : f.tokens[role];
    req = req.set('Authorization', `Bearer ${bearer}`);
  }
  if (role === 'kiosk') req = req.set('Authorization', `Bearer ${f.deviceToken}`);
  if (token) req = req.set('x-csrf-token', token);
  if (call.file) {
    for (const [k, v] of Object.entries(call.file.fields ?? {})) req = req.field(k, v);
    return req.attach(
      'file',
      typeof call.file.content === 'string' ? Buffer.from(call.file.content, 'utf8') : call.file.content,
      { filename: call.file.filename },
    );
  }
  if (call.form) return req.type('form').send(call.form);
  if (call.json) return req.send(call.json);
  return req;
}

/** A token of a new account with the role, for calls that end every token of their account. */
async function tokenOfNewAccount(f: Fixture, role: UserRole): Promise<string> {
  const u = await makeUser(f.env.ctx, role);
  const res = await request(f.env.app).post('/api/v1/auth/token').send({ username: u.username, password: u.password });
  return res.body.token as string;
}

/** The observed outcome in the matrix's terms: a 303 to the sign-in page is 'to-login'. */
export function outcome(res: request.Response): Expected {
  const location = String(res.headers['location'] ?? '');
  return res.status === 303 && location.startsWith('/login?next=') ? 'to-login' : res.status;
}
