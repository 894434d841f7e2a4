// Which non-response released each reserve: paired in order, and equal to what the release rule did when the
// outcomes were recorded one by one.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  dispositionCodes,
  nextReserveToRelease,
  replacedHouseholds,
  type DispositionCode,
  type VillageCase,
} from '../../../src/domain/sampling/index.js';

const at = (minute: number) => `2026-06-10T08:${String(minute).padStart(2, '0')}:00.000Z`;
const primary = (order: number, disposition: DispositionCode | null = null, minute = 0): VillageCase<string> => ({
  id: `p${order}`,
  role: 'primary',
  order,
  releasedAt: at(0),
  disposition,
  dispositionAt: disposition === null ? null : at(minute),
});
const reserve = (
  order: number,
  releasedMinute: number | null,
  disposition: DispositionCode | null = null,
  minute = 0,
) => ({
  ...primary(order, disposition, minute),
  id: `r${order}`,
  role: 'reserve' as const,
  releasedAt: releasedMinute === null ? null : at(releasedMinute),
});

describe('replacedHouseholds', () => {
  it('pairs each released reserve with the non-response recorded in its turn, completes aside', () => {
    const village = [
      primary(1, 'completed', 1),
      primary(2, 'moved', 9),
      primary(3, 'refused', 4),
      primary(4),
      reserve(1, 4, 'not_at_home_3_visits', 6),
      reserve(2, 6),
      reserve(3, 9),
      reserve(4, null),
    ];
    expect(replacedHouseholds(village)).toEqual(
      new Map([
        ['r1', 'p3'],
        ['r2', 'r1'],
        ['r3', 'p2'],
      ]),
    );
  });

  it('leaves a non-response without a reserve when none was left, and a village without outcomes empty', () => {
    expect(replacedHouseholds([primary(1, 'refused', 1), primary(2, 'ineligible', 2), reserve(1, 1)])).toEqual(
      new Map([['r1', 'p1']]),
    );
    expect(replacedHouseholds([primary(1), primary(2), reserve(1, null)])).toEqual(new Map());
  });

  it('agrees with the release rule over any order of outcomes', () => {
    const outcome = fc.constantFrom(...dispositionCodes);
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 0, max: 4 }),
        fc.array(outcome, { maxLength: 12 }),
        (primaries, reserves, outcomes) => {
          const village: VillageCase<string>[] = [
            ...Array.from({ length: primaries }, (_, i) => primary(i + 1)),
            ...Array.from({ length: reserves }, (_, i) => reserve(i + 1, null)),
          ];
          const releasedBy = new Map<string, string>();
          outcomes.forEach((code, minute) => {
            const open = village.find((c) => c.releasedAt !== null && c.disposition === null);
            if (!open) return;
            Object.assign(open, { disposition: code, dispositionAt: at(minute + 1) });
            const decision = nextReserveToRelease(
              village.map((c) => ({
                role: c.role,
                order: c.order,
                released: c.releasedAt !== null,
                disposition: c.disposition,
              })),
            );
            if (!decision.ok) return;
            const next = village.find((c) => c.role === 'reserve' && c.order === decision.order);
            if (!next) return;
            next.releasedAt = at(minute + 1);
            releasedBy.set(next.id, open.id);
          });
          expect(replacedHouseholds(village)).toEqual(releasedBy);
        },
      ),
    );
  });
});
