// Choosing the one adult to interview in a selected household, on the phone: Kish's (1949) selection tables,
// each household getting its table from its id (reproducible), or the nearest-birthday rule. Also the
// probability with which the chosen adult was selected, whose inverse is the within-household weight factor.
import { createRng, type Rng } from './prng.js';

export const selectionMethods = ['kish', 'nearest_birthday'] as const;
export type SelectionMethod = (typeof selectionMethods)[number];

export const kishTables = ['A', 'B1', 'B2', 'C', 'D', 'E1', 'E2', 'F'] as const;
export type KishTable = (typeof kishTables)[number];

/**
 * Kish's selection tables: the line to interview for 1, 2, 3, 4, 5 and "6 or more" eligible adults, and the
 * share of households (in twelfths) each table is given to. Adults are listed men first, oldest to youngest,
 * then women, oldest to youngest, and numbered from 1.
 */
const kishGrid: Record<
  KishTable,
  { twelfths: number; lines: readonly [number, number, number, number, number, number] }
> = {
  A: { twelfths: 2, lines: [1, 1, 1, 1, 1, 1] },
  B1: { twelfths: 1, lines: [1, 1, 1, 1, 2, 2] },
  B2: { twelfths: 1, lines: [1, 1, 1, 2, 2, 2] },
  C: { twelfths: 2, lines: [1, 1, 2, 2, 3, 3] },
  D: { twelfths: 2, lines: [1, 2, 2, 3, 4, 4] },
  E1: { twelfths: 1, lines: [1, 2, 3, 3, 3, 5] },
  E2: { twelfths: 1, lines: [1, 2, 3, 4, 5, 5] },
  F: { twelfths: 2, lines: [1, 2, 3, 4, 5, 6] },
};

/** The twelve slots of one pass through the tables, in Kish's proportions. */
const slots: readonly KishTable[] = kishTables.flatMap((t) => Array.from({ length: kishGrid[t].twelfths }, () => t));

/** The key a household's table is derived from: unique within a draw (household ids are unique per village). */
export function householdSelectionKey(villageCode: string, householdId: string): string {
  return `${villageCode}/${householdId}`;
}

/**
 * The Kish table of a household, from its key alone, so the phone, the server and a later check agree.
 * @example kishTableFor('X001V01/H007') // always the same one of A, B1, …, F
 */
export function kishTableFor(householdKey: string): KishTable {
  return slots[createRng(`kish:${householdKey}`).int(slots.length)] as KishTable;
}

function requireAdults(eligibleAdults: number): void {
  if (!Number.isInteger(eligibleAdults) || eligibleAdults < 1)
    throw new RangeError(`eligible adults must be a whole number >= 1, got ${eligibleAdults}`);
}

/**
 * The line to interview under a Kish table. The tables stop at six: in a household of seven or more adults
 * only lines 1 to 6 can be chosen (Kish's own limit).
 * @example kishLine('D', 4) // 3
 */
export function kishLine(table: KishTable, eligibleAdults: number): number {
  requireAdults(eligibleAdults);
  return kishGrid[table].lines[Math.min(eligibleAdults, 6) - 1] as number;
}

export interface BirthdayOfYear {
  /** 1-12 */
  month: number;
  /** 1-31 */
  day: number;
}

const daysBefore = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
const isLeap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/** Day of the year (0-based) of a birthday in year y; 29 February is 1 March outside leap years. */
function dayOfYear(b: BirthdayOfYear, year: number): number {
  const leapDay = b.month > 2 && isLeap(year) ? 1 : 0;
  if (b.month === 2 && b.day === 29 && !isLeap(year)) return daysBefore[2] as number;
  return (daysBefore[b.month - 1] as number) + b.day - 1 + leapDay;
}

function validBirthday(b: BirthdayOfYear): boolean {
  const lengths = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return Number.isInteger(b.month) && Number.isInteger(b.day) && b.month >= 1 && b.month <= 12 && b.day >= 1
    ? b.day <= (lengths[b.month - 1] as number)
    : false;
}

/**
 * The nearest-birthday rule: the line (1-based) of the adult whose birthday comes next, counting from `today`
 * ('YYYY-MM-DD', the interview day; a birthday today is the nearest). Adults with the same birthday are
 * separated at random with `rng`.
 * @example nextBirthdayLine([{ month: 12, day: 1 }, { month: 3, day: 5 }], '2026-11-20', rng) // 1
 */
export function nextBirthdayLine(birthdays: readonly BirthdayOfYear[], today: string, rng: Rng): number {
  if (birthdays.length === 0) throw new RangeError('at least one eligible adult is needed');
  const bad = birthdays.findIndex((b) => !validBirthday(b));
  if (bad >= 0) throw new RangeError(`line ${bad + 1} has no valid birthday`);
  const year = Number(today.slice(0, 4));
  const todayIndex = dayOfYear({ month: Number(today.slice(5, 7)), day: Number(today.slice(8, 10)) }, year);
  const daysUntil = birthdays.map((b) => {
    const thisYear = dayOfYear(b, year);
    if (thisYear >= todayIndex) return thisYear - todayIndex;
    return (isLeap(year) ? 366 : 365) - todayIndex + dayOfYear(b, year + 1);
  });
  const nearest = Math.min(...daysUntil);
  const tied = daysUntil.flatMap((d, i) => (d === nearest ? [i + 1] : []));
  return tied.length === 1 ? (tied[0] as number) : (tied[rng.int(tied.length)] as number);
}

/**
 * The probability that the adult on `line` of a household of `eligibleAdults` was the one chosen:
 * - Kish: over the tables in their proportions, Σ share(T) · [T gives `line`]. It is 1/A for A = 1, 2, 3, 4
 *   and 6; with 5 adults lines 3 and 5 have 1/4 and the others 1/6; from 7 adults lines 1-6 have 1/6.
 * - nearest birthday: 1/A (birthdays taken as spread evenly over the year).
 * @example selectionProbability('kish', 5, 3) // 0.25
 */
export function selectionProbability(method: SelectionMethod, eligibleAdults: number, line: number): number {
  requireAdults(eligibleAdults);
  if (!Number.isInteger(line) || line < 1 || line > eligibleAdults)
    throw new RangeError(`line ${line} is not one of the ${eligibleAdults} eligible adults`);
  if (method === 'nearest_birthday') return 1 / eligibleAdults;
  let twelfths = 0;
  for (const t of kishTables) if (kishLine(t, eligibleAdults) === line) twelfths += kishGrid[t].twelfths;
  if (twelfths === 0) throw new RangeError(`a Kish table never chooses line ${line} of ${eligibleAdults} adults`);
  return twelfths / 12;
}

/** What the phone records about the selection (paradata): no names, no birthdays. */
export interface RespondentSelection {
  method: SelectionMethod;
  eligibleAdults: number;
  line: number;
  /** Kish only: the table the household's key gives. */
  table?: KishTable | undefined;
}

/**
 * Why a recorded selection cannot be the rule's outcome for this household, or null. A Kish selection must be
 * the line its household's table gives; a nearest-birthday line must be one of the adults.
 */
export function selectionProblem(s: RespondentSelection, householdKey: string): string | null {
  if (!Number.isInteger(s.eligibleAdults) || s.eligibleAdults < 1) return 'eligibleAdults must be at least 1';
  if (!Number.isInteger(s.line) || s.line < 1 || s.line > s.eligibleAdults)
    return `line ${s.line} is not one of the ${s.eligibleAdults} eligible adults`;
  if (s.method !== 'kish') return null;
  const table = kishTableFor(householdKey);
  if (s.table !== undefined && s.table !== table) return `household ${householdKey} has Kish table ${table}`;
  const line = kishLine(table, s.eligibleAdults);
  return s.line === line ? null : `Kish table ${table} chooses line ${line} of ${s.eligibleAdults} adults`;
}
