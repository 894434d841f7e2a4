// Talking to the server, for the field app and the kiosk: JSON over fetch with a timeout (a dead zone often means a
// request that never ends, not one that fails). A NetworkError means "no answer"; any HTTP answer, even an error, is
// returned.
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

/** `headers` are the answer's, for Retry-After; `fromCache` says the field app's service worker answered offline. */
export async function api(method, path, { token, body, timeoutMs = 30000 } = {}) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  // The server words its error details in the language of the screen that will show them.
  const screenLang = typeof document === 'undefined' ? '' : document.documentElement.lang;
  const headers = { Accept: 'application/json', 'Accept-Language': screenLang || 'vi' };
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
    return { status: res.status, data, fromCache, headers: res.headers };
  } catch (err) {
    noteReachable(false);
    throw new NetworkError(String(err && err.message ? err.message : err));
  } finally {
    clearTimeout(timer);
  }
}
