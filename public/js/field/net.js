// Talking to the server: JSON over fetch with a timeout (a dead zone often means a request that never ends,
// not one that fails). A NetworkError means "no answer"; any HTTP answer, even an error, is returned.
export class NetworkError extends Error {}

// navigator.onLine only says that a network interface is up: a phone on a village wifi without a way out, or a
// browser whose flag lags behind, reports "online" while nothing gets through. So the last request decides too.
let reachable = null;
const reachabilityListeners = new Set();

function noteReachable(value) {
  if (reachable === value) return;
  reachable = value;
  for (const listener of reachabilityListeners) listener();
}

/**
 * Whether the server can be reached, as far as this page knows: the browser is online and no request has failed since
 * the last answer.
 */
export function serverReachable() {
  return navigator.onLine && reachable !== false;
}

export function onReachabilityChange(listener) {
  reachabilityListeners.add(listener);
}

// Coming back online is a fresh start: until a request says otherwise, the server is taken to be reachable.
if (typeof window !== 'undefined') window.addEventListener('online', () => noteReachable(null));

export async function api(method, path, { token, body, timeoutMs = 30000 } = {}) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const headers = { Accept: 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  try {
    const res = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: controller.signal,
      cache: 'no-store',
    });
    let data = null;
    try {
      data = await res.json();
    } catch {
      data = null;
    }
    // The service worker marks answers it served from its cache because the network was unreachable.
    const fromCache = res.headers.get('X-Langnghe-Cache') === 'hit';
    noteReachable(!fromCache);
    return { status: res.status, data, fromCache };
  } catch (err) {
    noteReachable(false);
    throw new NetworkError(String(err && err.message ? err.message : err));
  } finally {
    clearTimeout(timer);
  }
}

/** A UUID v4 made on the device; crypto.randomUUID needs a secure context, getRandomValues does not. */
export function newId() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** An ISO instant with the device's UTC offset: its first 10 characters are the local date of the interview. */
export function localIso(date = new Date()) {
  const offset = -date.getTimezoneOffset();
  const pad = (n) => String(Math.floor(Math.abs(n))).padStart(2, '0');
  const local = new Date(date.getTime() + offset * 60000).toISOString().slice(0, 23);
  return `${local}${offset >= 0 ? '+' : '-'}${pad(offset / 60)}:${pad(offset % 60)}`;
}

export const localDate = (date = new Date()) => localIso(date).slice(0, 10);
