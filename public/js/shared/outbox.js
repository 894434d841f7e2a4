// Sending what a device collected, for the field app (interviews, visit outcomes) and the kiosk (ratings). Items are
// posted in order, each exactly as stored, so a resend is recognised by the server as a duplicate; an item leaves the
// device only once the server has answered for it. No answer, 5xx, 408 and 429 retry the run with backoff and jitter.
import { backoffDelay } from './backoff.js';
import { api, NetworkError } from './net.js';

const retryable = (httpStatus) => httpStatus >= 500 || httpStatus === 429 || httpStatus === 408;

/** The server's Retry-After in milliseconds (seconds form only), or 0. */
function retryAfterMs(res) {
  const seconds = Number(res.headers && res.headers.get('Retry-After'));
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 0;
}

/**
 * Posts one stored item and says what became of it: `sent` (stored, or a duplicate of what is stored), `retry`,
 * `auth` (401: the device must sign in or pair again) or `refused` (the server will not take it as it is).
 * `error` is what the device keeps to show why: { code: 'network' } or { status, code, details }.
 */
export async function deliver(path, body, token) {
  let res;
  try {
    res = await api('POST', path, { token, body });
  } catch (err) {
    if (!(err instanceof NetworkError)) throw err;
    return { outcome: 'retry', error: { code: 'network' } };
  }
  if (res.status === 201 || res.status === 200) return { outcome: 'sent', data: res.data };
  const code = res.data?.error?.code ?? null;
  if (res.status === 401) return { outcome: 'auth', error: { status: 401, code: code ?? 'unauthenticated' } };
  // The server's own words (in the language the request asked for) are kept to show why.
  const message = res.data?.error?.message;
  const error = { status: res.status, code, ...(message ? { message } : {}), details: res.data?.error?.details ?? [] };
  if (retryable(res.status)) return { outcome: 'retry', error, retryAfterMs: retryAfterMs(res) };
  return { outcome: 'refused', error };
}

/**
 * An outbox drained by one run at a time (a Web Lock named `lockName` across tabs, a promise within one).
 * `pending()` lists the items waiting, in order ({ id, ... }); `send(item)` delivers one and records the result on
 * the device, answering as `deliver` does. A run stops at the first `retry` (and schedules the next run) or `auth`.
 */
export function createOutbox({ lockName, backoff, pending, send }) {
  const listeners = new Set();
  /** `sending`: the id being posted; `nextAttemptAt`: when the scheduled retry runs (ms since the epoch). */
  const status = { sending: null, nextAttemptAt: null, authExpired: false, lastError: null };
  let running = null;
  let again = null;
  let timer = null;
  let failures = 0;
  let started = false;

  function notify() {
    for (const listener of listeners) listener(status);
  }

  function schedule(serverAsksMs = 0) {
    clearTimeout(timer);
    failures += 1;
    // Never sooner than the backoff, nor than the server asked.
    const delay = Math.max(serverAsksMs, backoffDelay(failures, backoff));
    status.nextAttemptAt = Date.now() + delay;
    timer = setTimeout(() => syncNow(), delay);
  }

  async function drain() {
    clearTimeout(timer);
    status.nextAttemptAt = null;
    // A browser that knows it is offline cannot send; the 'online' event starts the next run.
    if (!navigator.onLine) return;
    for (const item of await pending()) {
      status.sending = item.id;
      notify();
      const result = await send(item);
      status.sending = null;
      if (result.outcome === 'retry') {
        schedule(result.retryAfterMs);
        notify();
        return;
      }
      if (result.outcome === 'auth') {
        status.authExpired = true;
        notify();
        return;
      }
    }
    failures = 0;
    status.authExpired = false;
  }

  /**
   * Starts a run now. During a run, callers get one more run after it (their item may have been added after the
   * running one read the outbox). Resolves when the run that covers the caller is over.
   */
  function syncNow() {
    if (running) {
      if (!again)
        again = running.then(() => {
          again = null;
          return syncNow();
        });
      return again;
    }
    running = (navigator.locks ? navigator.locks.request(lockName, drain) : drain())
      .catch((err) => {
        status.lastError = String(err);
      })
      .finally(() => {
        running = null;
        notify();
      });
    return running;
  }

  /** A run without waiting out the backoff (the connection came back, or someone fixed the cause). */
  function retryNow() {
    failures = 0;
    return syncNow();
  }

  /** Sends now, whenever the connection comes back, and when the page becomes visible again. */
  function start() {
    if (started) return syncNow();
    started = true;
    window.addEventListener('online', () => retryNow());
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible' && navigator.onLine) syncNow();
    });
    return syncNow();
  }

  return { status, syncNow, retryNow, start, onChange: (listener) => listeners.add(listener) };
}
