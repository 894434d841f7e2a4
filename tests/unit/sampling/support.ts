// Test builders for sampling: CSV-like rows with real line numbers, and a synthetic province frame.
import { validateFrame } from '../../../src/domain/sampling/index.js';
import type { CsvRow, FrameUnit, Household, VillageHouseholdDraw } from '../../../src/domain/sampling/index.js';

/** Rows of a comma-separated text without quotes: lines[0] is the header (line 1), data from line 2. */
export function rowsOf(lines: readonly string[]): { columns: string[]; rows: CsvRow[] } {
  const [header = '', ...data] = lines;
  const columns = header.split(',');
  const rows = data.map((text, i) => {
    const cells = text.split(',');
    return { line: i + 2, values: Object.fromEntries(columns.map((c, j) => [c, cells[j] ?? ''])) };
  });
  return { columns, rows };
}

export interface ProvinceShape {
  districts: number;
  communes: number;
  villages: number;
  /** The province row's population; by default the sum of its villages. */
  provincePopulation?: number;
}

/** Frame CSV lines of a synthetic province. Sizes vary deterministically; the seat is not always listed first. */
export function provinceLines(shape: ProvinceShape): string[] {
  const lines: string[] = [];
  let provinceTotal = 0;
  for (let d = 1; d <= shape.districts; d++) {
    const dCode = `D${String(d).padStart(2, '0')}`;
    const communeLines: string[] = [];
    let districtTotal = 0;
    for (let c = 1; c <= shape.communes; c++) {
      const cCode = `${dCode}C${c}`;
      const villageLines: string[] = [];
      let communeTotal = 0;
      for (let v = 1; v <= shape.villages; v++) {
        const population = 200 + ((d * 7 + c * 13 + v * 31) % 17) * 50;
        communeTotal += population;
        const seat = v === (c % shape.villages) + 1 ? 1 : 0;
        villageLines.push(`village,${cCode}V${v},Thôn ${v},${cCode},${population},${seat}`);
      }
      districtTotal += communeTotal;
      const seat = c === (d % shape.communes) + 1 ? 1 : 0;
      communeLines.push(`commune,${cCode},Xã ${d}.${c},${dCode},${communeTotal},${seat}`, ...villageLines);
    }
    provinceTotal += districtTotal;
    lines.push(`district,${dCode},Huyện ${d},P1,${districtTotal},${d === 2 ? 1 : 0}`, ...communeLines);
  }
  const population = shape.provincePopulation ?? provinceTotal;
  return ['level,code,name,parent_code,population,is_seat', `province,P1,Tỉnh Thử,,${population},0`, ...lines];
}

export function provinceFrame(shape: ProvinceShape): FrameUnit[] {
  const { rows, columns } = rowsOf(provinceLines(shape));
  const result = validateFrame(rows, { columns });
  if (!result.ok) throw new Error(`synthetic frame is invalid: ${JSON.stringify(result.errors)}`);
  return result.units;
}

export interface TwoTierShape {
  communes: number;
  villages: number;
  /** Population of commune k (1-based); by default a deterministic spread. */
  communePopulation?: (k: number) => number;
}

/** Frame CSV lines of a province on today's map: province > commune > village, commune 1 the seat ward. */
export function twoTierLines(shape: TwoTierShape): string[] {
  const lines: string[] = [];
  let total = 0;
  for (let c = 1; c <= shape.communes; c++) {
    const code = `X${String(c).padStart(3, '0')}`;
    const size = shape.communePopulation?.(c) ?? 2000 + ((c * 37) % 23) * 400;
    const per = Math.floor(size / shape.villages);
    lines.push(`commune,${code},Xã ${c},P2,${per * shape.villages},${c === 1 ? 1 : 0}`);
    for (let v = 1; v <= shape.villages; v++)
      lines.push(`village,${code}V${v},Thôn ${v},${code},${per},${v === 1 ? 1 : 0}`);
    total += per * shape.villages;
  }
  return ['level,code,name,parent_code,population,is_seat', `province,P2,Tỉnh Hai Cấp,,${total},0`, ...lines];
}

export function twoTierFrame(shape: TwoTierShape): FrameUnit[] {
  const { rows, columns } = rowsOf(twoTierLines(shape));
  const result = validateFrame(rows, { columns });
  if (!result.ok) throw new Error(`synthetic two-tier frame is invalid: ${JSON.stringify(result.errors)}`);
  return result.units;
}

/** Household lists of the given villages, `size(k)` households in the k-th; one eligible adult each. */
export function householdLists(villageCodes: readonly string[], size: (k: number) => number): Household[] {
  return villageCodes.flatMap((villageCode, k) =>
    Array.from({ length: size(k) }, (_, i) => ({
      villageCode,
      householdId: `h${i}`,
      headName: 'A',
      address: '',
      phone: '',
      eligibleAdults: 1,
    })),
  );
}

/** The first `count` primaries of each village drawn, as completed respondents. */
export function completedPrimaries(drawn: readonly VillageHouseholdDraw[], count: number) {
  return drawn.flatMap((h) =>
    h.primaries.slice(0, count).map((p) => ({
      id: `${h.villageCode}/${p.householdId}`,
      villageCode: h.villageCode,
      householdId: p.householdId,
    })),
  );
}
