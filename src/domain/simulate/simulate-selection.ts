// The respondent selection a surveyor's phone would record for a simulated household interview: the Kish line of
// the household's table, or the nearest birthday among made-up birthdays (drawn from the caller's Rng).
import type { Rng } from '../sampling/prng.js';
import {
  kishLine,
  kishTableFor,
  nextBirthdayLine,
  type RespondentSelection,
  type SelectionMethod,
} from '../sampling/respondent-selection.js';

/**
 * @example
 *   simulateSelection('kish', 'X001V01/H007', 3, '2026-12-01', rng)
 *   // → { method: 'kish', eligibleAdults: 3, line, table }
 */
export function simulateSelection(
  method: SelectionMethod,
  householdKey: string,
  eligibleAdults: number,
  day: string,
  rng: Rng,
): RespondentSelection {
  if (method === 'kish') {
    const table = kishTableFor(householdKey);
    return { method, eligibleAdults, line: kishLine(table, eligibleAdults), table };
  }
  const birthdays = Array.from({ length: eligibleAdults }, () => ({ month: 1 + rng.int(12), day: 1 + rng.int(28) }));
  return { method, eligibleAdults, line: nextBirthdayLine(birthdays, day, rng) };
}
