// Pages, scripts, styles and JSON leave the server gzipped when the browser accepts it: the field app's
// interview page is the heaviest thing a surveyor's phone downloads.
import { get, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serve } from '../helpers/browser.js';
import { createTestEnv, type TestEnv } from '../helpers/context.js';

let env: TestEnv;
let server: Server;
let url: string;
beforeAll(async () => {
  env = await createTestEnv();
  ({ server, url } = await serve(env));
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await env.close();
});

/** Bytes on the wire: node:http hands over the body as sent, without decoding it (unlike supertest). */
function wire(path: string, encoding: string): Promise<{ bytes: number; encoding: unknown; status: number }> {
  return new Promise((resolve, reject) => {
    get(`${url}${path}`, { headers: { 'Accept-Encoding': encoding } }, (res) => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => (bytes += chunk.length));
      res.on('end', () => resolve({ bytes, encoding: res.headers['content-encoding'], status: res.statusCode ?? 0 }));
    }).on('error', reject);
  });
}

describe('compression', () => {
  for (const path of [
    '/field/interview/papi-2024/2024.1',
    '/static/css/field.css',
    '/static/js/field/app.js',
    '/api/v1/surveys/papi-2024',
  ]) {
    it(`gzips ${path} to well under half its size`, async () => {
      const plain = await wire(path, 'identity');
      const gzipped = await wire(path, 'gzip');
      expect(plain.status).toBe(200);
      expect(plain.encoding).toBeUndefined();
      expect(gzipped.encoding).toBe('gzip');
      expect(gzipped.bytes).toBeLessThan(plain.bytes / 2);
    });
  }
});
