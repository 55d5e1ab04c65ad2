/**
 * The service worker (built to `/sw.js` by `build-plugin.ts`, registered by `register.ts`): the app
 * opens with no connection, and a signed-in officer's report forms open too.
 *
 * - The shell (index.html, the scripts and styles of sign-in, the shell, "Báo cáo của tôi" and the
 *   report page, fonts, icons) is cached when the worker installs; other hashed files the first
 *   time they are used (they never change under one name).
 * - A page opened with no connection gets index.html; the app routes on the client.
 * - The API answers an officer's forms need (who is signed in, the reports due, each report) are
 *   fetched from the network first and kept; with no connection the kept copy is answered. A 401
 *   (the session ended) throws them away: sign-in is still required, and sign-out clears them
 *   (`offline-data.ts`).
 * - Nothing that writes goes through the cache: saves, submissions and photos made offline wait
 *   in the page's queue (`outbox.ts`) and are sent with an Idempotency-Key when the connection
 *   is back.
 *
 * Self-contained (no imports): it runs as a classic worker script. `__PRECACHE_URL__` and
 * `__BUILD__` are written in front of it at build time, and the whole is minified.
 */

/** The list of files to keep, a JSON array in a file named by its hash (`build-plugin.ts`). */
declare const __PRECACHE_URL__: string;
declare const __BUILD__: string;

interface SwExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface SwFetchEvent extends SwExtendableEvent {
  readonly request: Request;
  respondWith(response: Response | Promise<Response>): void;
}
interface SwScope {
  addEventListener(type: 'install' | 'activate', listener: (event: SwExtendableEvent) => void): void;
  addEventListener(type: 'fetch', listener: (event: SwFetchEvent) => void): void;
  skipWaiting(): Promise<void>;
  readonly clients: { claim(): Promise<void> };
  readonly location: Location;
}

const sw = self as unknown as SwScope;

const SHELL_CACHE = `tiendo-shell-${__BUILD__}`;
const ASSET_CACHE = 'tiendo-assets';
/** Also named in `offline-data.ts`, which deletes it on sign-out. */
const API_CACHE = 'tiendo-api';

/** The API answers an officer needs to open the app and a report form with no connection. */
const OFFLINE_API = [
  /^\/api\/auth\/me$/,
  /^\/api\/meta$/,
  /^\/api\/my-reports$/,
  /^\/api\/reports\/\d+$/,
  /^\/api\/notifications$/,
];

sw.addEventListener('install', (event) => {
  event.waitUntil(
    fetch(__PRECACHE_URL__, { cache: 'reload' })
      .then((list) => {
        if (!list.ok) throw new Error(`${__PRECACHE_URL__}: ${list.status}`);
        return list.json() as Promise<string[]>;
      })
      .then((urls) =>
        caches
          .open(SHELL_CACHE)
          .then((cache) => cache.addAll(urls.map((url) => new Request(url, { cache: 'reload' })))),
      )
      .then(() => sw.skipWaiting()),
  );
});

sw.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(
          names
            .filter((name) => name.startsWith('tiendo-shell-') && name !== SHELL_CACHE)
            .map((name) => caches.delete(name)),
        ),
      )
      .then(() => sw.clients.claim()),
  );
});

async function fromNetworkElseShell(request: Request): Promise<Response> {
  try {
    return await fetch(request);
  } catch {
    const shell = await caches.match('/index.html', { cacheName: SHELL_CACHE });
    return shell ?? Response.error();
  }
}

async function apiNetworkFirst(request: Request): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(request);
  } catch {
    // No connection: the kept copy, or the network error the page expects (it then retries).
    const kept = await caches.match(request, { cacheName: API_CACHE, ignoreVary: true });
    return kept ?? Response.error();
  }
  if (response.status === 401) {
    await caches.delete(API_CACHE);
  } else if (response.ok && (response.headers.get('content-type') ?? '').includes('application/json')) {
    const copy = response.clone();
    await caches.open(API_CACHE).then((cache) => cache.put(request, copy));
  }
  return response;
}

async function cacheFirst(request: Request, path: string): Promise<Response> {
  const hit = await caches.match(request, { ignoreVary: true });
  if (hit) return hit;
  const response = await fetch(request);
  if (response.ok && path.startsWith('/assets/')) {
    const copy = response.clone();
    await caches.open(ASSET_CACHE).then((cache) => cache.put(request, copy));
  }
  return response;
}

sw.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== sw.location.origin) return;
  const path = url.pathname;
  if (request.mode === 'navigate') {
    if (path.startsWith('/api/')) return;
    event.respondWith(fromNetworkElseShell(request));
    return;
  }
  if (path.startsWith('/api/')) {
    if (OFFLINE_API.some((pattern) => pattern.test(path))) event.respondWith(apiNetworkFirst(request));
    return;
  }
  if (path === '/sw.js') return;
  event.respondWith(cacheFirst(request, path));
});

// A module for the type checker (its names stay its own); the build removes this line.
export {};
