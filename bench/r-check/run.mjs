// Reproduces published figures with R's survey package from the microdata the product exports (issue 16), as an
// analyst would with the calls in docs/sampling.md: the demo PAPI round (on the demo's two-tier draw), a PAPI
// round on the demo's four-level draw (collapsed strata, lonely-PSU rule 'adjust'), one on a larger two-tier draw,
// and the demo SIPAS round outside a draw, raked to sex and age-band margins. For every node scored by one item
// (PAPI indicators, SIPAS criteria) it compares the page's estimate and SE with R's svymean on that item's score
// column; for the PAPI rounds it also rebuilds every roll-up (sub-dimensions, dimensions, the 8-80 total) in R from
// the pack's framework and scoring rules, with delta-method SEs from svytotal's covariance, and compares those.
// Prints the largest differences. Then it downloads the reproduction bundles of the SIPAS, four-level and two-tier
// PAPI rounds through the API and runs their microdata.R (and microdata.sps with PSPP where installed): bundles.mjs.
// Exits 1 above 1e-9 or when a bundle's script fails, 3 without Rscript.
// Usage: npm run build && node bench/r-check/run.mjs      (Debian: apt-get install r-base-core r-cran-survey [pspp])
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const probe = spawnSync('Rscript', ['-e', 'library(survey); library(MASS)'], { encoding: 'utf8' });
if (probe.error || probe.status !== 0) {
  process.stderr.write(
    'R with the survey and MASS packages is not installed (apt-get install r-base-core r-cran-survey r-cran-mass);' +
      ' nothing was checked\n',
  );
  process.exit(3);
}
const { loadConfig } = await import('../../dist/config.js');
const { createContext } = await import('../../dist/bootstrap.js');
const { seedDemoAccounts, seedDemoProvince } = await import('../../dist/services/demo/seed.js');
const { seedDemoRounds } = await import('../../dist/services/demo/rounds.js');
const { findRound } = await import('../../dist/services/results/rounds.js');
const { roundResults } = await import('../../dist/services/results/round-results.js');
const { loadRoundData } = await import('../../dist/services/results/round-data.js');
const { setRoundCalibration } = await import('../../dist/services/results/calibration.js');
const { streamMicrodataCsv } = await import('../../dist/services/results/microdata-export.js');
const { createRound } = await import('../../dist/services/results/rounds.js');
const { importFrame, createDraw, defaultPlanOf, loadFrameUnits } =
  await import('../../dist/services/sampling/frames-and-draws.js');
const { importHouseholds } = await import('../../dist/services/sampling/households.js');
const { assignVillage } = await import('../../dist/services/fieldwork/assignments.js');
const { prepareEnvelope, submitPrepared } = await import('../../dist/services/submissions/store.js');
const { findSessionUser } = await import('../../dist/services/accounts/users.js');
const { demoHouseholdCsv } = await import('../../dist/services/demo/province.js');
const { createRng, householdSelectionKey } = await import('../../dist/domain/sampling/index.js');
const { simulateEnvelope, simulateSelection } = await import('../../dist/domain/simulate/index.js');

// A PAPI round on today's map: a two-tier frame (60 communes of 8 villages), the two-tier plan, 16 interviews a
// village.
async function seedTwoTierRound(ctx, actor, code) {
  const lines = ['level,code,name,parent_code,population,is_seat', 'province,P2,Tỉnh Hai Cấp,,0,0'];
  const rng = createRng('r-check-two-tier');
  let total = 0;
  for (let c = 1; c <= 60; c += 1) {
    const commune = `X${String(c).padStart(3, '0')}`;
    const sizes = Array.from({ length: 8 }, () => 800 + rng.int(4000));
    const sum = sizes.reduce((a, b) => a + b, 0);
    total += sum;
    lines.push(`commune,${commune},Xã ${c},P2,${sum},${c === 1 ? 1 : 0}`);
    sizes.forEach((n, v) => lines.push(`village,${commune}V${v + 1},Thôn ${v + 1},${commune},${n},${v === 0 ? 1 : 0}`));
  }
  lines[1] = `province,P2,Tỉnh Hai Cấp,,${total},0`;
  const { frameId } = await importFrame(ctx, `${lines.join('\n')}\n`, 'two-tier', actor);
  const units = await loadFrameUnits(ctx, frameId);
  const { drawId } = await createDraw(ctx, frameId, defaultPlanOf(units), 'r-check', actor);
  await seedRoundOnDraw(ctx, actor, code, drawId, 'PAPI hai cấp', rng);
}

// A PAPI round on a stored draw: household lists of its villages, all assigned to demo-surveyor, 16 consenting
// interviews a village.
async function seedRoundOnDraw(ctx, actor, code, drawId, label, rng) {
  const villages = (
    await ctx.db
      .selectFrom('sample_units')
      .select('code')
      .where('draw_id', '=', drawId)
      .where('level', '=', 'village')
      .orderBy('position')
      .execute()
  ).map((u) => u.code);
  await importHouseholds(ctx, demoHouseholdCsv(villages, 50), actor, drawId);
  const surveyorRow = await ctx.db
    .selectFrom('users')
    .select('id')
    .where('username', '=', 'demo-surveyor')
    .executeTakeFirstOrThrow();
  const surveyor = await findSessionUser(ctx, surveyorRow.id);
  for (const v of villages) await assignVillage(ctx, drawId, v, surveyor.username, actor);
  const assignments = await ctx.db
    .selectFrom('assignments')
    .innerJoin('households', 'households.id', 'assignments.household_id')
    .select(['assignments.id', 'households.village_code', 'households.household_key', 'households.eligible_adults'])
    .where('households.draw_id', '=', drawId)
    .where('assignments.released_at', 'is not', null)
    .orderBy('assignments.id')
    .execute();
  const q = ctx.surveys.current('papi-2024').questionnaire;
  const perVillage = new Map();
  for (const a of assignments) {
    if ((perVillage.get(a.village_code) ?? 0) >= 16) continue;
    let e;
    do e = simulateEnvelope(q, rng, { date: `${year}-03-10`, assignmentId: a.id });
    while (e.answers.consent !== 1);
    // The phone's Kish choice of one adult (the default plans select one per household).
    const key = householdSelectionKey(a.village_code, a.household_key);
    const respondentSelection = simulateSelection('kish', key, a.eligible_adults, `${year}-03-10`, rng);
    e = { ...e, paradata: { ...e.paradata, respondentSelection } };
    await submitPrepared(ctx, surveyor, await prepareEnvelope(ctx, e, { lang: 'vi' }), { source: 'field', lang: 'vi' });
    perVillage.set(a.village_code, (perVillage.get(a.village_code) ?? 0) + 1);
  }
  await createRound(
    ctx,
    {
      code,
      label,
      survey: 'papi-2024',
      drawId,
      periodStart: `${year}-03-01`,
      periodEnd: `${year}-03-31`,
    },
    actor,
  );
}

/**
 * The PAPI roll-ups rebuilt in R from the microdata: the framework's tree and the scoring block's rules (levels,
 * the k of each dimension, the overall rule) go to R as a table, R takes svytotal of every item's valid score and
 * valid count, each indicator is their ratio, and each roll-up is the rule's combination of indicators with its SE
 * by the delta method on the totals' covariance. Returns the largest relative differences from the page's nodes.
 */
function checkRollups(results, file, lonely) {
  const q = results.questionnaire;
  const { framework, scoring } = q.definition;
  const itemOf = new Map();
  for (const f of q.fields) {
    const code = f.measure?.indicator;
    if (typeof code === 'string') itemOf.set(code, [...(itemOf.get(code) ?? []), f.id]);
  }
  const rows = [['node', 'parent', 'level', 'rule', 'item', 'k']];
  const walk = (nodes, depth, parent) => {
    for (const n of nodes) {
      const level = framework.levels[depth].key;
      const rule = scoring.nodes?.[n.code]?.rule ?? scoring.levels[level].rule;
      const leaf = !n.children || n.children.length === 0;
      const items = leaf ? (itemOf.get(n.code) ?? []) : [];
      if (leaf && items.length !== 1) throw new Error(`indicator ${n.code} has ${items.length} items`);
      const k = rule === 'mean_of_children_over_k' ? String(scoring.k[parent]) : '';
      rows.push([n.code, parent, level, rule, leaf ? `score_${items[0]}` : '', k]);
      if (!leaf) walk(n.children, depth + 1, n.code);
    }
  };
  walk(framework.nodes, 0, 'overall');
  rows.push(['overall', '', 'overall', scoring.overall.rule, '', '']);
  const treeFile = `${file}.tree.csv`;
  writeFileSync(treeFile, `${rows.map((r) => r.join(',')).join('\n')}\n`);
  const r = [
    'suppressMessages(library(survey))',
    `options(survey.lonely.psu = "${lonely}")`,
    `d <- read.csv("${file}", fileEncoding = "UTF-8-BOM")`,
    `tree <- read.csv("${treeFile}", colClasses = "character")`,
    'leaves <- tree[tree$item != "", ]',
    'J <- nrow(leaves)',
    'for (j in seq_len(J)) { y <- d[[leaves$item[j]]]; d[[paste0("y0_", j)]] <- ifelse(is.na(y), 0, y); d[[paste0("n_", j)]] <- as.numeric(!is.na(y)) }',
    'des <- svydesign(ids = ~psu, strata = ~stratum, weights = ~final_weight, data = d, nest = TRUE)',
    'tot <- svytotal(as.formula(paste("~", paste(c(paste0("y0_", 1:J), paste0("n_", 1:J)), collapse = " + "))), des)',
    'Tt <- coef(tot); V <- vcov(tot); ratio <- Tt[1:J] / Tt[J + 1:J]',
    'coefs <- function(node) {',
    '  row <- tree[tree$node == node, ]',
    '  if (row$item != "") { c <- numeric(J); c[match(node, leaves$node)] <- 1; return(c) }',
    '  kids <- tree$node[tree$parent == node]; m <- length(kids)',
    '  w <- switch(row$rule, mean_of_children_over_k = rep(1 / (m * as.numeric(row$k)), m),',
    '    mean_of_children = rep(1 / m, m), sum_of_children = rep(1, m), stop(paste("no linear rule", row$rule)))',
    '  drop(matrix(sapply(kids, coefs), nrow = J) %*% w)',
    '}',
    'for (node in tree$node[tree$item == ""]) { c <- coefs(node); g <- c(c / Tt[J + 1:J], -c * ratio / Tt[J + 1:J])',
    '  cat(node, sprintf("%.17g", sum(c * ratio)), sprintf("%.17g", sqrt(drop(t(g) %*% V %*% g))), "\\n") }',
  ].join('\n');
  const run = spawnSync('Rscript', ['-e', r], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (run.status !== 0) throw new Error(run.stderr);
  const fromR = new Map(
    run.stdout
      .trim()
      .split('\n')
      .map((l) => {
        const [node, e, se] = l.trim().split(/\s+/);
        return [node, { e: Number(e), se: Number(se) }];
      }),
  );
  const published = results.nodes.filter((n) => ['subdimension', 'dimension', 'overall'].includes(n.level));
  let de = 0;
  let dse = 0;
  const counts = {};
  for (const n of published) {
    const got = fromR.get(n.level === 'overall' ? 'overall' : n.code);
    if (!got) throw new Error(`R did not score ${n.code}`);
    counts[n.level] = (counts[n.level] ?? 0) + 1;
    de = Math.max(de, Math.abs(n.estimate - got.e) / Math.max(1, Math.abs(got.e)));
    dse = Math.max(dse, Math.abs(n.se - got.se) / Math.max(1e-12, Math.abs(got.se)));
  }
  if (published.length !== fromR.size) throw new Error(`R scored ${fromR.size} roll-ups, the page ${published.length}`);
  return { de, dse, counts };
}

const dir = mkdtempSync(join(tmpdir(), 'langnghe-r-check-'));
const ctx = await createContext(
  loadConfig({ ...process.env, DATABASE_PATH: join(dir, 'r.db'), SCRYPT_COST: '1024', LOG_LEVEL: 'silent', DEMO: '1' }),
);
const actor = { userId: null, label: 'r-check', role: 'admin' };
const year = new Date().getUTCFullYear();
let worst = 0;
let bundlesOk = false;
try {
  await seedDemoAccounts(ctx);
  const demo = await seedDemoProvince(ctx);
  await seedDemoRounds(ctx, demo.drawId);
  await seedTwoTierRound(ctx, actor, `papi-two-tier-${year}`);
  await seedRoundOnDraw(
    ctx,
    actor,
    `papi-four-level-${year}`,
    demo.previousDrawId,
    'PAPI bốn cấp',
    createRng('r-check-4'),
  );

  // Margins from the respondents' own distribution, scaled to one population and tilted so that raking moves weights.
  const sipas = await findRound(ctx, `sipas-${year}`);
  const data = await loadRoundData(ctx, sipas);
  const margins = ['variable,level,total'];
  for (const variable of ['a_gender', 'a_age_band']) {
    const counts = new Map();
    for (const a of data.answers) counts.set(String(a[variable]), (counts.get(String(a[variable])) ?? 0) + 1);
    const levels = [...counts.keys()].sort();
    const raw = levels.map((l, i) => (counts.get(l) ?? 0) * (1 + 0.3 * (i % 2)));
    const sum = raw.reduce((a, b) => a + b, 0);
    levels.forEach((l, i) => margins.push(`${variable},${l},${((raw[i] ?? 0) / sum) * 1_000_000}`));
  }
  writeFileSync(join(dir, 'margins.csv'), `${margins.join('\n')}\n`);
  await setRoundCalibration(
    ctx,
    sipas,
    { method: 'raking', text: readFileSync(join(dir, 'margins.csv'), 'utf8') },
    actor,
  );

  for (const [code, measure, calibrated] of [
    [`papi-${year}`, 'indicator', false],
    [`papi-two-tier-${year}`, 'indicator', false],
    [`papi-four-level-${year}`, 'indicator', false],
    [`sipas-${year}`, 'criterion', true],
  ]) {
    const round = await findRound(ctx, code);
    const results = await roundResults(ctx, round);
    const q = results.questionnaire;
    const items = new Map();
    for (const f of q.fields) {
      const node = f.measure?.[measure];
      if (typeof node === 'string') items.set(node, [...(items.get(node) ?? []), f.id]);
    }
    const single = results.nodes.filter((n) => items.get(n.code)?.length === 1);
    const file = join(dir, `${code}.csv`);
    const out = createWriteStream(file);
    await streamMicrodataCsv(ctx, round, out);
    await new Promise((resolve) => out.end(resolve));
    const vars = single.map((n) => `score_${items.get(n.code)[0]}`);
    const lonely = round.lonely_psu;
    const r = [
      'suppressMessages(library(survey))',
      `options(survey.lonely.psu = "${lonely}")`,
      `d <- read.csv("${file}", fileEncoding = "UTF-8-BOM")`,
      calibrated
        ? [
            'des <- svydesign(ids = ~psu, strata = ~stratum, weights = ~base_weight, data = d, nest = TRUE)',
            `m <- read.csv("${join(dir, 'margins.csv')}")`,
            'vars <- unique(m$variable)',
            'for (v in vars) d[[v]] <- factor(d[[v]])',
            'des <- update(des, a_gender = factor(a_gender), a_age_band = factor(a_age_band))',
            // calibrate(calfun = "raking") with its defaults, as the engine; the first level of each is the reference.
            'pop <- c("(Intercept)" = sum(m$total[m$variable == vars[1]]))',
            'for (v in vars) { x <- m[m$variable == v, ]; x <- x[order(x$level), ]; t <- x$total[-1]; names(t) <- paste0(v, x$level[-1]); pop <- c(pop, t) }',
            'des <- calibrate(des, as.formula(paste("~", paste(vars, collapse = " + "))), population = pop, calfun = "raking")',
          ].join('\n')
        : 'des <- svydesign(ids = ~psu, strata = ~stratum, weights = ~final_weight, data = d, nest = TRUE)',
      `for (v in c(${vars.map((v) => `"${v}"`).join(',')})) { e <- svymean(as.formula(paste0("~", v)), des, na.rm = TRUE); cat(v, sprintf("%.17g", coef(e)), sprintf("%.17g", SE(e)), degf(des), "\\n") }`,
    ].join('\n');
    const run = spawnSync('Rscript', ['-e', r], { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(run.stderr);
    const rows = new Map(
      run.stdout
        .trim()
        .split('\n')
        .map((l) => {
          const [v, e, se, df] = l.trim().split(/\s+/);
          return [v, { e: Number(e), se: Number(se), df: Number(df) }];
        }),
    );
    let de = 0;
    let dse = 0;
    for (const [k, n] of single.entries()) {
      const got = rows.get(vars[k]);
      de = Math.max(de, Math.abs(n.estimate - got.e) / Math.max(1, Math.abs(got.e)));
      dse = Math.max(dse, Math.abs(n.se - got.se) / Math.max(1e-12, Math.abs(got.se)));
    }
    worst = Math.max(worst, de, dse);
    const df = results.design.df;
    console.log(
      `${code}: ${single.length} single-item ${measure}s, design df ${df} (R degf ${[...rows.values()][0]?.df}),` +
        ` largest relative difference: estimate ${de.toExponential(2)}, SE ${dse.toExponential(2)}` +
        (calibrated ? ' (raked to a_gender and a_age_band)' : ''),
    );
    if (measure === 'indicator') {
      const roll = checkRollups(results, file, lonely);
      worst = Math.max(worst, roll.de, roll.dse);
      const sizes = Object.entries(roll.counts)
        .map(([level, n]) => `${n} ${level}`)
        .join(', ');
      console.log(
        `${code}: roll-ups (${sizes}) rebuilt in R from the pack's rules,` +
          ` largest relative difference: estimate ${roll.de.toExponential(2)}, SE ${roll.dse.toExponential(2)}`,
      );
    }
  }
  const { checkBundles } = await import('./bundles.mjs');
  bundlesOk = await checkBundles(ctx, [`sipas-${year}`, `papi-four-level-${year}`, `papi-two-tier-${year}`]);
} finally {
  await ctx.destroy();
  rmSync(dir, { recursive: true, force: true });
}
process.exit(worst <= 1e-9 && bundlesOk ? 0 : 1);
