import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase } from '../../src/db/database.js';
import { DomainError } from '../../src/domain/errors.js';
import { createContext } from '../../src/bootstrap.js';
import { SurveyLoadError } from '../../src/services/surveys/registry.js';
import { testConfig } from '../helpers/context.js';
import { newDatabaseEnv, type DatabaseEnv } from '../helpers/database-env.js';
import { onPostgres } from '../helpers/postgres.js';
import { openStepDatabase, openTempDatabase, tableNames, violates } from '../helpers/temp-database.js';

const dirs: string[] = [];
const databases: DatabaseEnv[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'langnghe-reg-'));
  dirs.push(dir);
  return dir;
}
/** A new database on the engine under test, which each context built on it opens for itself. */
async function newDatabase(dir: string): Promise<DatabaseEnv['env']> {
  const database = await newDatabaseEnv(dir);
  databases.push(database);
  return database.env;
}
afterEach(async () => {
  for (const d of databases.splice(0)) await d.drop();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function surveysCopy(): string {
  const dir = tempDir();
  cpSync('surveys/demo-service.json', join(dir, 'demo-service.json'));
  return dir;
}

describe('migrations', () => {
  it('create the foundation tables, and are idempotent', async () => {
    const step = await openStepDatabase('registry');
    try {
      expect(await migrateToLatest(step.db)).toEqual([
        '20261123T1200-foundation',
        '20261123T1300-sampling',
        '20261123T1400-responses',
        '20261123T1500-kiosk',
        '20261123T1600-results',
        '20261123T1700-response-pages',
        '20261201T2200-response-sequence',
        '20261205T2300-round-design',
        '20261206T0000-round-calibration',
        '20261206T0100-account-life-cycle',
        '20261206T0200-supervisor-areas',
        '20261206T0300-area-crosswalk',
        '20261206T1000-interview-review',
        '20261206T1100-enrolment-codes',
        '20261206T1200-respondent-selection',
        '20261206T1300-round-share-interval',
        '20261206T1400-plans',
        '20261207T0200-results-speed',
        '20261207T0300-rate-limits',
        '20261207T0400-read-time-weights',
        '20261207T0500-citizen-ratings',
        '20261208T0400-invitation-response-round',
        '20261208T0500-api-keys',
      ]);
      expect(await migrateToLatest(step.db)).toEqual([]);
      expect(await tableNames(step.db)).toEqual(
        expect.arrayContaining(['api_tokens', 'app_settings', 'audit_log', 'sessions', 'survey_definitions', 'users']),
      );
    } finally {
      await step.close();
    }
  });

  it.skipIf(onPostgres)('open the SQLite file with WAL and foreign keys on (SQLite only)', async () => {
    const db = openDatabase(join(tempDir(), 'm.db'));
    try {
      await migrateToLatest(db);
      const mode = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(db);
      expect(mode.rows[0]?.journal_mode).toBe('wal');
      const fk = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(db);
      expect(fk.rows[0]?.foreign_keys).toBe(1);
    } finally {
      await db.destroy();
    }
  });

  it('refuse a role outside the four roles at the database level', async () => {
    const temp = await openTempDatabase('registry-role');
    const db = temp.db;
    try {
      await expect(
        db
          .insertInto('users')
          .values({
            username: 'x',
            display_name: 'x',
            role: 'root',
            password_hash: 'h',
            created_at: '2026-01-01T00:00:00Z',
          })
          .execute(),
      ).rejects.toThrow(violates.check);
    } finally {
      await temp.close();
    }
  });
});

describe('questionnaire versions are immutable', () => {
  it('stores each version once and accepts an unchanged restart', async () => {
    const surveys = surveysCopy();
    const dbDir = tempDir();
    const database = await newDatabase(dbDir);
    const first = await createContext(testConfig(dbDir, { ...database, SURVEYS_DIR: surveys }));
    await first.destroy();
    const second = await createContext(testConfig(dbDir, { ...database, SURVEYS_DIR: surveys }));
    const rows = await second.db.selectFrom('survey_definitions').select(['code', 'version']).execute();
    await second.destroy();
    expect(rows).toEqual([{ code: 'demo-service', version: '1' }]);
  });

  it('refuses a changed definition under a version the database holds, and stores nothing', async () => {
    const surveys = surveysCopy();
    const dbDir = tempDir();
    const database = await newDatabase(dbDir);
    await (await createContext(testConfig(dbDir, { ...database, SURVEYS_DIR: surveys }))).destroy();
    const path = join(surveys, 'demo-service.json');
    const def = JSON.parse(readFileSync(path, 'utf8'));
    def.title.vi = 'Tiêu đề đã đổi';
    writeFileSync(path, JSON.stringify(def));
    const attempt = createContext(testConfig(dbDir, { ...database, SURVEYS_DIR: surveys }));
    await expect(attempt).rejects.toBeInstanceOf(DomainError);
    await expect(attempt).rejects.toMatchObject({ code: 'survey_version_changed' });
    def.version = '2';
    writeFileSync(path, JSON.stringify(def));
    const ctx = await createContext(testConfig(dbDir, { ...database, SURVEYS_DIR: surveys }));
    try {
      expect(ctx.surveys.current('demo-service').version).toBe('2');
      expect((await ctx.surveys.version('demo-service', '1')).title.vi).toBe(
        'Khảo sát thử: mức độ hài lòng với dịch vụ hành chính công',
      );
    } finally {
      await ctx.destroy();
    }
  });

  it('ignores formatting changes (the hash is over the canonical definition)', async () => {
    const surveys = surveysCopy();
    const dbDir = tempDir();
    const database = await newDatabase(dbDir);
    await (await createContext(testConfig(dbDir, { ...database, SURVEYS_DIR: surveys }))).destroy();
    const path = join(surveys, 'demo-service.json');
    writeFileSync(path, JSON.stringify(JSON.parse(readFileSync(path, 'utf8'))));
    const ctx = await createContext(testConfig(dbDir, { ...database, SURVEYS_DIR: surveys }));
    try {
      const rows = await ctx.db.selectFrom('survey_definitions').select('version').execute();
      expect(rows).toEqual([{ version: '1' }]);
    } finally {
      await ctx.destroy();
    }
  });

  it('refuses to start on a broken file, naming the file and the path', async () => {
    const surveys = surveysCopy();
    writeFileSync(
      join(surveys, 'broken.json'),
      JSON.stringify({
        code: 'broken',
        version: '1',
        kind: 'household',
        title: { vi: 'x' },
        languages: ['vi'],
        sections: [
          {
            id: 's',
            title: { vi: 's' },
            questions: [
              {
                id: 'q',
                type: 'single',
                label: { vi: 'q' },
                relevant: '${nope} = 1',
                options: [{ value: 1, label: { vi: 'a' } }],
              },
            ],
          },
        ],
      }),
    );
    const attempt = createContext(testConfig(tempDir(), { SURVEYS_DIR: surveys }));
    await expect(attempt).rejects.toBeInstanceOf(SurveyLoadError);
    await expect(attempt).rejects.toThrow(
      /broken\.json[\s\S]*\$\.sections\[0\]\.questions\[0\]\.relevant \(position 0\): Unknown question "nope"/,
    );
  });
});
