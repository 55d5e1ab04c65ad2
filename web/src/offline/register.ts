/**
 * Registers the service worker (`/sw.js`, built from `service-worker.ts`) in a production build,
 * once the page has loaded so it never competes with the first paint. Resolves when a worker
 * controls the page (null without one: development, an old browser, plain HTTP off localhost).
 */
export function registerServiceWorker(): Promise<ServiceWorkerRegistration | null> {
  // Vite's production build; the dev server serves no sw.js (the project's types are Node's, so
  // `import.meta.env` is read through its shape here).
  const env = (import.meta as ImportMeta & { env?: { PROD?: boolean } }).env;
  if (!env?.PROD || !('serviceWorker' in navigator) || !window.isSecureContext) return Promise.resolve(null);
  let tries = 0;
  const register = (): Promise<ServiceWorkerRegistration | null> =>
    navigator.serviceWorker
      .register('/sw.js', { scope: '/' })
      .then((registration) => {
        // An install cut short (the connection dropped while keeping the files) is tried again.
        const installing = registration.installing;
        installing?.addEventListener('statechange', () => {
          if (installing.state === 'redundant' && !registration.active && tries++ < 3)
            window.setTimeout(() => void register(), 15_000);
        });
        return registration;
      })
      .catch(() => null);
  if (document.readyState === 'complete') return register();
  return new Promise((resolve) => {
    window.addEventListener('load', () => void register().then(resolve), { once: true });
  });
}
