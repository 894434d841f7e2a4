// Reads the CSRF token out of a rendered form, the way a browser would submit it.
import type { Agent, Response } from 'supertest';

export function csrfFrom(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match?.[1]) throw new Error('no CSRF token in the page');
  return match[1];
}

export async function loginWithForm(agent: Agent, username: string, password: string): Promise<Response> {
  const page = await agent.get('/login');
  return agent
    .post('/login')
    .type('form')
    .send({ _csrf: csrfFrom(page.text), username, password, next: '/' });
}
