// Bytes on the wire for what a surveyor's phone downloads to sign in and open the first interview, with and
// without gzip, from a running server: node bench/field-load/bytes.mjs [BASE_URL] (default http://127.0.0.1:3000).
import { get } from 'node:http';

const base = process.argv[2] ?? 'http://127.0.0.1:3000';
const paths = [
  '/field',
  '/static/css/app.css',
  '/static/css/field.css',
  '/static/js/rules.js',
  '/static/js/field/app.js',
  '/field/i18n.js',
  '/api/v1/surveys/papi-2024',
  '/field/interview/papi-2024/2024.1',
  '/static/js/field/interview.js',
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
console.log(`${'path'.padEnd(40)} ${'status'.padStart(6)} ${'identity'.padStart(10)} ${'gzip'.padStart(10)}`);
for (const path of paths) {
  const plain = await wire(path, 'identity');
  const gzip = await wire(path, 'gzip');
  plainTotal += plain.bytes;
  gzipTotal += gzip.bytes;
  console.log(
    `${path.padEnd(40)} ${String(plain.status).padStart(6)} ${String(plain.bytes).padStart(10)} ${String(gzip.bytes).padStart(10)}`,
  );
}
console.log(
  `${'total'.padEnd(40)} ${''.padStart(6)} ${String(plainTotal).padStart(10)} ${String(gzipTotal).padStart(10)}`,
);
