// `langnghe simulate` as a user runs it: the built command line (dist/, made by `npm run build`) in a child
// process, with no database. Lines are API bodies that validate; a seed gives byte-identical output.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDefinitionText, validateAnswers } from '../../src/domain/questionnaire/index.js';
import { responseEnvelopeSchema } from '../../src/services/submissions/envelope.js';

// A database path that must stay untouched: simulate reads only SURVEYS_DIR.
const dir = mkdtempSync(join(tmpdir(), 'langnghe-simulate-'));
const env = { ...process.env, DATABASE_PATH: join(dir, 'never.db'), SURVEYS_DIR: 'surveys', LOG_LEVEL: 'silent' };
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const simulate = (...args: string[]) =>
  spawnSync(process.execPath, ['bin/langnghe.js', 'simulate', ...args], { env, encoding: 'utf8', timeout: 30_000 });
const papi = parseDefinitionText(readFileSync('surveys/papi-2024.json', 'utf8'), 'papi-2024.json');

describe('langnghe simulate', () => {
  it('prints N JSON lines that the API accepts and whose answers validate, without a database', () => {
    const res = simulate('--survey', 'papi-2024', '--count', '25', '--seed', '7', '--date', '2024-09-20');
    expect(res.stderr).toBe('');
    expect(res.status).toBe(0);
    const lines = res.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(25);
    expect(res.stdout.endsWith('\n')).toBe(true);
    for (const line of lines) {
      const body = JSON.parse(line) as {
        answers: Record<string, unknown>;
        completedAt: string;
        survey: string;
        assignmentId: unknown;
      };
      expect(responseEnvelopeSchema.safeParse(body).success).toBe(true);
      expect(body).toMatchObject({ survey: 'papi-2024', assignmentId: null });
      expect(body.completedAt.slice(0, 10)).toBe('2024-09-20');
      expect(validateAnswers(papi, body.answers, { today: '2024-09-20' }).errors).toEqual([]);
    }
    expect(new Set(lines.map((l) => (JSON.parse(l) as { id: string }).id)).size).toBe(25);
    expect(existsSync(join(dir, 'never.db'))).toBe(false);
  });

  it('is byte-identical for the same seed, differs for another, and a smaller count prints a prefix', () => {
    const args = ['--survey', 'sipas-2024', '--count', '12', '--date', '2024-09-20'];
    const a = simulate(...args, '--seed', 'tinh-a');
    const b = simulate(...args, '--seed', 'tinh-a');
    const c = simulate(...args, '--seed', 'tinh-b');
    expect(a.status).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    expect(c.stdout).not.toBe(a.stdout);
    const five = simulate('--survey', 'sipas-2024', '--count', '5', '--date', '2024-09-20', '--seed', 'tinh-a');
    expect(a.stdout.startsWith(five.stdout)).toBe(true);
  });

  it('puts the assignment id in every envelope', () => {
    const id = '6f1c1f0e-2a4b-4c6d-8e9f-0a1b2c3d4e5f';
    const res = simulate('--survey', 'demo-service', '--count', '3', '--seed', '1', '--assignment', id);
    expect(res.status).toBe(0);
    for (const line of res.stdout.trimEnd().split('\n'))
      expect((JSON.parse(line) as { assignmentId: string }).assignmentId).toBe(id);
  });

  it('answers exit code 2 with a message on stderr for an unknown survey or bad flags', () => {
    const unknown = simulate('--survey', 'no-such-survey', '--count', '3', '--seed', '1');
    expect(unknown.status).toBe(2);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr).toContain('unknown survey "no-such-survey"');
    expect(unknown.stderr).toContain('papi-2024');
    const cases: [string[], string][] = [
      [['--survey', 'papi-2024', '--count', 'many', '--seed', '1'], '--count'],
      [['--survey', 'papi-2024', '--count', '2'], '--seed'],
      [['--count', '2', '--seed', '1'], '--survey'],
      [['--survey', 'papi-2024', '--count', '2', '--seed', '1', '--date', '2024-02-30'], '--date'],
      [['--survey', 'papi-2024', '--count', '2', '--seed', '1', '--assignment', 'abc'], '--assignment'],
      [['--survey', 'papi-2024', '--count', '2', '--seed', '1', '--colour', 'red'], 'colour'],
    ];
    for (const [args, named] of cases) {
      const res = simulate(...args);
      expect({ args, status: res.status, stdout: res.stdout }).toEqual({ args, status: 2, stdout: '' });
      expect(res.stderr).toContain(named);
    }
  });
});
