// Does pyxform, the converter of ODK, KoboToolbox and SurveyCTO, accept what `survey export --format xlsform` writes
// (issue 23)? Exports every pack in surveys/ as the CLI does and converts it with pyxform's xls2xform
// (--skip_validate: ODK Validate is a Java program pyxform downloads, not available here). Then, with --corpus,
// reads each XLSForm in that folder (pyxform's own tests/example_xls, say) with this project's import and with
// pyxform, and prints both verdicts side by side.
// pyxform is not on Debian, and PyPI is not reachable here: point --pyxform (or PYXFORM_SRC) at a source checkout
// whose pyxform/ folder Python can import; its dependencies are Debian's python3-openpyxl, python3-xlrd,
// python3-defusedxml and python3-lark. Exits 0 when every pack converts, 1 when one does not, 3 when pyxform or its
// dependencies are missing: nothing was checked, said, never passed silently.
// Usage: npm run build && node bench/xlsform/pyxform.mjs --pyxform DIR [--corpus DIR] [--out DIR]
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values: opts } = parseArgs({
  options: {
    pyxform: { type: 'string', default: process.env.PYXFORM_SRC ?? '' },
    corpus: { type: 'string' },
    out: { type: 'string' },
  },
});

const root = resolve(import.meta.dirname, '../..');
const python = ['/usr/bin/python3', 'python3'].find((p) => !spawnSync(p, ['--version']).error) ?? 'python3';
const env = { ...process.env, PYTHONPATH: opts.pyxform ? resolve(opts.pyxform) : (process.env.PYTHONPATH ?? '') };
const probe = spawnSync(
  python,
  ['-c', 'import pyxform, openpyxl, xlrd, defusedxml, lark; print(pyxform.__version__)'],
  {
    env,
    encoding: 'utf8',
  },
);
if (probe.status !== 0) {
  process.stderr.write(
    'pyxform check NOT RUN: python3 cannot import pyxform and its dependencies ' +
      '(--pyxform DIR with a pyxform source checkout; apt-get install python3-openpyxl python3-xlrd ' +
      `python3-defusedxml python3-lark)\n${probe.stderr.trim().split('\n').pop() ?? ''}\n`,
  );
  process.exit(3);
}
const pyxformVersion = probe.stdout.trim();

const { parseDefinitionText } = await import(join(root, 'dist/domain/questionnaire/index.js'));
const { exportXlsForm } = await import(join(root, 'dist/domain/xlsform/export.js'));
const { writeXlsFormFile } = await import(join(root, 'dist/services/surveys/xlsform-file.js'));
const { importXlsFormFile } = await import(join(root, 'dist/services/surveys/xlsform-import.js'));

const out = resolve(opts.out ?? mkdtempSync(join(tmpdir(), 'langnghe-pyxform-')));
mkdirSync(out, { recursive: true });

/** pyxform's verdict on one XLSX: 'converts' (with the XForm's bind count) or its last line of error. */
function convert(xlsx) {
  const xml = xlsx.replace(/\.xlsx$/, '.xml');
  const run = spawnSync(python, ['-m', 'pyxform.xls2xform', xlsx, xml, '--skip_validate'], { env, encoding: 'utf8' });
  const said = `${run.stdout}\n${run.stderr}`.trim().split('\n');
  if (run.status !== 0 || !said.some((l) => /Conversion complete/.test(l)))
    return { ok: false, text: said.pop() ?? '' };
  const binds = (readFileSync(xml, 'utf8').match(/<bind /g) ?? []).length;
  return { ok: true, text: `converts (${binds} binds)`, warnings: said.filter((l) => /warn/i.test(l)) };
}

console.log(`pyxform ${pyxformVersion} (${python}), files in ${out}`);
let failed = 0;
for (const file of readdirSync(join(root, 'surveys'))
  .filter((f) => f.endsWith('.json'))
  .sort()) {
  const def = parseDefinitionText(readFileSync(join(root, 'surveys', file), 'utf8'), file).definition;
  const xlsx = join(out, `${def.code}-${def.version}.xlsx`);
  writeFileSync(xlsx, await writeXlsFormFile(exportXlsForm(def)));
  const verdict = convert(xlsx);
  if (!verdict.ok) failed += 1;
  console.log(`export ${file.padEnd(24)} ${verdict.ok ? 'PASS' : 'FAIL'} ${verdict.text}`);
  for (const w of verdict.warnings ?? []) console.log(`  pyxform: ${w}`);
}

if (opts.corpus) {
  console.log(`\nforms in ${opts.corpus}: pyxform's verdict | this import's verdict (first reason)`);
  for (const file of readdirSync(opts.corpus)
    .filter((f) => f.endsWith('.xlsx'))
    .sort()) {
    const path = join(opts.corpus, file);
    const copy = join(out, `corpus-${basename(file)}`);
    writeFileSync(copy, readFileSync(path));
    const theirs = convert(copy);
    let ours;
    try {
      await importXlsFormFile(readFileSync(path), { code: 'corpus', version: '1' }, { thread: 'inline' });
      ours = 'imports';
    } catch (err) {
      const details = err.details ?? [];
      ours = details.length > 0 ? `refused (${details.length}): ${details[0].message}` : `error: ${err.message}`;
    }
    console.log(`${file.padEnd(32)} ${theirs.ok ? 'converts' : 'refused '} | ${ours.slice(0, 110)}`);
  }
}
console.log(failed === 0 ? 'every exported pack converts with pyxform' : `${failed} exported pack(s) do not convert`);
process.exit(failed === 0 ? 0 : 1);
