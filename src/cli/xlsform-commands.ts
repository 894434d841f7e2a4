// `langnghe survey export --format xlsform` and `langnghe survey import`: questionnaires to and from XLSForm.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { exportSurveyXlsForm } from '../services/surveys/xlsform-export.js';
import { importXlsFormFile } from '../services/surveys/xlsform-import.js';
import { processIo, reportDomainError, withContext, type Io } from './io.js';

export async function exportCommand(args: string[], io: Io = processIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      code: { type: 'string' },
      version: { type: 'string' },
      format: { type: 'string', default: 'xlsform' },
      out: { type: 'string' },
    },
    strict: true,
  });
  if (!values.code || !values.out || values.format !== 'xlsform') {
    io.stderr('usage: langnghe survey export --code C [--version V] --format xlsform --out F.xlsx\n');
    return 2;
  }
  const { code, version, out } = values;
  return withContext(io, async (ctx) => {
    const file = await exportSurveyXlsForm(ctx.surveys, code, version);
    writeFileSync(out, file.bytes);
    io.stdout(`wrote ${out} (${file.fileName.replace(/\.xlsx$/, '')}, XLSForm)\n`);
    return 0;
  });
}

export async function importCommand(args: string[], io: Io = processIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      file: { type: 'string' },
      code: { type: 'string' },
      version: { type: 'string' },
      out: { type: 'string' },
      force: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (!values.file || !values.code || !values.version) {
    io.stderr('usage: langnghe survey import --file F.xlsx --code C --version V [--out surveys/C.json] [--force]\n');
    return 2;
  }
  const out = values.out ?? join(loadConfig().surveysDir, `${values.code}.json`);
  if (existsSync(out) && !values.force) {
    io.stderr(`${out} exists; give another --out, or --force to replace it\n`);
    return 2;
  }
  try {
    const { definition, dropped } = await importXlsFormFile(
      readFileSync(values.file),
      { code: values.code, version: values.version },
      { thread: 'inline' },
    );
    writeFileSync(out, `${JSON.stringify(definition, null, 2)}\n`);
    for (const d of dropped) io.stdout(`left out ${d}\n`);
    io.stdout(`wrote ${out} (${definition.code}@${definition.version}, ${definition.sections.length} sections)\n`);
    return 0;
  } catch (err) {
    return reportDomainError(err, io);
  }
}
