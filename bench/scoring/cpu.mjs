// CPU time of scoring a simulated round: scoreSurvey (the whole round, intervals and design effects) and
// scoreByDomains (gender and ethnicity), the minimum of 7 runs each, measured as process CPU time (user + system) so a
// busy shared machine disturbs it less than wall-clock time. Prints one line per pack.
// Usage: npm run build && node bench/scoring/cpu.mjs [ROOT] [N]     (ROOT: a checkout with dist/, default this one)
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = resolve(process.argv[2] ?? '.');
const n = Number(process.argv[3] ?? 20000);
const load = (path) => import(pathToFileURL(resolve(root, 'dist', path)).href);
const { parseDefinitionText } = await load('domain/questionnaire/index.js');
const { createRng } = await load('domain/sampling/index.js');
const { simulateAnswers } = await load('domain/simulate/index.js');
const { categorical, createDesign } = await load('domain/estimation/index.js');
const { scoreSurvey, scoreByDomains, answerDomain } = await load('domain/scoring/index.js');

const cpu = (f) => {
  const start = process.cpuUsage();
  f();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
};

for (const [pack, domains] of [
  ['papi-2024', ['gender', 'ethnicity']],
  ['sipas-2024', ['a_gender', 'a_ethnicity']],
]) {
  const q = parseDefinitionText(readFileSync(resolve(root, 'surveys', `${pack}.json`), 'utf8'), pack);
  const rng = createRng(`bench-${pack}`);
  const answers = Array.from({ length: n }, () => simulateAnswers(q, rng, { today: '2026-06-01', satisfied: 0.7 }));
  // 20 strata of 10 PSUs, unequal weights.
  const design = createDesign({
    weights: answers.map((_, k) => 50 + (k % 7) * 10),
    strata: categorical(answers.map((_, k) => `S${k % 20}`)),
    psu: categorical(answers.map((_, k) => `S${k % 20}P${Math.floor(k / 20) % 10}`)),
    lonelyPsu: 'adjust',
  });
  const bys = domains.map((f) => answerDomain(q, answers, f));
  const whole = [];
  const byDomain = [];
  for (let i = 0; i < 7; i += 1) {
    whole.push(cpu(() => scoreSurvey({ questionnaire: q, answers, design })));
    byDomain.push(cpu(() => scoreByDomains({ questionnaire: q, answers, design }, bys)));
  }
  console.log(
    `${pack} n=${n}: scoreSurvey ${Math.min(...whole).toFixed(0)} ms CPU, scoreByDomains(${domains.join(', ')}) ${Math.min(...byDomain).toFixed(0)} ms CPU`,
  );
}
