// A locked or full database (attack run, finding 6). Another process holds `BEGIN EXCLUSIVE`: submissions answer
// 503 database_busy with Retry-After once their wait for the lock is over, while static files and /healthz answer
// at once (the request thread never sleeps in SQLite's busy handler), /healthz naming the lock. A database with no
// room answers 503 storage_full, and /healthz says so until a write succeeds again.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokenFor } from '../fixtures/fieldwork.js';
import { onPostgres } from '../helpers/postgres.js';
import { createTestEnv, makeUser, type TestEnv } from '../helpers/context.js';
import { holdWriteLock } from '../helpers/lock-holder.js';

let env: TestEnv;
let token: string;
const dbPath = () => env.ctx.config.databasePath;

const interview = (comment = 'ổn') => ({
  id: randomUUID(),
  survey: 'demo-service',
  surveyVersion: '1',
  assignmentId: null,
  answers: { gender: 2, birth_year: 1980, channels: [1], used_service: 0, comment },
  completedAt: '2026-11-23T07:52:30.000Z',
});
const submit = (body: unknown) =>
  request(env.app)
    .post('/api/v1/responses')
    .set('Authorization', `Bearer ${token}`)
    .send(body as object);
const responses = async () => (await env.ctx.db.selectFrom('responses').select('id').execute()).length;

beforeAll(async () => {
  env = await createTestEnv({ DATABASE_BUSY_WAIT_MS: '600' });
  token = await tokenFor(env.app, await makeUser(env.ctx, 'surveyor'));
});
afterAll(async () => env.close());

describe.skipIf(onPostgres)('another process holds BEGIN EXCLUSIVE (SQLite only)', () => {
  it('submissions answer 503 database_busy with Retry-After; CSS and /healthz answer before them', async () => {
    const before = await responses();
    const { released } = await holdWriteLock(dbPath(), 2500, { mode: 'exclusive' });
    const finished: string[] = [];
    const track = <T>(name: string, p: PromiseLike<T>): Promise<T> =>
      Promise.resolve(p).then((r) => {
        finished.push(name);
        return r;
      });
    const started = Date.now();
    const submission = track('submission', submit(interview()));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const [css, health] = await Promise.all([
      track('css', request(env.app).get('/static/css/app.css')),
      track('healthz', request(env.app).get('/healthz')),
    ]);
    const res = await submission;
    const waited = Date.now() - started;
    await released;

    expect(css.status).toBe(200);
    expect(health.status).toBe(503);
    expect(health.body.error).toMatchObject({
      code: 'database_busy',
      details: [{ field: 'database', message: expect.stringContaining('lock') }],
    });
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe('database_busy');
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(finished.at(-1)).toBe('submission');
    expect(waited).toBeGreaterThanOrEqual(500);
    expect(await responses()).toBe(before);

    // Once the lock is gone, the same submission is stored and /healthz is ok.
    expect((await submit(interview())).status).toBe(201);
    expect((await request(env.app).get('/healthz')).body).toEqual({ status: 'ok' });
  });

  it('a submission that arrives during a short lock waits for it and is stored', async () => {
    const { released } = await holdWriteLock(dbPath(), 200, { key: 'short' });
    const res = await submit(interview());
    await released;
    expect(res.status).toBe(201);
  });
});

describe.skipIf(onPostgres)('a database with no room left (SQLite only: its page limit)', () => {
  it('answers 503 storage_full, never 500, stores nothing half, and /healthz reports it until a write succeeds', async () => {
    await sql`vacuum`.execute(env.ctx.db);
    const [pages] = (await sql<{ page_count: number }>`pragma page_count`.execute(env.ctx.db)).rows;
    await sql.raw(`pragma max_page_count = ${pages?.page_count ?? 0}`).execute(env.ctx.db);
    const before = await responses();
    const statuses: number[] = [];
    let refused: request.Response | null = null;
    for (let i = 0; i < 40 && !refused; i += 1) {
      const res = await submit(interview('đầy '.repeat(240)));
      statuses.push(res.status);
      if (res.status !== 201) refused = res;
    }
    expect(statuses.every((s) => s === 201 || s === 503)).toBe(true);
    expect(refused?.status).toBe(503);
    expect(refused?.body.error.code).toBe('storage_full');
    expect(Number(refused?.headers['retry-after'])).toBeGreaterThan(0);
    expect(await responses()).toBe(before + statuses.filter((s) => s === 201).length);

    const health = await request(env.app).get('/healthz');
    expect(health.status).toBe(503);
    expect(health.body.error).toMatchObject({ code: 'storage_full', details: [{ field: 'database' }] });

    await sql.raw('pragma max_page_count = 1073741823').execute(env.ctx.db);
    expect((await submit(interview())).status).toBe(201);
    expect((await request(env.app).get('/healthz')).status).toBe(200);
  });
});
