// The last stage: household lists of the selected villages (validated with line numbers) and a simple random
// sample of primaries plus an ordered reserve list per village, with its selection probability m / M.
import type { Rng } from './prng.js';
import { byLine, cell, missingColumns, readCount } from './rows.js';
import type { CsvRow, RowError } from './rows.js';

export const householdColumns = [
  'village_code',
  'household_id',
  'head_name',
  'address',
  'phone',
  'eligible_adults',
] as const;

/** A listed household. Personal data (head name, address, phone) stays out of analyst downloads. */
export interface Household {
  villageCode: string;
  householdId: string;
  headName: string;
  address: string;
  phone: string;
  /** Residents aged within the plan's range (18-70 for PAPI). 0 means the household is out of scope. */
  eligibleAdults: number;
}

export type HouseholdErrorCode =
  | 'missing_column'
  | 'empty_list'
  | 'missing_village_code'
  | 'unselected_village'
  | 'missing_household_id'
  | 'duplicate_household'
  | 'missing_head_name'
  | 'missing_eligible_adults'
  | 'invalid_eligible_adults';
export type HouseholdError = RowError<HouseholdErrorCode>;
export type HouseholdResult = { ok: true; households: Household[] } | { ok: false; errors: HouseholdError[] };

/**
 * Validates household rows against the selected villages. Required: village_code (a selected village),
 * household_id (unique within its village), head_name, eligible_adults (a whole number >= 0); address and
 * phone may be empty. All errors at once, by line; households (in file order) only when there is none.
 * @example
 *   validateHouseholdRows([{ line: 2, values: { village_code: 'V9', household_id: 'H1', head_name: 'Lê Văn A',
 *     address: '', phone: '', eligible_adults: '2' } }], new Set(['V1']))
 *   // → { ok: false, errors: [{ line: 2, field: 'village_code', code: 'unselected_village', ... }] }
 */
export function validateHouseholdRows(
  rows: readonly CsvRow[],
  selectedVillageCodes: Iterable<string>,
  options: { columns?: readonly string[] } = {},
): HouseholdResult {
  const columnErrors = missingColumns(rows, householdColumns, options.columns, 'missing_column');
  if (columnErrors.length > 0) return { ok: false, errors: columnErrors };
  if (rows.length === 0)
    return { ok: false, errors: [{ line: 1, code: 'empty_list', message: 'The list has no data rows' }] };
  const selected = new Set(selectedVillageCodes);
  const seen = new Map<string, number>();
  const errors: HouseholdError[] = [];
  const households: Household[] = [];
  for (const row of rows) {
    const fail = (field: string, code: HouseholdErrorCode, message: string): void => {
      errors.push({ line: row.line, field, code, message });
    };
    const villageCode = cell(row, 'village_code');
    if (villageCode === '') fail('village_code', 'missing_village_code', 'The village code is empty');
    else if (!selected.has(villageCode))
      fail('village_code', 'unselected_village', `Village "${villageCode}" is not a selected village of this sample`);
    const householdId = cell(row, 'household_id');
    if (householdId === '') fail('household_id', 'missing_household_id', 'The household id is empty');
    else if (villageCode !== '') {
      const key = `${villageCode}\u0000${householdId}`;
      const first = seen.get(key);
      if (first === undefined) seen.set(key, row.line);
      else
        fail(
          'household_id',
          'duplicate_household',
          `Household "${householdId}" of village "${villageCode}" is already on line ${first}`,
        );
    }
    const headName = cell(row, 'head_name');
    if (headName === '') fail('head_name', 'missing_head_name', 'The head of household name is empty');
    const adultsText = cell(row, 'eligible_adults');
    const adults = readCount(adultsText);
    if (!adults.ok) {
      if (adults.problem === 'missing') fail('eligible_adults', 'missing_eligible_adults', 'eligible_adults is empty');
      else
        fail(
          'eligible_adults',
          'invalid_eligible_adults',
          `eligible_adults must be a whole number >= 0, got "${adultsText}"`,
        );
    }
    const eligibleAdults = adults.ok ? adults.value : 0;
    households.push({
      villageCode,
      householdId,
      headName,
      address: cell(row, 'address'),
      phone: cell(row, 'phone'),
      eligibleAdults,
    });
  }
  return errors.length > 0 ? { ok: false, errors: byLine(errors) } : { ok: true, households };
}

export type HouseholdRole = 'primary' | 'reserve';

/** A drawn household. Primaries are numbered 1..m in list order; reserves 1..r in the order they are released. */
export interface SampledHousehold extends Household {
  role: HouseholdRole;
  order: number;
}

export interface VillageHouseholdDraw {
  villageCode: string;
  /** Rows listed for the village, and M: those with at least one eligible adult (the frame of the draw). */
  listed: number;
  eligible: number;
  /** m / M for the design (1 when M <= m: everyone is taken). Weights use completed / M instead. */
  probability: number;
  primaries: SampledHousehold[];
  reserves: SampledHousehold[];
}

export interface HouseholdDrawSize {
  respondents: number;
  reserves: number;
}

/**
 * Simple random sample without replacement from one village's list: a partial Fisher–Yates shuffle of the
 * eligible households picks m + r of them; the first m are the primaries (returned in list order, for the
 * walking route), the next r the reserves in draw order. When M <= m every eligible household is a primary
 * (probability 1) and there are no reserves; when M < m + r there are only M − m reserves.
 * @example
 *   drawVillageHouseholds(list, { respondents: 20, reserves: 10 }, createRng('V1'))
 *   // with 150 eligible households: 20 primaries, 10 reserves, probability 20 / 150
 */
export function drawVillageHouseholds(
  households: readonly Household[],
  size: HouseholdDrawSize,
  rng: Rng,
): VillageHouseholdDraw {
  const villageCode = households[0]?.villageCode ?? '';
  if (households.some((h) => h.villageCode !== villageCode))
    throw new Error('drawVillageHouseholds takes one village at a time');
  const eligible = households.filter((h) => h.eligibleAdults > 0);
  const bigM = eligible.length;
  const m = Math.min(size.respondents, bigM);
  const take = Math.min(bigM, size.respondents + size.reserves);
  const positions = eligible.map((_, i) => i);
  for (let i = 0; i < take && bigM > size.respondents; i++) {
    const j = i + rng.int(bigM - i);
    [positions[i], positions[j]] = [positions[j] as number, positions[i] as number];
  }
  const pick =
    (role: HouseholdRole) =>
    (position: number, k: number): SampledHousehold => ({
      ...(eligible[position] as Household),
      role,
      order: k + 1,
    });
  return {
    villageCode,
    listed: households.length,
    eligible: bigM,
    probability: bigM <= size.respondents ? 1 : m / bigM,
    primaries: positions
      .slice(0, m)
      .sort((a, b) => a - b)
      .map(pick('primary')),
    reserves: bigM <= size.respondents ? [] : positions.slice(m, take).map(pick('reserve')),
  };
}

/** Draws every village of a validated list, villages in order of first appearance, from one stream. */
export function drawHouseholds(list: readonly Household[], size: HouseholdDrawSize, rng: Rng): VillageHouseholdDraw[] {
  const villages = new Map<string, Household[]>();
  for (const h of list) {
    const group = villages.get(h.villageCode) ?? [];
    group.push(h);
    villages.set(h.villageCode, group);
  }
  return [...villages.values()].map((group) => drawVillageHouseholds(group, size, rng));
}
