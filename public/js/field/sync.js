// Sends the outbox, then the non-response outcomes recorded offline. One run at a time (a Web Lock across tabs,
// a promise within one); each interview is posted with its stored envelope, unchanged, so a resend is recognised
// by the server as a duplicate. Only a 201/200 removes answers (or an outcome) from the device. Network failures,
// 5xx and 429 retry with exponential backoff and jitter; what the server will not accept as it is (409, 422, 403,
// 404, 413, 400) waits as "needs attention".
import { api, NetworkError, localIso } from './net.js';
import { allOutbox, kvGet, kvSet, markSent, pendingDispositions, updateDispositions, updateOutbox } from './store.js';

const BASE_MS = 5000;
const CAP_MS = 15 * 60 * 1000;
const listeners = new Set();
let running = null;
let again = null;
let timer = null;
let failures = 0;
/** `dispositionsSent`: outcomes the server acknowledged since the page last looked (it then reloads the list). */
export const status = { sending: null, nextAttemptAt: null, authExpired: false, lastError: null, dispositionsSent: 0 };

/** Delay before retry number `attempt` (1, 2, ...): half fixed, half random, doubling up to 15 minutes. */
export function backoffDelay(attempt, random = Math.random) {
  const ceiling = Math.min(CAP_MS, BASE_MS * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

export function onSyncChange(listener) {
  listeners.add(listener);
}

function notify() {
  for (const listener of listeners) listener(status);
}

/**
 * Starts a run now. During a run, callers get one more run after it (their interview may have been added after
 * the running one read the outbox). Resolves when the run that covers the caller is over.
 */
export function syncNow() {
  if (running) {
    if (!again)
      again = running.then(() => {
        again = null;
        return syncNow();
      });
    return again;
  }
  const run = () => sendAll();
  running = (navigator.locks ? navigator.locks.request('langnghe-sync', run) : run())
    .catch((err) => {
      status.lastError = String(err);
    })
    .finally(() => {
      running = null;
      notify();
    });
  return running;
}

/** Sends on start, whenever the connection comes back, and when the page becomes visible again. */
let started = false;
export function startAutoSync() {
  if (started) return syncNow();
  started = true;
  window.addEventListener('online', () => {
    failures = 0;
    syncNow();
  });
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible' && navigator.onLine) syncNow();
  });
  return syncNow();
}

function schedule() {
  clearTimeout(timer);
  failures += 1;
  const delay = backoffDelay(failures);
  status.nextAttemptAt = Date.now() + delay;
  timer = setTimeout(() => syncNow(), delay);
}

async function sendAll() {
  clearTimeout(timer);
  status.nextAttemptAt = null;
  // A browser that knows it is offline cannot send; the 'online' event starts the next run.
  if (!navigator.onLine) return;
  const [token, me] = [await kvGet('token'), await kvGet('me')];
  if (!token || !me) return;
  const queue = (await allOutbox()).filter((r) => r.state === 'waiting' && r.username === me.username && r.envelope);
  queue.sort((a, b) => String(a.finishedAt).localeCompare(String(b.finishedAt)));
  for (const record of queue) {
    status.sending = record.id;
    notify();
    const outcome = await sendOne(record, token);
    status.sending = null;
    if (outcome === 'retry') {
      schedule();
      notify();
      return;
    }
    if (outcome === 'auth') {
      status.authExpired = true;
      notify();
      return;
    }
  }
  const dispositions = Object.values(await pendingDispositions()).filter(
    (d) => d.state === 'waiting' && d.username === me.username,
  );
  for (const d of dispositions) {
    const outcome = await sendDisposition(d, token);
    if (outcome === 'retry') {
      schedule();
      notify();
      return;
    }
    if (outcome === 'auth') {
      status.authExpired = true;
      notify();
      return;
    }
  }
  failures = 0;
  status.authExpired = false;
}

async function sendOne(record, token) {
  let res;
  try {
    res = await api('POST', '/api/v1/responses', { token, body: record.envelope });
  } catch (err) {
    if (!(err instanceof NetworkError)) throw err;
    await noteAttempt(record.id, { code: 'network' });
    return 'retry';
  }
  if (res.status === 201 || res.status === 200) {
    await markSent(record.id, res.data && res.data.status, localIso());
    await markAssignmentDone(record.assignmentId);
    return 'sent';
  }
  if (res.status === 401) {
    await noteAttempt(record.id, { status: 401, code: res.data?.error?.code ?? 'unauthenticated' });
    return 'auth';
  }
  const error = refusal(res);
  if (retryable(res.status)) {
    await noteAttempt(record.id, error);
    return 'retry';
  }
  await updateOutbox(record.id, (r) => ({ ...r, state: 'attention', error, attempts: (r.attempts ?? 0) + 1 }));
  return 'attention';
}

const refusal = (res) => ({
  status: res.status,
  code: res.data?.error?.code ?? null,
  details: res.data?.error?.details ?? [],
});
const retryable = (httpStatus) => httpStatus >= 500 || httpStatus === 429 || httpStatus === 408;

/** As sendOne, for an outcome: the server answers a resend of the same outcome 200 "duplicate". */
async function sendDisposition(d, token) {
  const change = (update) =>
    updateDispositions((all) =>
      all[d.assignmentId] ? { ...all, [d.assignmentId]: update(all[d.assignmentId]) } : all,
    );
  let res;
  try {
    res = await api('POST', `/api/v1/assignments/${encodeURIComponent(d.assignmentId)}/disposition`, {
      token,
      body: d.body,
    });
  } catch (err) {
    if (!(err instanceof NetworkError)) throw err;
    await change((x) => ({ ...x, attempts: (x.attempts ?? 0) + 1, error: { code: 'network' } }));
    return 'retry';
  }
  if (res.status === 200) {
    await updateDispositions(({ [d.assignmentId]: _sent, ...rest }) => rest);
    status.dispositionsSent += 1;
    return 'sent';
  }
  if (res.status === 401) return 'auth';
  const error = refusal(res);
  if (retryable(res.status)) {
    await change((x) => ({ ...x, attempts: (x.attempts ?? 0) + 1, error }));
    return 'retry';
  }
  await change((x) => ({ ...x, state: 'attention', attempts: (x.attempts ?? 0) + 1, error }));
  return 'attention';
}

const noteAttempt = (id, error) => updateOutbox(id, (r) => ({ ...r, attempts: (r.attempts ?? 0) + 1, error }));

/** Until the next download of the list, a sent household shows as completed. */
async function markAssignmentDone(assignmentId) {
  const cached = await kvGet('assignments');
  if (!cached || !assignmentId) return;
  const list = cached.list.map((a) =>
    a.id === assignmentId ? { ...a, status: 'completed', disposition: 'completed' } : a,
  );
  await kvSet('assignments', { ...cached, list });
}

/** Puts an interview that needed attention back in the queue (after a supervisor fixed the cause). */
export async function retryRecord(id) {
  await updateOutbox(id, (r) => (r.state === 'attention' ? { ...r, state: 'waiting', error: null } : r));
  failures = 0;
  return syncNow();
}
