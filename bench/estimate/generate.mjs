// Writes the estimation benchmark file: 1,000,000 rows, 60 strata x 20 PSUs (1,200), a 60-level domain
// column that cuts across strata, a weight and 10 analysis variables (0/1 and 1-5 items, ~2% blanks).
// Deterministic (seeded PRNG) so R and langnghe read the same bytes. Usage: node generate.mjs [OUT] [ROWS]
import { createWriteStream } from 'node:fs';
import { resolve } from 'node:path';

const out = resolve(process.argv[2] ?? 'bench/estimate/data/bench-1000000.csv');
const rows = Number(process.argv[3] ?? 1_000_000);
const STRATA = 60;
const PSU_PER_STRATUM = 20;
const DOMAINS = 60;
const VARS = 10;

let state = 20_261_123;
function random() {
  // mulberry32
  state = (state + 0x6d2b79f5) | 0;
  let t = Math.imul(state ^ (state >>> 15), 1 | state);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

const pad = (n, w) => String(n).padStart(w, '0');
const stream = createWriteStream(out);
const header = ['stratum', 'psu', 'tinh', 'w', ...Array.from({ length: VARS }, (_, j) => `v${j + 1}`)];
let buffer = header.map((h) => `"${h}"`).join(',') + '\n';
const totalPsu = STRATA * PSU_PER_STRATUM;
// Each PSU has its own effect so that clustering is real (design effects > 1).
const psuEffect = Array.from({ length: totalPsu }, () => random() - 0.5);
for (let i = 0; i < rows; i += 1) {
  const psu = Math.floor((i * totalPsu) / rows);
  const stratum = Math.floor(psu / PSU_PER_STRATUM);
  const domain = Math.floor(random() * DOMAINS);
  const weight = (50 + 450 * random()).toFixed(4);
  const effect = psuEffect[psu];
  const cells = [
    `"S${pad(stratum + 1, 2)}"`,
    `"S${pad(stratum + 1, 2)}-P${pad(psu + 1, 4)}"`,
    `"Tỉnh ${pad(domain + 1, 2)}"`,
    weight,
  ];
  for (let j = 0; j < VARS; j += 1) {
    if (random() < 0.02) {
      cells.push('');
    } else if (j % 2 === 0) {
      cells.push(random() < 0.5 + 0.4 * effect ? '1' : '0');
    } else {
      cells.push(String(Math.min(5, Math.max(1, Math.round(3 + 2 * effect + 1.2 * (random() - 0.5) * 2)))));
    }
  }
  buffer += cells.join(',') + '\n';
  if (buffer.length > 1 << 20) {
    if (!stream.write(buffer)) await new Promise((r) => stream.once('drain', r));
    buffer = '';
  }
}
stream.write(buffer);
stream.end();
await new Promise((r) => stream.once('finish', r));
process.stdout.write(`wrote ${rows} rows to ${out}\n`);
