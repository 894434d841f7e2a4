// Entry of an upload worker thread (started by upload-worker.ts): reads one uploaded frame or household list and
// answers with its result, then the pool ends the thread.
import { parentPort } from 'node:worker_threads';
import { runUploadJob, uploadWorkerReady, type UploadJob } from './upload-worker.js';

const port = parentPort;
if (!port) throw new Error('upload-worker-entry.js runs as a worker thread');
port.once('message', (job: UploadJob) => port.postMessage(runUploadJob(job)));
port.postMessage(uploadWorkerReady);
