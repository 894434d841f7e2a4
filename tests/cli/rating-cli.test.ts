// `langnghe rating-link`, `rating-secret` and `service-token add` against dist/ (npm run build first).
import { spawnSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newDatabaseEnv } from '../helpers/database-env.js';
import { testConfig } from '../helpers/context.js';
import { createContext } from '../../src/bootstrap.js';
import { listRecentAuditEntries } from '../../src/db/queries/audit.js';

const dir = mkdtempSync(join(tmpdir(), 'langnghe-rating-'));
const database = await newDatabaseEnv(dir);
const env = {
  ...process.env,
  ...database.env,
  SURVEYS_DIR: 'surveys',
  LOG_LEVEL: 'warn',
  PUBLIC_URL: 'https://danhgia.example.vn/',
};
const cli = (args: string[]) =>
  spawnSync(process.execPath, ['bin/langnghe.js', ...args], { env, encoding: 'utf8', timeout: 30_000 });
beforeAll(() => {
  expect(cli(['kiosk', 'add', '--counter', 'MC-9', '--agency', 'UBND xã Tân Lập', '--field', 'Hộ tịch']).status).toBe(
    0,
  );
});
afterAll(async () => {
  await database.drop();
  rmSync(dir, { recursive: true, force: true });
});

describe('langnghe rating-link', () => {
  it('prints the full link on stdout, signed with the counter secret, valid 14 days', () => {
    const out = cli(['rating-link', '--counter', 'MC-9', '--dossier', '000.00.12.H56-240315-0001']);
    expect(out.status).toBe(0);
    const match = /^https:\/\/danhgia\.example\.vn\/r\/d\/([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]{43})\n$/.exec(out.stdout);
    expect(match).not.toBeNull();
    const secret = cli(['rating-secret', '--counter', 'MC-9']).stdout.trim();
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    const mac = createHmac('sha256', secret).update(match![1]!).digest('base64url');
    expect(mac).toBe(match![2]);
    const claims = JSON.parse(Buffer.from(match![1]!, 'base64url').toString('utf8'));
    expect(claims).toMatchObject({ counter: 'MC-9', dossierCode: '000.00.12.H56-240315-0001' });
    expect(claims.expiresAt - claims.issuedAt).toBe(14 * 86_400);
    const short = cli(['rating-link', '--counter', 'MC-9', '--dossier', '000.00.12.H56-240315-0002', '--days', '2']);
    const shortClaims = JSON.parse(Buffer.from(/\/r\/d\/([^.]+)\./.exec(short.stdout)![1]!, 'base64url').toString());
    expect(shortClaims.expiresAt - shortClaims.issuedAt).toBe(2 * 86_400);
  });

  it('refuses a bad dossier code, an unknown counter and missing flags with exit 2', () => {
    const bad = cli(['rating-link', '--counter', 'MC-9', '--dossier', 'abc']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('dossierCode');
    expect(cli(['rating-link', '--counter', 'NOPE', '--dossier', '000.00.12.H56-240315-0001']).status).toBe(2);
    expect(cli(['rating-link', '--counter', 'MC-9']).status).toBe(2);
    expect(bad.stdout).toBe('');
  });
});

describe('langnghe service-token add', () => {
  it('prints a token with the rating-links scope, and refuses another scope', () => {
    const out = cli(['service-token', 'add', '--name', 'mot-cua', '--scope', 'rating-links']);
    expect(out.status).toBe(0);
    expect(out.stdout).toMatch(/^st_[A-Za-z0-9_-]{43}\n$/);
    expect(cli(['service-token', 'add', '--name', 'x', '--scope', 'admin']).status).toBe(2);
  });

  it('lists the tokens without them, revokes one at once (audited), and refuses a second revocation', async () => {
    const token = cli(['service-token', 'add', '--name', 'bi-thu-hoi', '--scope', 'rating-links']).stdout.trim();
    const line = cli(['service-token', 'list'])
      .stdout.split('\n')
      .find((l) => l.includes('\tbi-thu-hoi\t'))!;
    expect(line).toMatch(/^\d+\tbi-thu-hoi\trating-links\t\S+\tlive$/);
    const id = line.split('\t')[0]!;
    const revoke = cli(['service-token', 'revoke', '--id', id]);
    expect([revoke.status, revoke.stdout]).toEqual([0, `service token ${id} revoked\n`]);
    const list = cli(['service-token', 'list']).stdout;
    expect(list).not.toContain(token);
    expect(list).toMatch(new RegExp(`^${id}\tbi-thu-hoi\trating-links\t\\S+\t\\d{4}-\\d{2}-\\d{2}T`, 'm'));
    const again = cli(['service-token', 'revoke', '--id', id]);
    expect(again.status).toBe(2);
    expect(again.stderr).toContain('already revoked');
    expect(cli(['service-token', 'revoke', '--id', 'x']).status).toBe(2);
    const ctx = await createContext(testConfig(dir, database.env));
    const audit = (await listRecentAuditEntries(ctx.db, 50)).filter((e) => e.action === 'service_token.revoke');
    await ctx.destroy();
    expect(audit.map((e) => e.target)).toEqual([`service_token:${id}`]);
  });
});
