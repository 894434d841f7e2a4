// Entry of the XLSForm worker thread (started by xlsform-import.ts): reads one file and answers with its result.
import { parentPort } from 'node:worker_threads';
import { runXlsFormJob, type XlsFormJob } from './xlsform-import.js';

const port = parentPort;
if (!port) throw new Error('xlsform-worker-entry.js runs as a worker thread');
port.once('message', (job: XlsFormJob) => void runXlsFormJob(job).then((reply) => port.postMessage(reply)));
