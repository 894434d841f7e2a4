// Service worker of the field app (served as /field/sw.js, scope /field); the build writes it to public/sw.js with
// the precache list filled in. Precaches the app shell, interview pages and definitions; GETs of those and of the
// assignment list are network-first with a cache fallback. POSTs are never touched: the IndexedDB outbox owns them.
/* global self, caches, fetch, Request, Response, Headers, URL, setTimeout */
'use strict';

// <precache> The build replaces this block with the generated list and a cache name made from a hash of the listed
// files (scripts/service-worker.mjs), so that each deployment installs afresh and phones drop the old copies.
const CACHE = 'langnghe-field-template';
const SHELL = [];
// </precache>
/** How long to wait for the network before answering from the cache (a dead zone hangs rather than fails). */
const NETWORK_TIMEOUT_MS = 4000;

const fresh = (url) => new Request(url, { cache: 'reload', credentials: 'same-origin' });

async function put(cache, url) {
  const res = await fetch(fresh(url));
  if (res.ok) await cache.put(url, res);
  return res.ok;
}

/** The current version of each household questionnaire: its page and its definition. */
async function precacheSurveys(cache) {
  const res = await fetch(fresh('/api/v1/surveys'));
  if (!res.ok) return;
  await cache.put('/api/v1/surveys', res.clone());
  const surveys = (await res.json()).filter((s) => s.kind === 'household');
  const urls = surveys.flatMap((s) => {
    const code = encodeURIComponent(s.code);
    const version = encodeURIComponent(s.version);
    return [`/field/interview/${code}/${version}`, `/api/v1/surveys/${code}?version=${version}`];
  });
  await Promise.all(urls.map((url) => put(cache, url).catch(() => false)));
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      await cache.addAll(SHELL.map(fresh));
      await precacheSurveys(cache).catch(() => undefined);
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

/** The page asks for a refresh of the questionnaires it will need offline. */
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
          .map((u) => put(cache, u).catch(() => false)),
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

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (!handled(url, event.request)) return;
  event.respondWith(networkFirst(event, url));
});
