// Registers the service worker (scope /field) and asks it what is ready for work without a connection.
const SCOPE = '/field';

export async function registerServiceWorker() {
  if (!('serviceWorker' in navigator)) return null;
  try {
    return await navigator.serviceWorker.register('/field/sw.js', { scope: SCOPE });
  } catch {
    return null;
  }
}

/** The active registration, or null if none within 10 s (no service worker support, or not a secure origin). */
async function activeRegistration() {
  if (!('serviceWorker' in navigator)) return null;
  const registration = await Promise.race([
    navigator.serviceWorker.ready,
    new Promise((resolve) => setTimeout(resolve, 10000, null)),
  ]);
  return registration && registration.active ? registration : null;
}

/** Asks the worker to fetch and cache these URLs now; resolves when it has (or after 30 s). */
export async function warmCache(urls) {
  const registration = await activeRegistration();
  if (!registration) return false;
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    const timer = setTimeout(() => resolve(false), 30000);
    channel.port1.onmessage = (event) => {
      clearTimeout(timer);
      resolve(Boolean(event.data && event.data.ok));
    };
    registration.active.postMessage({ type: 'warm', urls }, [channel.port2]);
  });
}

/** True when every URL is in the worker's cache, so the pages and questionnaires open offline. */
export async function cachedAll(urls) {
  if (!('caches' in window) || !(await activeRegistration())) return false;
  for (const url of urls) {
    if (!(await caches.match(url, { ignoreVary: true }))) return false;
  }
  return true;
}

/** Forgets cached copies of personal data (the assignment list) when the surveyor signs out. */
export async function forgetCachedAssignments() {
  if (!('caches' in window)) return;
  for (const name of await caches.keys()) {
    if (name.startsWith('langnghe-field-'))
      await (await caches.open(name)).delete('/api/v1/assignments', { ignoreVary: true });
  }
}

export const interviewUrl = (code, version) =>
  `/field/interview/${encodeURIComponent(code)}/${encodeURIComponent(version)}`;
/** A version's definition (never changes, so the worker answers it from its cache); without one, the current. */
export const definitionUrl = (code, version) =>
  `/api/v1/surveys/${encodeURIComponent(code)}${version ? `?version=${encodeURIComponent(version)}` : ''}`;
