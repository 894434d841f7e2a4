// The reproduction bundle of a round: one zip with microdata.csv (streamed in pages, as the microdata download),
// codebook.csv, framework.csv, results.csv, microdata.R, microdata.do, microdata.sps and a README, all generated
// from the same codebook and framework model, so `Rscript microdata.R` can recompute every figure of results.csv.
import { PassThrough, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import JSZip from 'jszip';
import type { AppContext } from '../../context.js';
import { intervalMethodName, type BundleInput } from '../../domain/results/bundle-input.js';
import { microdataR } from '../../domain/results/bundle-r.js';
import { bundleReadme } from '../../domain/results/bundle-readme.js';
import { microdataSps } from '../../domain/results/bundle-spss.js';
import { microdataDo } from '../../domain/results/bundle-stata.js';
import { csvCell } from '../../domain/results/csv-dialect.js';
import { frameworkColumns, frameworkRows, type FrameworkRow } from '../../domain/results/framework-csv.js';
import { frameworkModel, type FrameworkModel } from '../../domain/results/framework-model.js';
import { scoredFields } from '../../domain/results/score-columns.js';
import type { Questionnaire } from '../../domain/questionnaire/index.js';
import { resultsCsv } from './formats.js';
import { codebookText, microdataVariables } from './microdata-export.js';
import { downloadMicrodataCsv } from './microdata-thread.js';
import { roundMargins } from './round-data.js';
import { roundResults, type RoundResults } from './round-results.js';
import { roundDesignSpec, type RoundRow } from './rounds.js';
import { resultRows } from './table.js';

/** The scoring framework of a round's questionnaire, as framework.csv states it. */
export function roundFramework(q: Questionnaire): FrameworkModel {
  return frameworkModel(q, new Set(scoredFields(q)));
}

export function frameworkCsv(rows: readonly FrameworkRow[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const records = rows.map((r) => frameworkColumns.map((c) => csvCell(r[c], 'standard')));
    stringify([[...frameworkColumns], ...records], (err, text) => (err ? reject(err) : resolve(`\uFEFF${text}`)));
  });
}

/** Everything the scripts are generated from, for a round whose results are already computed. */
export async function bundleInput(ctx: AppContext, round: RoundRow, results: RoundResults): Promise<BundleInput> {
  const margins = round.calibration === 'none' ? new Map() : await roundMargins(ctx, round);
  return {
    round: {
      code: round.code,
      label: round.label,
      survey: round.survey_code,
      version: round.survey_version,
      periodStart: round.period_start,
      periodEnd: round.period_end,
    },
    design: roundDesignSpec(round),
    calibration: {
      method: results.design.calibration.method,
      margins: [...margins].flatMap(([variable, levels]) =>
        [...(levels as Map<string, number>)].map(([level, total]) => ({ variable, level, total })),
      ),
    },
    variables: await microdataVariables(ctx, round),
    framework: roundFramework(results.questionnaire),
    intervals: Object.fromEntries(results.nodes.map((n) => [n.code, intervalMethodName(String(n.interval))])),
    // The results say it by giving the index no degrees of freedom.
    selfSelected: !Number.isFinite(results.result.overall.df),
    generatedAt: ctx.clock.now().toISOString(),
  };
}

/** The bundle's folder inside the zip: unzipping it gives one folder to run the scripts in. */
export const bundleFolder = (round: RoundRow): string => `langnghe-${round.code}-bundle`;

export interface RoundBundle {
  folder: string;
  /** Writes the zip to `out` and ends it; the microdata streams in page by page, so memory stays flat. */
  write(out: Writable): Promise<void>;
}

/**
 * Computes the round's results and generates every file but the microdata, so a round that cannot be estimated is
 * refused before anything is sent.
 */
export async function prepareRoundBundle(ctx: AppContext, round: RoundRow): Promise<RoundBundle> {
  const results = await roundResults(ctx, round, null);
  const input = await bundleInput(ctx, round, results);
  const folder = bundleFolder(round);
  const files: [string, string][] = [
    ['codebook.csv', await codebookText(input.variables)],
    ['framework.csv', await frameworkCsv(frameworkRows(input.framework))],
    ['results.csv', await resultsCsv(resultRows(results))],
    ['microdata.R', microdataR(input)],
    ['microdata.do', microdataDo(input)],
    ['microdata.sps', microdataSps(input)],
    ['README.md', bundleReadme(input, folder)],
  ];
  return {
    folder,
    async write(out) {
      const zip = new JSZip();
      const microdata = new PassThrough();
      zip.file(`${folder}/microdata.csv`, microdata, { binary: true });
      for (const [name, text] of files) zip.file(`${folder}/${name}`, text);
      const writing = downloadMicrodataCsv(ctx, round, microdata).then(
        () => void microdata.end(),
        (err: unknown) => void microdata.destroy(err instanceof Error ? err : new Error(String(err))),
      );
      const zipped = zip.generateNodeStream({
        type: 'nodebuffer',
        streamFiles: true,
        compression: 'DEFLATE',
        compressionOptions: { level: 6 },
      });
      // When the client goes away the zip stops reading: end the microdata stream so its pages stop too.
      const sent = pipeline(zipped, out).catch((err: unknown) => {
        microdata.destroy();
        throw err;
      });
      await Promise.all([sent, writing]);
    },
  };
}
