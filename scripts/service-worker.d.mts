// Types of scripts/service-worker.mjs, for the tests that import it.
export interface PrecacheManifest {
  cacheName: string;
  urls: string[];
}
export function versionedUrl(root: string, path: string): string;
export function precacheManifest(root: string): PrecacheManifest;
export function renderServiceWorker(root: string): string;
export function writeServiceWorker(root: string): void;
