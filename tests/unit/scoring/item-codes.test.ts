// Kept item codes (item-codes.ts): the columns a round keeps between scorings, appended in pieces as new responses
// come in, score exactly as the answers themselves do (scoreSurvey), for every shipped scoring method.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { categorical, createDesign } from '../../../src/domain/estimation/index.js';
import { parseDefinitionText, type Questionnaire } from '../../../src/domain/questionnaire/index.js';
import { createRng } from '../../../src/domain/sampling/index.js';
import {
  ItemCodes,
  pointsColumn,
  scorePrepared,
  scoreSurvey,
  scoringTree,
  type AnswerRecord,
  type NodeScore,
  type ScoreResult,
} from '../../../src/domain/scoring/index.js';
import { simulateAnswers } from '../../../src/domain/simulate/index.js';

const load = (file: string): Questionnaire => parseDefinitionText(readFileSync(`surveys/${file}`, 'utf8'), file);

function designOf(n: number) {
  return createDesign({
    weights: Array.from({ length: n }, (_, k) => 50 + ((k * 37) % 90)),
    strata: categorical(Array.from({ length: n }, (_, k) => `S${k % 4}`)),
    psu: categorical(Array.from({ length: n }, (_, k) => `S${k % 4}-P${k % 23}`)),
  });
}

const figures = (n: NodeScore) => [n.code, n.estimate, n.se, n.ciLow, n.ciHigh, n.n, n.nMin, n.df, n.deff, n.cv];

function expectSame(a: ScoreResult, b: ScoreResult): void {
  const all = (r: ScoreResult) => [r.overall, ...(r.satisfaction ? [r.satisfaction] : []), ...r.nodes];
  const left = all(a).map(figures);
  const right = all(b).map(figures);
  expect(left.length).toBe(right.length);
  left.forEach((row, i) =>
    row.forEach((x, j) => {
      const y = right[i]?.[j];
      if (typeof x === 'number' && typeof y === 'number' && Number.isFinite(x)) {
        expect(Math.abs(x - y), `${String(row[0])} figure ${j}`).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(x)));
      } else expect(x).toEqual(y);
    }),
  );
}

describe('kept item codes', () => {
  it.each(['sipas-2024.json', 'papi-2024.json', 'one-stop-tt01.json'])(
    '%s: appended in pieces, they score as the answers do',
    (file) => {
      const q = load(file);
      const rng = createRng(`codes-${file}`);
      const answers: AnswerRecord[] = Array.from({ length: 400 }, () =>
        simulateAnswers(q, rng, { today: '2024-09-20' }),
      );
      const codes = new ItemCodes(scoringTree(q));
      // A first read, then new responses one by one and in a page, as a round receives them.
      codes.append(answers.slice(0, 300));
      for (const a of answers.slice(300, 310)) codes.append([a]);
      codes.append(answers.slice(310));
      expect(codes.rows).toBe(answers.length);
      const design = designOf(answers.length);
      const kept = scorePrepared(codes.prepare(), design, {});
      expectSame(kept, scoreSurvey({ questionnaire: q, answers, design }));
      // And the scores of the first 300 alone, before anything was appended, equal those of a full read of them.
      const first = new ItemCodes(scoringTree(q));
      first.append(answers.slice(0, 300));
      expectSame(
        scorePrepared(first.prepare(), designOf(300), {}),
        scoreSurvey({ questionnaire: q, answers: answers.slice(0, 300), design: designOf(300) }),
      );
    },
  );

  it('keep an item with more distinct answers than two bytes index (its answers themselves)', () => {
    const q = load('one-stop-tt01.json');
    const tree = scoringTree(q);
    const field = tree.preorder.flatMap((n) => n.items)[0];
    if (!field || tree.scoring.method !== 'one_stop') throw new Error('no one-stop item');
    // 70,000 distinct numeric answers (decimals, text numbers, gaps), more than 65,535.
    const answers: AnswerRecord[] = Array.from({ length: 70_010 }, (_, k) =>
      k % 1000 === 7 ? {} : { [field.id]: k % 3 === 0 ? String(k / 1000) : k / 1000 },
    );
    const codes = new ItemCodes(tree);
    codes.append(answers.slice(0, 60_000));
    codes.append(answers.slice(60_000));
    expect(codes.column('leaf', field)).toEqual(pointsColumn(field, answers, tree.scoring));
  });
});
