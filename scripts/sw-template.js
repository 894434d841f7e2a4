// Service worker of the field app (served as /field/sw.js, scope /field); the build writes it to public/sw.js with
// the precache list filled in. It precaches the app shell once per deployment, and the definitions of the
// questionnaires the surveyor's households need when the page asks ('warm'). What never changes under its URL
// (content-versioned files, a questionnaire version's definition, the interview page of this deployment) is
// answered from the cache; the app page and API lists are network-first with a cache fallback. POSTs are never
// touched: the IndexedDB outbox owns them.
/* global self, caches, fetch, Request, Response, Headers, URL, setTimeout */
'use strict';

// <precache> The build replaces this block with the generated list and a cache name made from a hash of the listed
// files (scripts/service-worker.mjs), so that each deployment installs afresh and phones drop the old copies.
const CACHE = 'langnghe-field-template';
const SHELL = [];
// </precache>
/** The interview page: the same for every questionnaire (it builds its screens from the definition). */
const INTERVIEW_PAGE = '/field/interview';
/** How long to wait for the network before answering from the cache (a dead zone hangs rather than fails). */
const NETWORK_TIMEOUT_MS = 4000;

const isVersionedFile = (url) => url.pathname.startsWith('/static/') && url.searchParams.has('v');
const isDefinition = (url) => /^\/api\/v1\/surveys\/[^/]+$/.test(url.pathname) && url.searchParams.has('version');

/**
 * One download per URL at a time: a page and the warm-up asking for the same definition share it. With `cache`, the
 * download counts as under way until it is stored there, so a request arriving between its headers and its storing
 * does not download it again.
 */
const inFlight = new Map();
function fetchOnce(path, cache) {
  const url = new URL(path, self.location.origin).href;
  if (!inFlight.has(url)) {
    const pending = fetch(new Request(url, { credentials: 'same-origin' })).then(async (res) => {
      if (cache && res.ok) await cache.put(url, res.clone());
      return res;
    });
    inFlight.set(url, pending);
    pending.then(
      () => inFlight.delete(url),
      () => inFlight.delete(url),
    );
  }
  return inFlight.get(url).then((res) => res.clone());
}

/** Stores `url` unless it is stored already; true when the cache holds it. */
async function keep(cache, url) {
  if (await cache.match(url, { ignoreVary: true })) return true;
  return (await fetchOnce(url, cache)).ok;
}

/** Definitions stored by the previous deployment's worker: they cannot have changed, so they are not downloaded. */
async function carryOverDefinitions(cache) {
  for (const name of await caches.keys()) {
    if (name === CACHE || !name.startsWith('langnghe-field-')) continue;
    const old = await caches.open(name);
    for (const request of await old.keys()) {
      const res = isDefinition(new URL(request.url)) ? await old.match(request) : null;
      if (res) await cache.put(request, res);
    }
  }
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      // The browser's HTTP cache may answer: the page has just downloaded most of the shell, and versioned files
      // are immutable; the pages themselves are revalidated (no-cache).
      await cache.addAll(SHELL);
      await carryOverDefinitions(cache).catch(() => undefined);
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith('langnghe-field-') && name !== CACHE) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

/** The page asks for the questionnaires it will need offline; only what the cache lacks is downloaded. */
self.addEventListener('message', (event) => {
  const data = event.data || {};
  if (data.type !== 'warm' || !Array.isArray(data.urls)) return;
  const port = event.ports && event.ports[0];
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      const results = await Promise.all(
        data.urls
          .filter((u) => typeof u === 'string' && u.startsWith('/'))
          .map((u) => keep(cache, u).catch(() => false)),
      );
      if (port) port.postMessage({ ok: results.every(Boolean) });
    })(),
  );
});

function handled(url, request) {
  if (request.method !== 'GET' || url.origin !== self.location.origin) return false;
  const p = url.pathname;
  if (p === '/field/sw.js') return false;
  return (
    p === '/field' ||
    p.startsWith('/field/') ||
    p.startsWith('/static/') ||
    p === '/api/v1/surveys' ||
    p.startsWith('/api/v1/surveys/') ||
    p === '/api/v1/assignments'
  );
}

/** A cached answer, marked so that the page knows it is not fresh. */
function fromCache(res) {
  const headers = new Headers(res.headers);
  headers.set('X-Langnghe-Cache', 'hit');
  return new Response(res.body, { status: res.status, statusText: res.statusText, headers });
}

/** Neither network nor cache: say so in the form the page expects. */
function offline(request) {
  if (request.mode === 'navigate') {
    const text =
      '<!doctype html><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">' +
      '<title>Lắng Nghe</title><p lang="vi">Không có mạng, và trang này chưa được lưu trên máy. <a href="/field">Về danh sách hộ</a></p>' +
      '<p lang="en">Offline, and this page is not stored on the device. <a href="/field">Back to households</a></p>';
    return new Response(text, { status: 503, headers: { 'Content-Type': 'text/html; charset=utf-8' } });
  }
  return new Response(JSON.stringify({ error: { code: 'offline', message: 'offline', details: [] } }), {
    status: 503,
    headers: { 'Content-Type': 'application/json', 'X-Langnghe-Cache': 'miss' },
  });
}

async function networkFirst(event, url) {
  const request = event.request;
  const cache = await caches.open(CACHE);
  // Pages are stored without their query (?lang=...); definitions and API lists with it.
  const key = request.mode === 'navigate' ? url.origin + url.pathname : request.url;
  const network = fetch(request).then(async (res) => {
    if (res.ok && res.type === 'basic') await cache.put(key, res.clone());
    return res;
  });
  event.waitUntil(network.catch(() => undefined));
  const timeout = new Promise((resolve) => setTimeout(resolve, NETWORK_TIMEOUT_MS, null));
  try {
    const res = await Promise.race([network, timeout]);
    if (res) return res;
  } catch {
    // No network: fall through to the cache.
  }
  const hit = await cache.match(key, { ignoreVary: true });
  if (hit) return fromCache(hit);
  try {
    return await network;
  } catch {
    return offline(request);
  }
}

/** What cannot change under its URL: the cached copy if there is one, else one download (kept if a definition). */
async function cacheFirst(request, url) {
  const cache = await caches.open(CACHE);
  const hit = await cache.match(request.url, { ignoreVary: true });
  if (hit) return hit;
  try {
    return await fetchOnce(request.url, isDefinition(url) ? cache : undefined);
  } catch {
    return offline(request);
  }
}

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (!handled(url, event.request)) return;
  const request = event.request;
  if (request.mode === 'navigate' && url.pathname.startsWith(`${INTERVIEW_PAGE}/`)) {
    event.respondWith(
      caches
        .open(CACHE)
        .then((cache) => cache.match(INTERVIEW_PAGE))
        .then((page) => page || networkFirst(event, url)),
    );
  } else if (isVersionedFile(url) || isDefinition(url)) {
    event.respondWith(cacheFirst(request, url));
  } else {
    event.respondWith(networkFirst(event, url));
  }
});
