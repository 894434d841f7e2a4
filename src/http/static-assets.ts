// Files under public/, served at /static. Pages link them by content: asset('css/app.css') is
// /static/css/app.css?v=<hash>, which browsers keep for a year without asking again (a new content is a new URL);
// any other request for the file revalidates, so that a deployment never leaves a phone with a stale copy.
// scripts/service-worker.mjs precaches the same URLs: both name a file by the first 12 hex digits of its SHA-256.
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join, normalize, sep } from 'node:path';
import express, { type RequestHandler, type Response } from 'express';

export const immutable = 'public, max-age=31536000, immutable';

export interface StaticAssets {
  /** The versioned URL of a file under public/ ('css/app.css'); the plain /static URL when the file is missing. */
  url(path: string): string;
  /** Serves public/ (mounted at /static) with long-lived caching for versioned requests only. */
  serve: RequestHandler;
}

export function staticAssets(publicFolder: string): StaticAssets {
  const publicDir = normalize(publicFolder);
  // Keyed by file, refreshed when its size or modification time changes (a developer editing a file).
  const hashes = new Map<string, { stamp: string; hash: string }>();

  function hashOf(file: string): string | null {
    let stamp: string;
    try {
      const stat = statSync(file);
      if (!stat.isFile()) return null;
      stamp = `${stat.size}:${stat.mtimeMs}`;
    } catch {
      return null;
    }
    const known = hashes.get(file);
    if (known?.stamp === stamp) return known.hash;
    const hash = createHash('sha256').update(readFileSync(file)).digest('hex').slice(0, 12);
    hashes.set(file, { stamp, hash });
    return hash;
  }

  const fileOf = (path: string): string | null => {
    const file = normalize(join(publicDir, path));
    return file.startsWith(publicDir + sep) ? file : null;
  };

  const files = express.static(publicDir, {
    index: false,
    cacheControl: false,
    setHeaders(res: Response, file: string) {
      const v = res.req.query['v'];
      res.setHeader('Cache-Control', typeof v === 'string' && v === hashOf(file) ? immutable : 'no-cache');
    },
  });

  return {
    url(path) {
      const file = fileOf(path);
      const hash = file === null ? null : hashOf(file);
      return hash === null ? `/static/${path}` : `/static/${path}?v=${hash}`;
    },
    serve: files,
  };
}
