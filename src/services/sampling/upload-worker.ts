// Where uploaded frames and household lists are read (upload-reading.ts): the server does it on worker threads,
// one per upload and at most two at once, so that parsing and checking 50,000 rows (0.4–0.9 s on the 2-core test
// machine) never holds the request thread; tests and commands read them on their own thread. Both give the same
// answers: the same values, the same catalogue errors.
import { Worker } from 'node:worker_threads';
import { DomainError } from '../../domain/errors.js';
import type { FrameUnit } from '../../domain/sampling/index.js';
import {
  fromPlainError,
  readFrameUpload,
  readHouseholdUpload,
  type HouseholdUpload,
  type PlainError,
  type UploadInput,
} from './upload-reading.js';

export interface UploadReader {
  frame(input: UploadInput, levels?: readonly string[]): Promise<{ units: FrameUnit[]; hash: string }>;
  households(input: UploadInput, selectedVillages: readonly string[]): Promise<HouseholdUpload>;
  stop(): Promise<void>;
}

export type UploadJob =
  | { kind: 'frame'; input: UploadInput; levels?: readonly string[] }
  | { kind: 'households'; input: UploadInput; selectedVillages: readonly string[] };

export type UploadReply = { ok: unknown } | { error: PlainError } | { failure: string };

/** Sent by a worker whose module has loaded. */
export const uploadWorkerReady = 'ready';

/** Runs one job on this thread, answering as a worker does. */
export function runUploadJob(job: UploadJob): UploadReply {
  try {
    return {
      ok:
        job.kind === 'frame'
          ? readFrameUpload(job.input, job.levels)
          : readHouseholdUpload(job.input, job.selectedVillages),
    };
  } catch (err) {
    if (err instanceof DomainError)
      return { error: { code: err.code, details: [...err.details], meta: { ...err.meta } } };
    return { failure: err instanceof Error ? (err.stack ?? err.message) : String(err) };
  }
}

function answer<T>(reply: UploadReply): T {
  if ('ok' in reply) return reply.ok as T;
  if ('error' in reply) throw fromPlainError(reply.error);
  throw new Error(`reading the upload failed: ${reply.failure}`);
}

export function inlineUploadReader(): UploadReader {
  return {
    frame: async (input, levels) => answer(runUploadJob({ kind: 'frame', input, ...(levels ? { levels } : {}) })),
    households: async (input, selectedVillages) =>
      answer(runUploadJob({ kind: 'households', input, selectedVillages })),
    stop: async () => {},
  };
}

export interface UploadWorkerOptions {
  /** The compiled worker entry; the default is the file beside this one in dist/. */
  workerUrl?: URL;
  /** Uploads read at once; more wait their turn. */
  concurrency?: number;
  onError?: (message: string) => void;
}

/** The worker could not start (its file missing or broken): the job runs on this thread instead. */
const unavailable = Symbol('upload worker unavailable');

/**
 * Reads each upload on a worker thread of its own, ended once it has answered (a large file's rows leave with
 * it). One started worker waits for the next upload, so an upload does not wait for a thread to load its modules
 * (about 80 ms). A worker that cannot start is reported once, and from then on uploads are read on this thread.
 */
export function startUploadWorkers(opts: UploadWorkerOptions = {}): UploadReader {
  const url = opts.workerUrl ?? new URL('./upload-worker-entry.js', import.meta.url);
  const limit = Math.max(1, opts.concurrency ?? 2);
  const live = new Set<Worker>();
  const waiting: (() => void)[] = [];
  let busy = 0;
  let broken = false;
  let stopped = false;

  /** A worker whose module has loaded, or `unavailable`. */
  const spawn = (): Promise<Worker | typeof unavailable> =>
    new Promise((resolve) => {
      const worker = new Worker(url);
      live.add(worker);
      const failed = (): void => {
        live.delete(worker);
        resolve(unavailable);
      };
      worker.once('error', failed);
      worker.once('exit', failed);
      worker.once('message', (message: unknown) => {
        worker.off('error', failed);
        worker.off('exit', failed);
        if (message === uploadWorkerReady) resolve(worker);
        else failed();
      });
    });
  let next: Promise<Worker | typeof unavailable> | null = spawn();

  const runOn = (worker: Worker, job: UploadJob): Promise<UploadReply> =>
    new Promise((resolve, reject) => {
      const done = (value: UploadReply | Error): void => {
        worker.removeAllListeners();
        live.delete(worker);
        void worker.terminate();
        if (value instanceof Error) reject(value);
        else resolve(value);
      };
      worker.once('message', (reply: UploadReply) => done(reply));
      worker.once('error', (err) => done(err));
      worker.once('exit', (code) => done(new Error(`upload worker stopped with exit code ${code}`)));
      worker.postMessage(job);
    });

  const run = async (job: UploadJob): Promise<UploadReply> => {
    if (stopped) throw new Error('the upload reader has stopped');
    while (busy >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    busy += 1;
    try {
      if (broken) return runUploadJob(job);
      const worker = await (next ?? spawn());
      // The next upload's worker starts loading now, while this one reads.
      next = stopped ? null : spawn();
      if (worker !== unavailable) return await runOn(worker, job);
      if (!broken) opts.onError?.('upload worker cannot start; uploads are read on the request thread');
      broken = true;
      next = null;
      return runUploadJob(job);
    } finally {
      busy -= 1;
      waiting.shift()?.();
    }
  };

  return {
    frame: async (input, levels) => answer(await run({ kind: 'frame', input, ...(levels ? { levels } : {}) })),
    households: async (input, selectedVillages) => answer(await run({ kind: 'households', input, selectedVillages })),
    stop: async () => {
      stopped = true;
      next = null;
      await Promise.all([...live].map((w) => w.terminate()));
    },
  };
}
