// The summary of an invitation round's answers, checked by hand on the par-officials pack: counts, means and shares
// per item and field with don't-know left out, and the same reweighted to the list's groups (invited / answered).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { summariseRound } from '../../../src/domain/invitations/round-summary.js';
import { parseDefinitionText } from '../../../src/domain/questionnaire/index.js';

const par = parseDefinitionText(readFileSync('surveys/par-officials.json', 'utf8'), 'par-officials.json').definition;
const answers = [
  { group: 'A', answers: { i1_1: 5, i1_2: 4, i1_3: 9 } },
  { group: 'B', answers: { i1_1: 2, i1_2: 3, i1_3: 4 } },
  { group: 'B', answers: { i1_1: 4, i1_2: 9 } },
];

describe('summariseRound', () => {
  const summary = summariseRound({
    definition: par,
    answers,
    invited: new Map([
      ['A', 2],
      ['B', 6],
    ]),
  });
  const field = summary.fields[0]!;

  it('gives the 8 fields of the pack, in order, each with its three items', () => {
    expect(summary.fields.map((f) => f.id)).toEqual([
      'chi_dao',
      'the_che',
      'tthc',
      'to_chuc_bo_may',
      'cong_vu',
      'tai_chinh_cong',
      'chinh_quyen_so',
      'tac_dong',
    ]);
    expect(summary.fields.every((f) => f.items.length === 3)).toBe(true);
    expect(summary.responses).toBe(3);
    expect(summary.reweightProblem).toBeNull();
  });

  it('counts, averages and shares each item without its don’t-know answers; reweighted by 2/1 and 6/2', () => {
    const [a, , c] = field.items;
    expect(a!.counts.map((x) => [x.value, x.count])).toEqual([
      [1, 0],
      [2, 1],
      [3, 0],
      [4, 1],
      [5, 1],
    ]);
    expect(a!.mean.raw).toBeCloseTo(11 / 3, 12);
    expect(a!.mean.reweighted).toBeCloseTo((2 * 5 + 3 * 2 + 3 * 4) / 8, 12);
    expect(a!.positive!.raw).toBeCloseTo(2 / 3, 12);
    expect(a!.positive!.reweighted).toBeCloseTo(5 / 8, 12);
    expect([c!.answered, c!.missing, c!.mean.raw]).toEqual([1, 1, 4]);
  });

  it('averages each respondent over the field, then respondents', () => {
    expect(field.mean.raw).toBeCloseTo((4.5 + 3 + 4) / 3, 12);
    expect(field.mean.reweighted).toBeCloseTo((2 * 4.5 + 3 * 3 + 3 * 4) / 8, 12);
    expect(field.positive!.raw).toBeCloseTo((1 + 1 / 3 + 1) / 3, 12);
    expect(field.positive!.reweighted).toBeCloseTo(0.75, 12);
    expect(summary.fields[1]!.mean).toEqual({ raw: null, reweighted: null });
  });

  it('does not reweight when an invited group has no answer, or when the list has one group', () => {
    const missing = summariseRound({
      definition: par,
      answers,
      invited: new Map([
        ['A', 2],
        ['B', 6],
        ['C', 4],
      ]),
    });
    expect(missing.reweightProblem).toBe('group_without_answers');
    expect(missing.fields[0]!.mean).toEqual({ raw: field.mean.raw, reweighted: null });
    const one = summariseRound({
      definition: par,
      answers: answers.map((a) => ({ ...a, group: 'A' })),
      invited: new Map([['A', 9]]),
    });
    expect(one.reweightProblem).toBe('single_group');
  });
});
