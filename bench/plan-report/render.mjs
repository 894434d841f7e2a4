// Does the plan report DOCX open and render (issue 21)? Generates it as a user would, with the CLI and no server
// (`langnghe plan import`, then `plan report --format docx`), converts it with LibreOffice headless to PDF, then
// with poppler to PNG pages, and checks the page count and that the report's text is on the pages (pdftotext).
// Prints the PDF and PNG paths (look at the PNGs). Exits 0 when it renders, 1 when it does not, 3 when LibreOffice
// (Debian libreoffice-writer-nogui) or poppler-utils is missing: nothing was checked, said, never passed silently.
// Usage: npm run build && node bench/plan-report/render.mjs [--plan plans/bac-giang-2024.json] [--year Y] [--out DIR]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values: opts } = parseArgs({
  options: {
    plan: { type: 'string', default: 'plans/bac-giang-2024.json' },
    year: { type: 'string', default: '2024' },
    out: { type: 'string' },
  },
});

const has = (command, args) => {
  const probe = spawnSync(command, args, { encoding: 'utf8' });
  return !probe.error && probe.status === 0;
};
const missing = [
  ...(has('soffice', ['--version']) ? [] : ['soffice (apt-get install libreoffice-writer-nogui)']),
  ...(has('pdftoppm', ['-v']) && has('pdftotext', ['-v']) && has('pdfinfo', ['-v'])
    ? []
    : ['pdftoppm, pdftotext, pdfinfo (apt-get install poppler-utils)']),
];
if (missing.length > 0) {
  process.stderr.write(`plan report render check NOT RUN: missing ${missing.join('; ')}\n`);
  process.exit(3);
}

const work = mkdtempSync(join(tmpdir(), 'langnghe-plan-render-'));
const out = resolve(opts.out ?? join(work, 'out'));
mkdirSync(out, { recursive: true });
const env = { ...process.env, DATABASE_PATH: join(work, 'db.sqlite'), LOG_LEVEL: 'warn', DEMO: '0' };
class RenderFailure extends Error {}
const fail = (message) => {
  throw new RenderFailure(message);
};
const run = (command, args) => {
  const r = spawnSync(command, args, { encoding: 'utf8', env, timeout: 180_000 });
  if (r.error || r.status !== 0)
    fail(`${command} ${args.join(' ')}: ${r.error?.message ?? `exit ${r.status}`}\n${r.stdout ?? ''}${r.stderr ?? ''}`);
  return r.stdout;
};

try {
  const code = run('node', ['bin/langnghe.js', 'plan', 'import', '--file', opts.plan]).trim().split('\n').at(-1);
  const docx = join(out, `${code}.docx`);
  run('node', [
    'bin/langnghe.js',
    'plan',
    'report',
    '--plan',
    code,
    '--year',
    opts.year,
    '--format',
    'docx',
    '--out',
    docx,
  ]);
  // A profile of its own: a first start writes one, and a shared one may be locked by another soffice.
  const profile = `file://${join(work, 'lo-profile')}`;
  const started = Date.now();
  run('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', out, docx]);
  const pdf = join(out, `${code}.pdf`);
  if (!existsSync(pdf)) fail(`LibreOffice wrote no ${pdf}`);
  const pages = Number(/^Pages:\s+(\d+)/m.exec(run('pdfinfo', [pdf]))?.[1] ?? 0);
  const text = run('pdftotext', ['-layout', pdf, '-']);
  run('pdftoppm', ['-png', '-r', '70', pdf, join(out, 'page')]);
  const pngs = readdirSync(out).filter((f) => /^page-\d+\.png$/.test(f));
  const plan = JSON.parse(readFileSync(opts.plan, 'utf8'));
  // The report's own words: its title, the plan's name, and a department named in its tables.
  const wanted = ['BÁO CÁO', plan.name, 'Sở Nội vụ'];
  const absent = wanted.filter((w) => !text.replace(/\s+/g, ' ').includes(w.replace(/\s+/g, ' ')));
  console.log(`docx ${docx}`);
  console.log(`pdf  ${pdf}: ${pages} pages, converted in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(`png  ${pngs.length} pages in ${out}: ${pngs.sort().join(', ')}`);
  console.log(`text ${text.length} characters; looked for ${wanted.map((w) => `"${w}"`).join(', ')}`);
  if (pages < 1) fail('the PDF has no page');
  if (pngs.length !== pages) fail(`${pngs.length} PNG pages for ${pages} PDF pages`);
  if (absent.length > 0) fail(`text not found on the pages: ${absent.join(', ')}`);
  console.log('OK: the plan report opens in LibreOffice and renders with its text');
} catch (err) {
  if (!(err instanceof RenderFailure)) throw err;
  process.stderr.write(`plan report does not render: ${err.message}\n`);
  process.exitCode = 1;
} finally {
  // The pages stay where --out put them; the database and LibreOffice's profile go.
  rmSync(work, { recursive: true, force: true });
}
