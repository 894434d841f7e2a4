// Uploaded frames and household lists read on worker threads (the server) must give exactly what reading them
// on the request thread gives (tests, commands), errors included (attack run, finding 5: a 50,000-row frame held
// the request thread for 0.4–0.9 s). A worker that cannot start leaves the job to this thread.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDraw, importFrame, papiDefaultPlan } from '../../src/services/sampling/frames-and-draws.js';
import { demoFrameCsv, demoHouseholdCsv } from '../../src/services/demo/province.js';
import {
  inlineUploadReader,
  startUploadWorkers,
  type UploadReader,
} from '../../src/services/sampling/upload-worker.js';
import { compiledUploadWorker, createTestEnv, makeUser, type TestEnv } from '../helpers/context.js';
import { csrfFrom, loginWithForm } from '../helpers/csrf.js';
import { testActor } from '../fixtures/fieldwork.js';

let workers: UploadReader;
const inline = inlineUploadReader();
beforeAll(() => {
  workers = startUploadWorkers({ workerUrl: compiledUploadWorker });
});
afterAll(async () => workers.stop());

const outcome = (p: Promise<unknown>) =>
  p.then(
    (ok) => ({ ok }),
    (err: { code?: string; details?: unknown; meta?: unknown; message: string }) => ({
      code: err.code,
      details: err.details,
      meta: err.meta,
      message: err.message,
    }),
  );

const badFrame = (rows: number) =>
  'level,code,name,parent_code,population,is_seat\nprovince,P1,Tỉnh X,,1000,0\n' +
  Array.from({ length: rows }, (_, i) => `district,D${i},Huyện ${i},P9,-5,1`).join('\n');

describe('upload workers', () => {
  it('read a frame, as bytes or text, exactly as this thread does', async () => {
    const text = demoFrameCsv();
    const bytes = Buffer.from(text, 'utf8');
    const expected = await outcome(inline.frame(text));
    expect(expected).toMatchObject({ ok: { hash: expect.any(String) } });
    expect(await outcome(workers.frame(bytes))).toEqual(expected);
    expect(await outcome(workers.frame(text))).toEqual(expected);
  });

  it('give the same catalogue errors: a bad frame, a file over the row limit, a file that is not UTF-8', async () => {
    const inputs = [
      Buffer.from(badFrame(3000)),
      Buffer.from(badFrame(50_001)),
      Buffer.concat([Buffer.from('level,code\nprovince,T'), Buffer.from([0xec, 0x6e])]),
    ];
    for (const input of inputs) {
      const expected = await outcome(inline.frame(input));
      expect(expected).toHaveProperty('code');
      expect(await outcome(workers.frame(input))).toEqual(expected);
    }
    const bad = (await outcome(workers.frame(Buffer.from(badFrame(3000))))) as { details: { code: string }[] };
    // 100 listed, the count of the rest, and where reading stopped: the first 2,000 rows held enough problems.
    expect(bad.details).toHaveLength(102);
    expect(bad.details.slice(100).map((d) => d.code)).toEqual(['more_errors', 'reading_stopped']);
  });

  it('read a household list against the selected villages, valid or not', async () => {
    const villages = ['V1', 'V2'];
    const good = Buffer.from(demoHouseholdCsv(villages, 10));
    const expected = await outcome(inline.households(good, villages));
    expect(expected).toMatchObject({ ok: { codes: villages, error: null } });
    expect(await outcome(workers.households(good, villages))).toEqual(expected);
    const unselected = await outcome(workers.households(good, ['V1']));
    expect(unselected).toEqual(await outcome(inline.households(good, ['V1'])));
    expect(unselected).toMatchObject({
      ok: { codes: villages, households: null, error: { code: 'invalid_household_list' } },
    });
  });

  it('run several uploads at once, two at a time', async () => {
    const text = demoFrameCsv();
    const results = await Promise.all(Array.from({ length: 5 }, () => outcome(workers.frame(text))));
    const expected = await outcome(inline.frame(text));
    for (const r of results) expect(r).toEqual(expected);
  });

  it('read on this thread when the worker cannot start, and say so once', async () => {
    const errors: string[] = [];
    const broken = startUploadWorkers({
      workerUrl: new URL('./no-such-worker.js', import.meta.url),
      onError: (e) => errors.push(e),
    });
    try {
      const text = demoFrameCsv();
      expect(await outcome(broken.frame(text))).toEqual(await outcome(inline.frame(text)));
      expect(await outcome(broken.frame(text))).toEqual(await outcome(inline.frame(text)));
      expect(errors).toHaveLength(1);
    } finally {
      await broken.stop();
    }
  });
});

describe('the admin pages with upload workers', () => {
  let env: TestEnv;
  let admin: request.Agent;
  let token = '';
  beforeAll(async () => {
    env = await createTestEnv({}, { uploadWorkers: true });
    const user = await makeUser(env.ctx, 'admin');
    admin = request.agent(env.app);
    await loginWithForm(admin, user.username, user.password);
    token = csrfFrom((await admin.get('/admin')).text);
  });
  afterAll(async () => env.close());

  it('import a frame and a household list, and list a bad frame’s first problems', async () => {
    const upload = (path: string, csv: string) =>
      admin
        .post(path)
        .field('_csrf', token)
        .attach('file', Buffer.from(csv, 'utf8'), { filename: 'f.csv', contentType: 'text/csv' });
    const bad = await upload('/admin/frames', badFrame(3000));
    expect(bad.status).toBe(422);
    expect(bad.text).toMatch(/và \d+ lỗi khác|and \d+ more problems/);
    const good = await upload('/admin/frames', demoFrameCsv());
    expect(good.status).toBe(303);
    const frameId = Number(/\/admin\/frames\/(\d+)/.exec(good.headers['location'] ?? '')?.[1]);
    const { drawId, draw } = await createDraw(env.ctx, frameId, papiDefaultPlan, '7', testActor);
    const villages = draw.units.filter((u) => u.level === 'village').map((u) => u.code);
    const listed = await upload(`/admin/draws/${drawId}/households`, demoHouseholdCsv(villages.slice(0, 2), 25));
    expect(listed.status).toBe(200);
    const households = await env.ctx.db.selectFrom('households').select('id').where('draw_id', '=', drawId).execute();
    expect(households.length).toBeGreaterThan(0);
    // The same file again is the same frame.
    expect((await importFrame(env.ctx, demoFrameCsv(), 'again', testActor)).frameId).toBe(frameId);
  });
});
