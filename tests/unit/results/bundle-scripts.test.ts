// The bundle's scripts are generated text that statisticians run: each must state the round's design exactly as
// the product applies it (ids, strata, weights, fpc, lonely-PSU rule, calibration), write the framework's formulas,
// and never let a label typed by a person break out of a string or a comment.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDefinitionText, type Questionnaire } from '../../../src/domain/questionnaire/index.js';
import type { BundleInput } from '../../../src/domain/results/bundle-input.js';
import { microdataR } from '../../../src/domain/results/bundle-r.js';
import { bundleReadme } from '../../../src/domain/results/bundle-readme.js';
import { microdataSps, spssString } from '../../../src/domain/results/bundle-spss.js';
import { microdataDo, stataString } from '../../../src/domain/results/bundle-stata.js';
import { codebook, designVariables } from '../../../src/domain/results/codebook.js';
import { frameworkModel } from '../../../src/domain/results/framework-model.js';
import type { RoundDesignSpec } from '../../../src/domain/results/round-design.js';
import { scoredFields, scoreVariables } from '../../../src/domain/results/score-columns.js';

const pack = (code: string): Questionnaire =>
  parseDefinitionText(readFileSync(`surveys/${code}.json`, 'utf8'), `${code}.json`);

function inputFor(code: string, design: RoundDesignSpec, calibration: BundleInput['calibration']): BundleInput {
  const q = pack(code);
  const framework = frameworkModel(q, new Set(scoredFields(q)));
  return {
    round: {
      code: 'r-2026',
      label: 'Kỳ 2026',
      survey: code,
      version: String(q.definition.version),
      periodStart: '2026-01-01',
      periodEnd: '2026-12-31',
    },
    design,
    calibration,
    variables: [...designVariables, ...codebook(q), ...scoreVariables(q)],
    framework,
    intervals: Object.fromEntries(framework.nodes.map((n) => [n.code, 'wald'])),
    selfSelected: false,
    generatedAt: '2026-12-06T00:00:00.000Z',
  };
}

const none = { method: 'none' as const, margins: [] };
const lines = (text: string): string[] => text.split('\n');

describe('microdata.R', () => {
  it('builds the design of a sample draw with its lonely-PSU rule and writes every PAPI formula', () => {
    const r = microdataR(inputFor('papi-2024', { kind: 'sample', lonelyPsu: 'certainty' }, none));
    expect(r).toContain('options(survey.lonely.psu = "certainty")');
    expect(r).toContain(
      'des <- svydesign(ids = ~psu, strata = ~stratum, weights = ~final_weight, data = d, nest = TRUE)',
    );
    expect(r).toContain('df <- degf(des)');
    expect(lines(r)).toContain(
      '  "1.1" = quote((`1.1.1` + `1.1.2` + `1.1.3`) / 3 / 4), # subdimension: mean_of_children_over_k',
    );
    expect(lines(r)).toContain(
      '  "PAPI" = quote(`1` + `2` + `3` + `4` + `5` + `6` + `7` + `8`) # overall: sum_of_children',
    );
    expect(r).toContain(
      'S[["i1_1_1"]] <- rescaled_score(d[["i1_1_1"]], scale = c(0, 1), polarity = 1, to = c(1, 10), excluded = c(99), recode = c("0" = 0, "1" = 1, "98" = 0))',
    );
    expect(r).toContain('same_column("score_i1_1_1", S[["i1_1_1"]])');
    expect(r).toMatch(
      /d\[\["i1_1_1\.f"\]\] <- factor\(d\[\["i1_1_1"\]\], levels = c\(1, 0, 98, 99\), labels = c\("Có", "Không", "Không biết \[dont_know\]", "Từ chối trả lời \[refused\]"\)\)/,
    );
    // The worked examples: one indicator, its sub-dimension and the total, each checked against the generic figure.
    expect(r).toContain('ex1 <- svymean(~score_i1_1_1, des, na.rm = TRUE)');
    expect(r).toContain(
      'ex2 <- svycontrast(tot2, quote(((y.i1_1_1 / x.i1_1_1) + (y.i1_1_2 / x.i1_1_2) + (y.i1_1_3 / x.i1_1_3)) / 3 / 4))',
    );
    expect(r).toContain('same_figure(ex3, "PAPI")');
    expect(r).toContain('U <- vapply(names(nodes), function(code) {');
    expect(r).toContain('res <- read.csv("results.csv"');
    expect(r).not.toMatch(/read\.csv\("(?!microdata|results)/);
  });

  it('gives a simple random sample its fpc and a stratified round its strata', () => {
    const srs = microdataR(inputFor('sipas-2024', { kind: 'srs', population: 250000, lonelyPsu: 'adjust' }, none));
    expect(srs).toContain('weights = ~final_weight, fpc = ~fpc, data = d, nest = TRUE)');
    const noN = microdataR(inputFor('sipas-2024', { kind: 'srs', population: null, lonelyPsu: 'adjust' }, none));
    expect(noN).not.toContain('fpc = ~fpc');
    const strat = microdataR(
      inputFor('sipas-2024', { kind: 'stratified', question: 'a_gender', lonelyPsu: 'fail' }, none),
    );
    expect(strat).toContain('options(survey.lonely.psu = "fail")');
    expect(strat).toContain('the answer to a_gender is the stratum');
  });

  it('repeats the round’s calibration on the base weight: raking with its population totals, or post-stratification', () => {
    const margins = [
      { variable: 'a_age_band', level: '1', total: 300 },
      { variable: 'a_age_band', level: '2', total: 700 },
      { variable: 'a_gender', level: '1', total: 490 },
      { variable: 'a_gender', level: '2', total: 510 },
    ];
    const raked = microdataR(
      inputFor('sipas-2024', { kind: 'srs', population: null, lonelyPsu: 'adjust' }, { method: 'raking', margins }),
    );
    expect(raked).toContain('d[["cal.a_gender"]] <- factor(d[["a_gender"]], levels = c(1, 2))');
    expect(raked).toContain('d$adjusted_weight <- d$base_weight * d$nonresponse_factor');
    expect(raked).toContain('weights = ~adjusted_weight');
    expect(raked).toContain(
      'des <- calibrate(des, ~cal.a_age_band + cal.a_gender, population = c("(Intercept)" = 1000, "cal.a_age_band2" = 700, "cal.a_gender2" = 510), calfun = "raking")',
    );
    expect(raked).toContain('w_ok <- agrees(weights(des), d$final_weight)');
    const post = microdataR(
      inputFor(
        'sipas-2024',
        { kind: 'srs', population: null, lonelyPsu: 'adjust' },
        { method: 'poststratify', margins: margins.slice(2) },
      ),
    );
    expect(post).toContain('des <- postStratify(des, ~a_gender, data.frame(a_gender = c(1, 2), Freq = c(490, 510)))');
  });

  it('keeps a label typed by a person inside its comment and its strings', () => {
    const input = inputFor('papi-2024', { kind: 'sample', lonelyPsu: 'adjust' }, none);
    input.round.label = 'Kỳ 2026\nsystem("rm -rf ~") # "quoted"';
    const r = microdataR(input);
    expect(lines(r).filter((l) => l.startsWith('system('))).toEqual([]);
    expect(lines(microdataDo(input)).filter((l) => l.startsWith('system('))).toEqual([]);
    expect(lines(microdataSps(input)).filter((l) => l.startsWith('system('))).toEqual([]);
    expect(stataString("a\"'b `c' $HOME")).toBe("`\"a\" 'b 'c' SHOME\"'");
    expect(spssString("Ông bà's", 250)).toBe("'Ông bà''s'");
    expect(spssString('ễễễ', 6)).toBe("'ễễ'");
  });
});

describe('microdata.do and microdata.sps', () => {
  it('sets the same design in Stata, with labels and the roll-ups through nlcom', () => {
    const stata = microdataDo(inputFor('papi-2024', { kind: 'sample', lonelyPsu: 'adjust' }, none));
    expect(stata).toContain('stringcols(1 2 3 7 8 10)');
    expect(stata).toContain(
      'svyset psu_id [pweight = final_weight], strata(stratum_id) singleunit(centered) vce(linearized)',
    );
    expect(stata).toContain(
      'label define i1_1_1 1 `"Có"\' 0 `"Không"\' 98 `"Không biết"\' 99 `"Từ chối trả lời"\', replace',
    );
    expect(stata).toContain('svy: mean score_i1_1_1');
    expect(stata).toMatch(/nlcom \(index: .*_b\[_y_i8_3_3\] \/ _b\[_x_i8_3_3\].*\), df\(`=e\(df_r\)'\)/);
    const fpc = microdataDo(inputFor('sipas-2024', { kind: 'srs', population: 1000, lonelyPsu: 'average' }, none));
    expect(fpc).toContain('strata(stratum_id) fpc(fpc) singleunit(scaled)');
  });

  it('reads the data as UTF-8 in SPSS with labels, missing values and the Complex Samples plan', () => {
    const sps = microdataSps(inputFor('papi-2024', { kind: 'sample', lonelyPsu: 'adjust' }, none));
    expect(sps).toContain('GET DATA /TYPE=TXT /FILE="microdata.csv" /ENCODING="UTF-8"');
    expect(sps).toContain('    base_weight F40.0');
    expect(sps).toContain('  base_weight (F20.8)');
    expect(sps).toContain('MISSING VALUES i1_1_1 (98, 99).');
    expect(sps).toContain("  /i1_1_1 1 'Có' 0 'Không' 98 'Không biết' 99 'Từ chối trả lời'");
    expect(sps).toContain('  /DESIGN STRATA=stratum CLUSTER=psu');
    expect(sps).toContain('  /MISSING SCOPE=ANALYSIS CLASSMISSING=EXCLUDE.');
    expect(sps.indexOf('DESCRIPTIVES VARIABLES=')).toBeLessThan(sps.indexOf('* ---- Complex Samples'));
  });

  it('explains the bundle in Vietnamese and English with the command to run', () => {
    const text = bundleReadme(
      inputFor('sipas-2024', { kind: 'srs', population: null, lonelyPsu: 'adjust' }, none),
      'f',
    );
    expect(text).toContain('`cd f && Rscript microdata.R`');
    expect(text).toContain('## Tiếng Việt');
    expect(text).toContain('## English');
  });
});
