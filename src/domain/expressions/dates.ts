// Calendar dates as 'YYYY-MM-DD' text, with plain integer arithmetic (no Date objects, no time zones), so
// the browser and the server agree whatever their clocks and locales.

export interface CivilDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

const isoDate = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/;

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Parses 'YYYY-MM-DD' when it names a real calendar day ('2023-02-29' does not); otherwise null. */
export function parseDate(text: string): CivilDate | null {
  const m = isoDate.exec(text);
  if (m === null) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

/**
 * Whole years from `birth` to `today`; a birthday on 29 February counts as reached on 1 March in other
 * years. Null when `birth` is after `today`.
 * @example ageInYears({ year: 2000, month: 6, day: 15 }, { year: 2024, month: 6, day: 14 }) // 23
 */
export function ageInYears(birth: CivilDate, today: CivilDate): number | null {
  const beforeBirthday = today.month * 100 + today.day < birth.month * 100 + birth.day;
  const years = today.year - birth.year - (beforeBirthday ? 1 : 0);
  return years < 0 ? null : years;
}
