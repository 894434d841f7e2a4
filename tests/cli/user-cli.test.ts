// `langnghe user disable|enable|reset-password|revoke-tokens|role` run as a user would (the built CLI): each
// change reaches the database, ends what it should and is audited as "cli"; a refused change exits 1.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { newDatabaseEnv } from '../helpers/database-env.js';
import { createContext } from '../../src/bootstrap.js';
import { listRecentAuditEntries } from '../../src/db/queries/audit.js';
import { authenticateToken, issueApiToken } from '../../src/services/accounts/api-tokens.js';
import { testConfig } from '../helpers/context.js';

const dir = mkdtempSync(join(tmpdir(), 'langnghe-user-cli-'));
const database = await newDatabaseEnv(dir);
const env = { ...process.env, ...database.env, SURVEYS_DIR: 'surveys', SCRYPT_COST: '1024' };
const cli = (args: string[], input?: string) =>
  spawnSync(process.execPath, ['bin/langnghe.js', 'user', ...args], { env, input, encoding: 'utf8', timeout: 30_000 });
afterAll(async () => {
  await database.drop();
  rmSync(dir, { recursive: true, force: true });
});

/** Works on the same database file in this process, as the server would. */
async function withDb<T>(work: (ctx: Awaited<ReturnType<typeof createContext>>) => Promise<T>): Promise<T> {
  const ctx = await createContext(testConfig(dir, database.env));
  try {
    return await work(ctx);
  } finally {
    await ctx.destroy();
  }
}
const tokenFor = (username: string, password: string) =>
  withDb(async (ctx) => (await issueApiToken(ctx, { username, password, ip: '127.0.0.1' })).token);
const tokenWorks = (token: string) =>
  withDb((ctx) =>
    authenticateToken(ctx, token).then(
      () => true,
      () => false,
    ),
  );

describe('langnghe user life cycle', () => {
  it('revokes tokens, disables, enables, resets a password and changes a role', async () => {
    expect(cli(['add', '--username', 'boss', '--role', 'admin', '--password-stdin'], 'mat-khau-quan-tri').status).toBe(
      0,
    );
    expect(cli(['add', '--username', 'lan', '--role', 'surveyor', '--password-stdin'], 'mat-khau-cua-lan').status).toBe(
      0,
    );

    const first = await tokenFor('lan', 'mat-khau-cua-lan');
    const revoke = cli(['revoke-tokens', '--username', 'lan']);
    expect(revoke.stdout).toBe('lan: 1 token(s) revoked\n');
    expect(await tokenWorks(first)).toBe(false);

    const second = await tokenFor('lan', 'mat-khau-cua-lan');
    expect(cli(['disable', '--username', 'lan']).status).toBe(0);
    expect(await tokenWorks(second)).toBe(false);
    expect(cli(['list']).stdout).toMatch(/^lan\s+surveyor.*\(disabled\)$/m);
    await expect(tokenFor('lan', 'mat-khau-cua-lan')).rejects.toMatchObject({ code: 'invalid_credentials' });
    expect(cli(['enable', '--username', 'lan']).stdout).toBe('lan: enabled\n');

    const reset = cli(['reset-password', '--username', 'lan', '--password-stdin'], 'mat-khau-moi-cua-lan\n');
    expect(reset.status).toBe(0);
    await expect(tokenFor('lan', 'mat-khau-cua-lan')).rejects.toMatchObject({ code: 'invalid_credentials' });
    expect(await tokenWorks(await tokenFor('lan', 'mat-khau-moi-cua-lan'))).toBe(true);

    expect(cli(['role', '--username', 'lan', '--role', 'supervisor']).status).toBe(0);
    expect(cli(['list']).stdout).toMatch(/^lan\s+supervisor\s/m);

    const actions = await withDb(async (ctx) =>
      (await listRecentAuditEntries(ctx.db, 50)).filter((e) => e.actor_label === 'cli').map((e) => e.action),
    );
    expect(actions).toEqual(
      expect.arrayContaining([
        'auth.tokens_revoked',
        'user.disable',
        'user.enable',
        'user.password_reset',
        'user.role_change',
      ]),
    );
  });

  it('refuses an unknown account, a bad role, a short password and the last admin with exit 1 and the field', () => {
    const unknown = cli(['disable', '--username', 'nobody']);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('username: no account "nobody"');
    const role = cli(['role', '--username', 'boss', '--role', 'root']);
    expect(role.status).toBe(1);
    expect(role.stderr).toContain('role:');
    const short = cli(['reset-password', '--username', 'boss', '--password-stdin'], 'short');
    expect(short.status).toBe(1);
    expect(short.stderr).toContain('password: at least 10 characters');
    const last = cli(['disable', '--username', 'boss']);
    expect(last.status).toBe(1);
    expect(last.stderr).toContain('last active admin');
  });

  it('prints usage with exit 2 when a flag is missing', () => {
    const res = cli(['role', '--username', 'boss']);
    expect(res.status).toBe(2);
    expect(res.stderr).toContain('langnghe user role --username U --role R');
  });
});
