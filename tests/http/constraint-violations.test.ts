// A UNIQUE violation that gets past a service's check (another writer's row lands between the check and the
// insert; a trigger plays that writer here) answers 409 already_exists naming the constraint, not a 500.
import request from 'supertest';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createCounter, issuePairingCode } from '../../src/services/kiosk/counters.js';
import { testActor } from '../fixtures/fieldwork.js';
import { createTrigger, dropTrigger } from '../helpers/faults.js';
import { createTestEnv, makeUser, type TestEnv } from '../helpers/context.js';
import { csrfFrom, loginWithForm } from '../helpers/csrf.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterEach(async () => {
  await dropTrigger(env.ctx.db, 'concurrent_writer', 'kiosk_counters');
  await dropTrigger(env.ctx.db, 'concurrent_writer', 'kiosk_devices');
});
afterAll(async () => env.close());

describe('a UNIQUE violation past the service checks', () => {
  it('answers the admin form with 409 already_exists on the code, and stores nothing', async () => {
    await createTrigger(env.ctx.db, {
      name: 'concurrent_writer',
      table: 'kiosk_counters',
      event: 'insert',
      when: "new.code = 'RACE-1'",
      action: {
        run: `insert into kiosk_counters (code, agency, field, survey_code, created_at)
          values (new.code, 'other writer', 'other', new.survey_code, new.created_at)`,
      },
    });
    const user = await makeUser(env.ctx, 'admin');
    const admin = request.agent(env.app);
    await loginWithForm(admin, user.username, user.password);
    const page = await admin.get('/admin/kiosks');
    const res = await admin
      .post('/admin/kiosks')
      .type('form')
      .send({ _csrf: csrfFrom(page.text), code: 'RACE-1', agency: 'UBND', field: 'Hộ tịch', survey: 'kiosk-one-tap' });
    expect(res.status).toBe(409);
    expect(res.text).toContain('Đã có một bản ghi giống như vậy.'); // the catalogue's message, in the page's language
    expect(res.text).toContain('another kiosk_counters row has the same code');
    expect(await env.ctx.db.selectFrom('kiosk_counters').select('id').where('code', '=', 'RACE-1').execute()).toEqual(
      [],
    );
  });

  it('answers the JSON API with 409 and the constraint, and the pairing code stays usable', async () => {
    const counter = await createCounter(env.ctx, { code: 'RACE-2', agency: 'A', field: 'F' }, testActor);
    const { code } = await issuePairingCode(env.ctx, counter.id, testActor);
    await createTrigger(env.ctx.db, {
      name: 'concurrent_writer',
      table: 'kiosk_devices',
      event: 'insert',
      action: {
        run: `insert into kiosk_devices (counter_id, token_hash, paired_at)
          values (new.counter_id, new.token_hash, new.paired_at)`,
      },
    });
    const res = await request(env.app).post('/api/v1/kiosk/pair').send({ code });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({
      code: 'already_exists',
      details: [{ field: 'token_hash', constraint: 'kiosk_devices(token_hash)' }],
    });
    await dropTrigger(env.ctx.db, 'concurrent_writer', 'kiosk_devices');
    expect((await request(env.app).post('/api/v1/kiosk/pair').send({ code })).status).toBe(201);
  });
});
