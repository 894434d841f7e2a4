// `survey import` and the admin upload: an XLSForm file into a checked questionnaire definition. The file is read
// and mapped on a worker thread with a memory cap (what a zip bomb gets past the size check ends there, not in the
// server); tests and a build without dist/ read it on the calling thread. Nothing is stored here.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { DomainError, type ErrorDetail } from '../../domain/errors.js';
import { parseDefinition, type Definition } from '../../domain/questionnaire/index.js';
import { importXlsForm, type ImportIssue, type ImportTarget } from '../../domain/xlsform/import.js';
import { readXlsFormFile, WorkbookRefused } from './xlsform-file.js';

export type XlsFormJobReply =
  { ok: { definition: Definition; dropped: string[] } } | { issues: ImportIssue[] } | { failure: string };

export interface XlsFormJob {
  bytes: Uint8Array;
  target: ImportTarget;
}

/** Reads and maps one file on this thread, answering as the worker does. */
export async function runXlsFormJob(job: XlsFormJob): Promise<XlsFormJobReply> {
  try {
    const result = importXlsForm(await readXlsFormFile(job.bytes), job.target);
    if (!result.ok) return { issues: result.issues };
    return { ok: { definition: result.questionnaire.definition, dropped: result.dropped } };
  } catch (err) {
    if (err instanceof WorkbookRefused) return { issues: err.issues };
    return { failure: err instanceof Error ? (err.stack ?? err.message) : String(err) };
  }
}

const workerUrl = new URL('./xlsform-worker-entry.js', import.meta.url);

function onWorker(job: XlsFormJob): Promise<XlsFormJobReply> {
  return new Promise((resolve) => {
    const worker = new Worker(workerUrl, { resourceLimits: { maxOldGenerationSizeMb: 256 } });
    const timer = setTimeout(
      () => finish({ issues: [{ sheet: 'file', message: 'reading the workbook took too long' }] }),
      30_000,
    );
    const finish = (reply: XlsFormJobReply): void => {
      clearTimeout(timer);
      worker.removeAllListeners();
      void worker.terminate();
      resolve(reply);
    };
    worker.once('message', (reply: XlsFormJobReply) => finish(reply));
    worker.once('error', (err: Error & { code?: string }) =>
      finish(
        err.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? { issues: [{ sheet: 'file', message: 'the workbook is too large to read' }] }
          : { failure: err.message },
      ),
    );
    worker.once('exit', (code) => finish({ failure: `the XLSForm worker stopped with exit code ${code}` }));
    worker.postMessage(job);
  });
}

export function issueDetail(i: ImportIssue): ErrorDetail {
  const where = [i.sheet, i.row !== undefined ? `row ${i.row}` : ''].filter(Boolean).join(', ');
  return {
    field: i.column ?? 'file',
    sheet: i.sheet,
    ...(i.row !== undefined ? { row: i.row } : {}),
    ...(i.column !== undefined ? { column: i.column } : {}),
    message: `${where}: ${i.message}`,
  };
}

/**
 * The questionnaire in an XLSForm file, checked as surveys/*.json are; throws xlsform_invalid naming every cell at
 * fault. `dropped` lists the metadata rows left out (start, end, deviceid...).
 */
export async function importXlsFormFile(
  bytes: Uint8Array,
  target: ImportTarget,
  opts: { thread?: 'worker' | 'inline' } = {},
): Promise<{ definition: Definition; dropped: string[] }> {
  const useWorker = opts.thread !== 'inline' && existsSync(fileURLToPath(workerUrl));
  const reply = useWorker ? await onWorker({ bytes, target }) : await runXlsFormJob({ bytes, target });
  if ('failure' in reply) throw new Error(`reading the XLSForm failed: ${reply.failure}`);
  if ('issues' in reply) throw new DomainError('xlsform_invalid', reply.issues.slice(0, 200).map(issueDetail));
  // Compiled again here: the worker sends plain data, and this keeps the definition's checks on this side too.
  parseDefinition(reply.ok.definition, 'xlsform');
  return reply.ok;
}
