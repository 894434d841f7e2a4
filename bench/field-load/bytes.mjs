// Bytes on the wire for what a surveyor's phone downloads to sign in and open the first interview, with and
// without gzip, from a running server: node bench/field-load/bytes.mjs [BASE_URL] (default http://127.0.0.1:3000).
import { get } from 'node:http';

const base = process.argv[2] ?? 'http://127.0.0.1:3000';

/** The text of a page, to find the files it links (their URLs carry a content hash). */
function page(path) {
  return new Promise((resolve, reject) => {
    get(`${base}${path}`, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => resolve(text));
    }).on('error', reject);
  });
}
const linked = async (path) => [...(await page(path)).matchAll(/(?:src|href)="(\/static\/[^"]+)"/g)].map((m) => m[1]);
const paths = [
  ...new Set([
    '/field',
    ...(await linked('/field')),
    '/field/interview/papi-2024/2024.1',
    ...(await linked('/field/interview/papi-2024/2024.1')),
    '/api/v1/surveys/papi-2024?version=2024.1',
  ]),
];

function wire(path, encoding) {
  return new Promise((resolve, reject) => {
    get(`${base}${path}`, { headers: { 'Accept-Encoding': encoding } }, (res) => {
      let bytes = 0;
      res.on('data', (chunk) => (bytes += chunk.length));
      res.on('end', () => resolve({ status: res.statusCode, bytes }));
    }).on('error', reject);
  });
}

let plainTotal = 0;
let gzipTotal = 0;
console.log(`${'path'.padEnd(48)} ${'status'.padStart(6)} ${'identity'.padStart(10)} ${'gzip'.padStart(10)}`);
for (const path of paths) {
  const plain = await wire(path, 'identity');
  const gzip = await wire(path, 'gzip');
  plainTotal += plain.bytes;
  gzipTotal += gzip.bytes;
  console.log(
    `${path.padEnd(48)} ${String(plain.status).padStart(6)} ${String(plain.bytes).padStart(10)} ${String(gzip.bytes).padStart(10)}`,
  );
}
console.log(
  `${'total'.padEnd(48)} ${''.padStart(6)} ${String(plainTotal).padStart(10)} ${String(gzipTotal).padStart(10)}`,
);
