/**
 * The web console's service worker (scope /console/): the console opens offline. It precaches the page
 * and every file of the build into a cache named after the build, so a new build installs beside the
 * old one and the old caches are deleted once it takes over. Navigations go to the network first (a new
 * build's page as soon as there is one) and fall back to the cached page; the build's files come from
 * the cache first. Nothing else is touched: the API, the console's session routes and anything outside
 * /console/ go to the network as if there were no worker.
 *
 * The service serves this file with `PRECACHE` defined before it (server/console/routes.ts).
 */
export {};

declare const self: ServiceWorkerGlobalScope;
declare const PRECACHE: {
  /** The cache's name: changes with the build. */
  readonly cache: string;
  /** The prefix all of the caches of this worker share (the old ones are found by it). */
  readonly prefix: string;
  /** The page's address (/console/). */
  readonly page: string;
  /** Where the worker may act (/console/), and what it must leave alone there. */
  readonly scope: string;
  readonly bypass: readonly string[];
  /** Every file of the build, as absolute paths. */
  readonly files: readonly string[];
};

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(PRECACHE.cache)
      .then((cache) => cache.addAll([PRECACHE.page, ...PRECACHE.files]))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(
          names
            .filter((name) => name.startsWith(PRECACHE.prefix) && name !== PRECACHE.cache)
            .map((name) => caches.delete(name)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (!url.pathname.startsWith(PRECACHE.scope)) return;
  if (PRECACHE.bypass.some((path) => url.pathname.startsWith(path))) return;
  if (request.mode === 'navigate') {
    event.respondWith(
      fetch(request).catch(async () => (await caches.match(PRECACHE.page)) ?? Response.error()),
    );
    return;
  }
  if (!PRECACHE.files.includes(url.pathname)) return;
  event.respondWith(caches.match(url.pathname).then((cached) => cached ?? fetch(request)));
});
