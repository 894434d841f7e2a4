// The national tables as published (PAPI and SIPAS scores of every province, the PAR Index and its fields), one
// CSV row per province, index, node and year. A missing rank is computed from the scores in the file (highest
// first, ties sharing the better rank); a missing number of provinces is the number ranked.
import { indexCodes, type IndexCode } from './model.js';

export interface PublishedRow {
  readonly year: number;
  readonly index: IndexCode;
  readonly province: string;
  readonly node: string;
  readonly score: number | null;
  readonly rank: number | null;
  readonly provinces: number | null;
  readonly group: string | null;
}

export interface RowProblem {
  readonly line: number;
  readonly field: string;
  readonly message: string;
}

export const publishedColumns = ['year', 'index', 'province', 'node', 'score', 'rank', 'group', 'provinces'] as const;

/** Province names compare as people write them: NFC, single spaces, no case, an optional "Tỉnh"/"Thành phố". */
export function provinceKey(name: string): string {
  return name
    .normalize('NFC')
    .trim()
    .replace(/\s+/g, ' ')
    .toLocaleLowerCase('vi')
    .replace(/^(tỉnh|thành phố|tp\.?)\s+/, '');
}

const number = (raw: string | undefined): number | null | 'bad' => {
  const s = (raw ?? '').trim();
  if (s === '') return null;
  const n = Number(s.replace(',', '.'));
  return Number.isFinite(n) ? n : 'bad';
};

/**
 * Checks the rows of a national table (line numbers as in the file: the header is line 1).
 * @example parsePublishedRows([{ year: '2023', index: 'SIPAS', province: 'Bắc Giang', node: '', score: '81,62' }])
 *   // { rows: [{ year: 2023, index: 'SIPAS', province: 'Bắc Giang', node: 'overall', score: 81.62, rank: 1, … }] }
 */
export function parsePublishedRows(records: readonly Record<string, string | undefined>[]): {
  rows: PublishedRow[];
  problems: RowProblem[];
} {
  const problems: RowProblem[] = [];
  const rows: PublishedRow[] = [];
  const seen = new Set<string>();
  records.forEach((r, k) => {
    const line = k + 2;
    const bad = (field: string, message: string) => problems.push({ line, field, message });
    const year = Number((r['year'] ?? '').trim());
    if (!Number.isInteger(year) || year < 2000 || year > 2100) bad('year', `"${r['year'] ?? ''}" is not a year`);
    const index = (r['index'] ?? '').trim().toUpperCase();
    if (!(indexCodes as readonly string[]).includes(index))
      bad('index', `"${r['index'] ?? ''}" is not SIPAS, PAPI, TT01 or PAR`);
    const province = (r['province'] ?? '').normalize('NFC').trim().replace(/\s+/g, ' ');
    if (province === '' || province.length > 100)
      bad('province', 'a province name is required (at most 100 characters)');
    const node = (r['node'] ?? '').trim() || 'overall';
    const score = number(r['score']);
    const rank = number(r['rank']);
    const provinces = number(r['provinces']);
    if (score === 'bad') bad('score', `"${r['score']}" is not a number`);
    if (rank === 'bad' || (typeof rank === 'number' && !(Number.isInteger(rank) && rank > 0)))
      bad('rank', `"${r['rank']}" is not a rank (1, 2, …)`);
    if (provinces === 'bad' || (typeof provinces === 'number' && !(Number.isInteger(provinces) && provinces > 0)))
      bad('provinces', `"${r['provinces']}" is not a number of provinces`);
    const group = (r['group'] ?? '').trim() || null;
    if (group !== null && group.length > 100) bad('group', 'a group name has at most 100 characters');
    if (score === null && rank === null && group === null) bad('score', 'a row needs a score, a rank or a group');
    const key = `${year}|${index}|${provinceKey(province)}|${node}`;
    if (seen.has(key)) bad('province', `${province} ${index} ${node} ${year} appears twice`);
    seen.add(key);
    if (problems.some((p) => p.line === line)) return;
    rows.push({
      year,
      index: index as IndexCode,
      province,
      node,
      score: score as number | null,
      rank: rank as number | null,
      provinces: provinces as number | null,
      group,
    });
  });
  return { rows: problems.length > 0 ? [] : rankRows(rows), problems };
}

/** Fills missing ranks and province counts within each year, index and node (highest score ranks first). */
export function rankRows(rows: readonly PublishedRow[]): PublishedRow[] {
  const groups = new Map<string, PublishedRow[]>();
  for (const r of rows) {
    const key = `${r.year}|${r.index}|${r.node}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  return rows.map((r) => {
    const peers = groups.get(`${r.year}|${r.index}|${r.node}`) ?? [];
    const scored = peers.filter((p) => p.score !== null);
    // One province's quoted figure has no rank to compute: ranks come from a table of several provinces.
    const rank =
      r.rank ??
      (r.score === null || scored.length < 2
        ? null
        : 1 + scored.filter((p) => (p.score as number) > (r.score as number)).length);
    const provinces = r.provinces ?? (peers.length > 1 ? peers.length : null);
    return { ...r, rank, provinces };
  });
}
