// Where a submission body is prepared (parsed, checked, hashed, validated: envelope.ts). The server
// does it on worker threads, so that this CPU work runs on another core while the request thread serves HTTP and
// SQLite (docs/benchmarks.md, Ingest); tests and commands do it on their own thread. Both give the same answers.
import { Worker } from 'node:worker_threads';
import type { Definition } from '../../domain/questionnaire/index.js';
import { DomainError, type ErrorCode, type ErrorDetail, type Lang } from '../../domain/errors.js';
import { parseEnvelopeText, prepareSubmission, type PreparedSubmission } from './envelope.js';
import type { SurveyRegistry } from '../surveys/registry.js';

export interface SubmissionPreparer {
  /** The body as received (text, or undefined when there was none); invalid ones are DomainErrors (400, 404). */
  prepare(body: string | undefined, lang: Lang): Promise<PreparedSubmission>;
  stop(): Promise<void>;
}

export interface WorkerTask {
  n: number;
  body: string | undefined;
  lang: Lang;
  /** Questionnaires the worker has not seen yet, sent before the body that needs them. */
  definitions?: Definition[];
}

export type WorkerReply =
  | { n: number; ok: PreparedSubmission }
  | { n: number; error: { code: ErrorCode; details: ErrorDetail[] } }
  | { n: number; needSurvey: { code: string; version: string } }
  | { n: number; failure: string };

/** Sent once by a worker whose module has loaded: from then on a death is a crash, not a missing worker. */
export const workerReady = 'ready';

export function inlinePreparer(surveys: SurveyRegistry): SubmissionPreparer {
  return {
    prepare: async (body, lang) => {
      const envelope = parseEnvelopeText(body);
      const survey = await surveys.version(envelope.survey, envelope.surveyVersion);
      return prepareSubmission(survey.questionnaire, envelope, { lang });
    },
    stop: async () => {},
  };
}

interface Pending {
  resolve: (reply: WorkerReply | typeof unavailable) => void;
  reject: (err: Error) => void;
}

interface Slot {
  worker: Worker;
  pending: Map<number, Pending>;
  ready: boolean;
}

/** A worker that could not start answers this way: its submissions are prepared on the request thread instead. */
const unavailable = Symbol('submission worker unavailable');

export interface WorkerOptions {
  /** The compiled worker entry; the default is the file beside this one in dist/. */
  workerUrl?: URL;
  /**
   * Bodies shorter than this are prepared on the request thread: the round trip to a worker costs the request
   * thread about as much as preparing a 500-character body, and adds latency (docs/benchmarks.md, Crash).
   */
  inlineBelowChars?: number;
  onError?: (message: string) => void;
}

const defaultInlineBelowChars = 512;

/**
 * `count` worker threads taking bodies in turn. A worker that dies fails only the submissions it held (each
 * gets a 500 and the device sends again) and is replaced. A worker that cannot even start (its file missing
 * or broken) is not retried in a loop: the pool reports it once and prepares everything on this thread.
 */
export function startSubmissionWorkers(
  surveys: SurveyRegistry,
  count: number,
  opts: WorkerOptions = {},
): SubmissionPreparer {
  const url = opts.workerUrl ?? new URL('./worker-entry.js', import.meta.url);
  const inline = inlinePreparer(surveys);
  const inlineBelow = opts.inlineBelowChars ?? defaultInlineBelowChars;
  let stopping = false;
  let broken = false;
  let next = 0;
  let counter = 0;

  const spawn = (index: number): Slot => {
    const slot: Slot = { worker: new Worker(url), pending: new Map(), ready: false };
    slot.worker.on('message', (reply: WorkerReply | typeof workerReady) => {
      if (reply === workerReady) {
        slot.ready = true;
        return;
      }
      const p = slot.pending.get(reply.n);
      slot.pending.delete(reply.n);
      p?.resolve(reply);
    });
    const fail = (message: string): void => {
      const started = slot.ready;
      for (const p of slot.pending.values()) {
        if (started) p.reject(new Error(`submission worker stopped: ${message}`));
        else p.resolve(unavailable);
      }
      slot.pending.clear();
      if (stopping || broken) return;
      if (!started) {
        broken = true;
        opts.onError?.(`submission worker cannot start (${message}); submissions are prepared on the request thread`);
        return;
      }
      opts.onError?.(message);
      slots[index] = spawn(index);
    };
    slot.worker.on('error', (err) => fail(err.message));
    slot.worker.on('exit', (code) => {
      if (slots[index] === slot) fail(`exit code ${code}`);
    });
    return slot;
  };
  const slots: Slot[] = [];
  for (let i = 0; i < Math.max(1, count); i += 1) slots.push(spawn(i));

  // By index, not by slot: a worker replaced between two asks must not be posted to.
  const ask = (index: number, task: Omit<WorkerTask, 'n'>): Promise<WorkerReply | typeof unavailable> =>
    new Promise((resolve, reject) => {
      const slot = slots[index] as Slot;
      const n = (counter += 1);
      slot.pending.set(n, { resolve, reject });
      slot.worker.postMessage({ ...task, n });
    });

  return {
    prepare: async (body, lang) => {
      if (broken || body === undefined || body.length < inlineBelow) return inline.prepare(body, lang);
      const index = next;
      next = (next + 1) % slots.length;
      let reply = await ask(index, { body, lang });
      if (reply !== unavailable && 'needSurvey' in reply) {
        // Unknown versions answer 404 here, exactly as on the request thread.
        const survey = await surveys.version(reply.needSurvey.code, reply.needSurvey.version);
        reply = await ask(index, { body, lang, definitions: [survey.questionnaire.definition] });
      }
      if (reply === unavailable) return inline.prepare(body, lang);
      if ('ok' in reply) return reply.ok;
      if ('error' in reply) throw new DomainError(reply.error.code, reply.error.details);
      throw new Error('needSurvey' in reply ? 'the submission worker did not learn its questionnaire' : reply.failure);
    },
    stop: async () => {
      stopping = true;
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
  };
}
