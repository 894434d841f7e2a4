// Does the variance design keep its promise? 2,000 seeded samples from one synthetic two-tier province, each
// drawn with the two-tier plan, weighted, and estimated as the results pages do (ultimate clusters, collapsed
// certainty strata, t interval on the design's degrees of freedom): the 95% interval of a proportion must
// cover the population value in 93–97% of samples (issue 16). Pure and seeded, so the figure is reproducible.
import { describe, expect, it } from 'vitest';
import {
  categorical,
  createDesign,
  degreesOfFreedom,
  estimateMean,
  waldInterval,
} from '../../../src/domain/estimation/index.js';
import {
  baseWeights,
  createRng,
  drawHouseholds,
  drawSample,
  twoTierPlan,
  type Household,
} from '../../../src/domain/sampling/index.js';
import { rowsOf, twoTierLines } from './support.js';
import { validateFrame } from '../../../src/domain/sampling/index.js';

const SAMPLES = 2000;

/** A province of 100 communes × 10 villages whose households' answers cluster by commune and by village. */
function population() {
  const rng = createRng('coverage-population');
  const lines = twoTierLines({ communes: 100, villages: 10, communePopulation: () => 0 });
  const households = new Map<string, (Household & { y: number })[]>();
  const rows: string[] = [lines[0] as string];
  let provinceTotal = 0;
  let yes = 0;
  let all = 0;
  const communeLines: string[] = [];
  for (let c = 1; c <= 100; c += 1) {
    const code = `X${String(c).padStart(3, '0')}`;
    const communeEffect = (rng.next() - 0.5) * 0.5;
    const villageLines: string[] = [];
    let communeTotal = 0;
    for (let v = 1; v <= 10; v += 1) {
      const village = `${code}V${v}`;
      const count = 40 + rng.int(120);
      const p = Math.min(0.95, Math.max(0.05, 0.6 + communeEffect + (rng.next() - 0.5) * 0.3));
      const list = Array.from({ length: count }, (_, i) => {
        const y = rng.next() < p ? 1 : 0;
        yes += y;
        all += 1;
        return {
          villageCode: village,
          householdId: `h${i}`,
          headName: 'A',
          address: '',
          phone: '',
          eligibleAdults: 1,
          y,
        };
      });
      households.set(village, list);
      villageLines.push(`village,${village},Thôn ${v},${code},${count * 4},${v === 1 ? 1 : 0}`);
      communeTotal += count * 4;
    }
    communeLines.push(`commune,${code},Xã ${c},P2,${communeTotal},${c === 1 ? 1 : 0}`, ...villageLines);
    provinceTotal += communeTotal;
  }
  rows.push(`province,P2,Tỉnh Mô Phỏng,,${provinceTotal},0`, ...communeLines);
  const { rows: csv, columns } = rowsOf(rows);
  const frame = validateFrame(csv, { columns });
  if (!frame.ok) throw new Error(JSON.stringify(frame.errors.slice(0, 3)));
  return { frame: frame.units, households, truth: yes / all };
}

describe('coverage of the 95% interval under the two-tier design', () => {
  it('is within 93–97% over 2,000 samples', () => {
    const { frame, households, truth } = population();
    let covered = 0;
    const estimates: number[] = [];
    const ses: number[] = [];
    for (let s = 0; s < SAMPLES; s += 1) {
      const draw = drawSample(frame, twoTierPlan, `coverage-${s}`);
      const villages = draw.units.filter((u) => u.level === 'village').map((u) => u.code);
      const lists = villages.flatMap((v) => households.get(v) ?? []);
      const drawn = drawHouseholds(lists, twoTierPlan.household, createRng(`households-${s}`));
      const answers = new Map(lists.map((h) => [`${h.villageCode}/${h.householdId}`, h.y]));
      const completed = drawn.flatMap((d) =>
        d.primaries.map((p) => ({
          id: `${d.villageCode}/${p.householdId}`,
          villageCode: d.villageCode,
          householdId: p.householdId,
        })),
      );
      const sampled = drawn.map((d) => ({ ...d, sampled: d.primaries.length }));
      const weighted = baseWeights({ draw, villages: sampled, completed });
      const design = createDesign({
        weights: weighted.map((w) => w.weight),
        strata: categorical(weighted.map((w) => w.stratum)),
        psu: categorical(weighted.map((w) => w.psu)),
        lonelyPsu: 'adjust',
      });
      const est = estimateMean(
        design,
        weighted.map((w) => answers.get(w.id) ?? NaN),
      );
      const ci = waldInterval(est.estimate, est.se, 0.95, degreesOfFreedom(design, null));
      if (ci.low <= truth && truth <= ci.high) covered += 1;
      estimates.push(est.estimate);
      ses.push(est.se);
    }
    const coverage = covered / SAMPLES;
    const mean = estimates.reduce((a, b) => a + b, 0) / SAMPLES;
    const sd = Math.sqrt(estimates.reduce((a, b) => a + (b - mean) ** 2, 0) / (SAMPLES - 1));
    const rmsSe = Math.sqrt(ses.reduce((a, b) => a + b * b, 0) / SAMPLES);
    console.log(
      `two-tier design, ${SAMPLES} samples: coverage ${(coverage * 100).toFixed(1)}%, truth ${truth.toFixed(4)},` +
        ` mean estimate ${mean.toFixed(4)}, empirical SD ${sd.toFixed(4)}, RMS of the estimated SE ${rmsSe.toFixed(4)}`,
    );
    expect(coverage).toBeGreaterThanOrEqual(0.93);
    expect(coverage).toBeLessThanOrEqual(0.97);
  }, 120_000);
});
