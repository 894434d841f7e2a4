// The database lost while the server runs (PostgreSQL, the engine that lives apart from the app): requests that
// need it answer 503 database_unavailable with Retry-After, /healthz says why, static files still answer, and the
// same process serves again once the database is back. The cluster is this file's own (scripts/pg-throwaway.sh),
// halted as if it crashed. Starting without the database is tests/cli/database-down.test.ts.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../helpers/context.js';
import { onPostgres } from '../helpers/postgres.js';

const script = 'scripts/pg-throwaway.sh';
let dir: string;
let env: TestEnv;

// A cluster of its own needs PostgreSQL's server binaries: present wherever the tests run on PostgreSQL.
describe.skipIf(!onPostgres)('the database lost while running (PostgreSQL)', () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'langnghe-lost-'));
    const url = execFileSync(script, ['start', dir], { encoding: 'utf8' }).trim();
    env = await createTestEnv({ DATABASE_URL: url });
  }, 60_000);
  afterAll(async () => {
    await env?.close().catch(() => undefined);
    execFileSync(script, ['stop', dir]);
  });

  it('answers 503 database_unavailable with Retry-After, reports it on /healthz, and recovers without a restart', async () => {
    expect((await request(env.app).get('/healthz')).status).toBe(200);
    execFileSync(script, ['halt', dir]);

    const health = await request(env.app).get('/healthz');
    expect(health.status).toBe(503);
    expect(health.body.error.code).toBe('database_unavailable');
    expect(health.body.error.details[0].message).toMatch(/no connection/);
    const login = await request(env.app).post('/api/v1/auth/token').send({ username: 'x', password: 'y' });
    expect(login.status).toBe(503);
    expect(login.body.error.code).toBe('database_unavailable');
    expect(login.headers['retry-after']).toBe('5');
    expect((await request(env.app).get('/static/icons/favicon.svg')).status).toBe(200);

    execFileSync(script, ['resume', dir]);
    expect((await request(env.app).get('/healthz')).status).toBe(200);
  }, 60_000);
});
