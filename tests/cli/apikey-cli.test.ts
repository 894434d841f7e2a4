// `langnghe apikey add|revoke` run as a user would (the built CLI): the key is printed once, only its hash is
// stored, the scope is the rounds named (each must exist), the key authenticates until revoked, and both changes
// are audited as "cli". A refused key exits 2 with nothing stored.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createContext } from '../../src/bootstrap.js';
import { listRecentAuditEntries } from '../../src/db/queries/audit.js';
import { authenticateApiKey } from '../../src/services/accounts/api-keys.js';
import { createRound } from '../../src/services/results/rounds.js';
import { testConfig } from '../helpers/context.js';

const dir = mkdtempSync(join(tmpdir(), 'langnghe-apikey-cli-'));
const env = { ...process.env, DATABASE_PATH: join(dir, 'test.db'), SURVEYS_DIR: 'surveys', SCRYPT_COST: '1024' };
const cli = (args: string[], input?: string) =>
  spawnSync(process.execPath, ['bin/langnghe.js', ...args], { env, input, encoding: 'utf8', timeout: 30_000 });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function withDb<T>(work: (ctx: Awaited<ReturnType<typeof createContext>>) => Promise<T>): Promise<T> {
  const ctx = await createContext(testConfig(dir));
  try {
    return await work(ctx);
  } finally {
    await ctx.destroy();
  }
}

describe('langnghe apikey', () => {
  it('prints a scoped key once, stores its hash, and revokes it', async () => {
    const add = ['user', 'add', '--username', 'lan', '--role', 'analyst', '--password-stdin'];
    expect(cli(add, 'mat-khau-phan-tich').status).toBe(0);
    await withDb((ctx) =>
      createRound(
        ctx,
        {
          code: 'sipas-cli',
          label: 'SIPAS',
          survey: 'sipas-2024',
          design: 'srs',
          periodStart: '2026-01-01',
          periodEnd: '2026-12-31',
        },
        { userId: null, label: 'test', role: 'admin' },
      ),
    );
    const out = cli(['apikey', 'add', '--username', 'lan', '--rounds', 'sipas-cli', '--label', 'Power BI']);
    expect(out.status).toBe(0);
    expect(out.stdout).toMatch(/^lnk_[A-Za-z0-9_-]{43}\n$/);
    expect(out.stderr).toContain('shown once');
    const key = out.stdout.trim();
    const stored = await withDb((ctx) => ctx.db.selectFrom('api_keys').selectAll().execute());
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      key_hash: createHash('sha256').update(key).digest('hex'),
      rounds_json: '["sipas-cli"]',
      label: 'Power BI',
      created_by: 'cli',
    });
    const auth = await withDb((ctx) => authenticateApiKey(ctx, key));
    expect(auth.scope.rounds).toEqual(['sipas-cli']);
    expect(auth.user.username).toBe('lan');

    const revoke = cli(['apikey', 'revoke', '--id', String(stored[0]?.id)]);
    expect(revoke.status).toBe(0);
    await expect(withDb((ctx) => authenticateApiKey(ctx, key))).rejects.toMatchObject({ code: 'api_key_revoked' });
    const actions = await withDb(async (ctx) => (await listRecentAuditEntries(ctx.db, 20)).map((e) => e.action));
    expect(actions).toEqual(expect.arrayContaining(['api_key.created', 'api_key.revoked']));
  });

  it('refuses an unknown round, a non-analyst, an unknown account and missing flags, storing nothing', async () => {
    const before = await withDb(async (ctx) => (await ctx.db.selectFrom('api_keys').select('id').execute()).length);
    const unknownRound = cli(['apikey', 'add', '--username', 'lan', '--rounds', 'no-such']);
    expect(unknownRound.status).toBe(2);
    expect(unknownRound.stderr).toContain('no round "no-such"');
    expect(unknownRound.stdout).toBe('');
    expect(
      cli(['user', 'add', '--username', 'bao', '--role', 'surveyor', '--password-stdin'], 'mat-khau-dieu-tra').status,
    ).toBe(0);
    const surveyor = cli(['apikey', 'add', '--username', 'bao']);
    expect(surveyor.status).toBe(2);
    expect(surveyor.stderr).toContain('Only analyst accounts');
    expect(cli(['apikey', 'add', '--username', 'nobody']).status).toBe(2);
    expect(cli(['apikey', 'add']).status).toBe(2);
    const after = await withDb(async (ctx) => (await ctx.db.selectFrom('api_keys').select('id').execute()).length);
    expect(after).toBe(before);
  });
});
