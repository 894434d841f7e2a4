// A pilot on a LAN: no https upgrade in the CSP unless the server is behind TLS, and the admin home shows the
// /field address with a QR code that decodes to it.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, makeUser, type TestEnv } from '../helpers/context.js';
import { loginWithForm } from '../helpers/csrf.js';

const envs: TestEnv[] = [];
let plain: TestEnv;
beforeAll(async () => {
  plain = await createTestEnv();
  envs.push(plain);
});
afterAll(async () => Promise.all(envs.map((e) => e.close())));

const csp = (res: request.Response): string => String(res.headers['content-security-policy']);

describe('Content-Security-Policy on a pilot network', () => {
  it('does not ask browsers to upgrade to https on plain HTTP (a LAN address)', async () => {
    const res = await request(plain.app).get('/field').set('Host', '192.168.1.10:3000');
    expect(res.status).toBe(200);
    expect(csp(res)).toContain("script-src 'self'");
    expect(csp(res)).not.toContain('upgrade-insecure-requests');
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });

  it('upgrades and sends HSTS behind a TLS-terminating proxy (TRUST_PROXY=1)', async () => {
    const proxied = await createTestEnv({ TRUST_PROXY: '1' });
    envs.push(proxied);
    const res = await request(proxied.app).get('/field').set('X-Forwarded-Proto', 'https');
    expect(csp(res)).toContain('upgrade-insecure-requests');
    expect(res.headers['strict-transport-security']).toContain('max-age=');
  });
});

describe('the /field address on the admin home', () => {
  it('shows the address the admin used, with a QR code image of it and a warning for localhost', async () => {
    const admin = await makeUser(plain.ctx, 'admin');
    const agent = request.agent(plain.app);
    await loginWithForm(agent, admin.username, admin.password);
    const lan = await agent.get('/admin').set('Host', '192.168.1.10:3000');
    expect(lan.text).toContain('Mở ứng dụng trên điện thoại');
    expect(lan.text).toContain('href="http://192.168.1.10:3000/field"');
    expect(lan.text).toContain('<img class="qr" src="/admin/field-qr.svg"');
    expect(lan.text).not.toContain('localhost');
    const local = await agent.get('/admin').set('Host', 'localhost:3000');
    expect(local.text).toContain('Điện thoại không mở được địa chỉ localhost');

    const svgOf = async (host: string) =>
      String((await agent.get('/admin/field-qr.svg').set('Host', host).buffer(true)).body);
    const qr = await agent.get('/admin/field-qr.svg').set('Host', '192.168.1.10:3000');
    expect(qr.status).toBe(200);
    expect(qr.headers['content-type']).toContain('image/svg+xml');
    expect(await svgOf('192.168.1.10:3000')).toMatch(/^<svg [^>]*viewBox="0 0 \d+ \d+"/);
    // A different address gives a different code: the image encodes the address, not a fixed picture.
    expect(await svgOf('10.0.0.5:3000')).not.toBe(await svgOf('192.168.1.10:3000'));
  });

  it('uses PUBLIC_URL when it is set, and keeps the QR code from other roles', async () => {
    const fixed = await createTestEnv({ PUBLIC_URL: 'https://langnghe.example.vn/' });
    envs.push(fixed);
    const admin = await makeUser(fixed.ctx, 'admin');
    const agent = request.agent(fixed.app);
    await loginWithForm(agent, admin.username, admin.password);
    const page = await agent.get('/admin').set('Host', 'localhost:3000');
    expect(page.text).toContain('href="https://langnghe.example.vn/field"');
    expect(page.text).not.toContain('Điện thoại không mở được');
    const surveyor = await makeUser(fixed.ctx, 'surveyor');
    const other = request.agent(fixed.app);
    await loginWithForm(other, surveyor.username, surveyor.password);
    expect((await other.get('/admin/field-qr.svg')).status).toBe(403);
  });
});
