// Submissions prepared on worker threads (the server) must be exactly those prepared on the request thread
// (tests, commands), errors included; a worker that dies fails only what it held and is replaced.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../src/domain/sampling/index.js';
import { simulateEnvelope } from '../../src/domain/simulate/index.js';
import {
  inlinePreparer,
  startSubmissionWorkers,
  type SubmissionPreparer,
} from '../../src/services/submissions/worker-pool.js';
import { readSurveyDirectory, SurveyRegistry } from '../../src/services/surveys/registry.js';
import { compiledSubmissionWorker } from '../helpers/context.js';
import { openTempDatabase, type TempDatabase } from '../helpers/temp-database.js';

let temp: TempDatabase;
let registry: SurveyRegistry;
let inline: SubmissionPreparer;
let workers: SubmissionPreparer;
beforeAll(async () => {
  temp = await openTempDatabase('workers');
  registry = new SurveyRegistry(temp.db, readSurveyDirectory('surveys'));
  inline = inlinePreparer(registry);
  workers = startSubmissionWorkers(registry, 2, { workerUrl: compiledSubmissionWorker, inlineBelowChars: 0 });
});
afterAll(async () => {
  await workers.stop();
  await temp.close();
});

const outcome = (p: Promise<unknown>) =>
  p.then(
    (ok) => ({ ok }),
    (err: { code?: string; details?: unknown; message: string }) => ({
      code: err.code,
      details: err.details,
      message: err.message,
    }),
  );

describe('submission workers', () => {
  it('prepare every body exactly as the request thread does, answer errors in the asked language included', async () => {
    const bodies: string[] = [];
    for (const code of ['sipas-2024', 'papi-2024', 'one-stop-tt01']) {
      const q = registry.current(code).questionnaire;
      for (let i = 0; i < 6; i += 1)
        bodies.push(JSON.stringify(simulateEnvelope(q, createRng(`workers:${code}:${i}`), { date: '2026-11-30' })));
    }
    const broken = JSON.parse(bodies[0] ?? '{}') as { answers: Record<string, unknown> };
    broken.answers['gender'] = 9;
    bodies.push(JSON.stringify(broken));
    for (const lang of ['vi', 'en'] as const) {
      const fromWorkers = await Promise.all(bodies.map((b) => workers.prepare(b, lang)));
      const fromThread = await Promise.all(bodies.map((b) => inline.prepare(b, lang)));
      expect(fromWorkers).toEqual(fromThread);
      expect(fromWorkers.filter((p) => p.answerErrors.length > 0)).toHaveLength(1);
    }
  });

  it("give the request thread's errors for broken JSON, a bad envelope and an unknown questionnaire version", async () => {
    const sipas = JSON.parse(
      JSON.stringify(
        simulateEnvelope(registry.current('sipas-2024').questionnaire, createRng('workers:errors'), {
          date: '2026-11-30',
        }),
      ),
    ) as Record<string, unknown>;
    const cases = [
      '{"id":',
      undefined,
      '',
      JSON.stringify({ ...sipas, id: 'x', extra: 1 }),
      JSON.stringify({ ...sipas, surveyVersion: '9.9' }),
      JSON.stringify({ ...sipas, survey: 'nope' }),
    ];
    const codes: unknown[] = [];
    for (const body of cases) {
      const a = await outcome(workers.prepare(body, 'vi'));
      expect(a).toEqual(await outcome(inline.prepare(body, 'vi')));
      codes.push((a as { code?: string }).code);
    }
    expect(codes).toEqual([
      'invalid_json',
      'invalid_request',
      'invalid_request',
      'invalid_request',
      'survey_version_not_found',
      'survey_not_found',
    ]);
  });

  it('prepare on the request thread, after one report, when the worker cannot start', async () => {
    const errors: string[] = [];
    const pool = startSubmissionWorkers(registry, 1, {
      workerUrl: new URL('../fixtures/no-such-worker.mjs', import.meta.url),
      onError: (m) => errors.push(m),
    });
    try {
      const body = JSON.stringify(
        simulateEnvelope(registry.current('sipas-2024').questionnaire, createRng('workers:missing'), {
          date: '2026-11-30',
        }),
      );
      for (let i = 0; i < 3; i += 1) expect(await pool.prepare(body, 'vi')).toEqual(await inline.prepare(body, 'vi'));
      expect(errors).toEqual([
        expect.stringMatching(
          /^submission worker cannot start \(.*no-such-worker.*\); submissions are prepared on the request thread$/,
        ),
      ]);
    } finally {
      await pool.stop();
    }
  });

  it('prepare short bodies on the request thread and longer ones on a worker', async () => {
    const pool = startSubmissionWorkers(registry, 1, {
      workerUrl: new URL('../fixtures/exiting-submission-worker.mjs', import.meta.url),
      inlineBelowChars: 2000,
    });
    try {
      const q = registry.current('demo-service').questionnaire;
      const short = JSON.stringify(simulateEnvelope(q, createRng('workers:short'), { date: '2026-11-30' }));
      expect(short.length).toBeLessThan(2000);
      // The stand-in worker answers every body "invalid JSON": a real preparation came from this thread.
      expect(await pool.prepare(short, 'vi')).toEqual(await inline.prepare(short, 'vi'));
      await expect(pool.prepare(short.padEnd(2000, ' '), 'vi')).rejects.toMatchObject({ code: 'invalid_json' });
    } finally {
      await pool.stop();
    }
  });

  it('replace a worker that dies; only the submission it held fails', async () => {
    const errors: string[] = [];
    const pool = startSubmissionWorkers(registry, 1, {
      workerUrl: new URL('../fixtures/exiting-submission-worker.mjs', import.meta.url),
      inlineBelowChars: 0,
      onError: (m) => errors.push(m),
    });
    try {
      await expect(pool.prepare('{}', 'vi')).rejects.toMatchObject({ code: 'invalid_json' });
      await expect(pool.prepare('exit', 'vi')).rejects.toThrow('submission worker stopped: exit code 3');
      expect(errors).toEqual(['exit code 3']);
      await expect(pool.prepare('{}', 'vi')).rejects.toMatchObject({ code: 'invalid_json' });
    } finally {
      await pool.stop();
    }
  });
});
