// The kiosk page over HTTP: session-free and never stored, its words from src/http/i18n/kiosk-messages.ts, its
// scripts external (the rules bundle, then the kiosk's modules), and the same messages in both languages.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kioskMessages } from '../../src/http/i18n/kiosk-messages.js';
import { createTestEnv, type TestEnv } from '../helpers/context.js';

describe('kiosk pages', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await createTestEnv();
  });
  afterAll(async () => env.close());

  it('renders the page in Vietnamese with no session, loading rules.js and then the kiosk module', async () => {
    const page = await request(env.app).get('/kiosk').expect(200).expect('Cache-Control', 'no-store');
    expect(page.headers['set-cookie']).toBeUndefined();
    expect(page.text).toContain('<title>Đánh giá sự hài lòng · Lắng Nghe</title>');
    expect(page.text).toContain('<button type="button" id="kiosk-lang" class="kiosk-small">English</button>');
    expect(page.text.match(/<script\b[^>]*>/g)).toEqual([
      '<script src="/static/js/rules.js">',
      '<script type="module" src="/static/js/kiosk/kiosk.js">',
    ]);
  });

  it('serves the messages as a module, the same keys in both languages', async () => {
    const module = await request(env.app)
      .get('/kiosk/i18n.js')
      .expect(200)
      .expect('Content-Type', /javascript/);
    const messages = JSON.parse(/export const messages = (.*);\n$/s.exec(module.text)?.[1] ?? '{}');
    expect(messages).toEqual(kioskMessages);
    expect(Object.keys(messages.en)).toEqual(Object.keys(messages.vi));
    expect(messages.vi['queue.waiting']).toBe('đánh giá chờ gửi');
    expect(messages.en['rate.send']).toBe('Send rating');
  });
});
