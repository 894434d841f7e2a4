// The plan's report for a year, in Vietnamese administrative style, as data: the year's results with the published
// figure and rank beside the province's survey, the criteria that lost points (worst first), each lead
// department's targets with their status, and the survey's method and sample in one paragraph. The DOCX and the
// print page both render this, so they say the same thing.
import type { AppContext } from '../../context.js';
import type { Figure } from '../../domain/plans/facts.js';
import { surveyToPublished } from '../../domain/plans/indices.js';
import type { IndexCode } from '../../domain/plans/model.js';
import { valueText } from '../../domain/plans/phrases.js';
import type { NodeScore } from '../../domain/scoring/index.js';
import { drawProgress } from '../fieldwork/progress.js';
import { planOverview, type PlanOverview } from './plan-overview.js';
import { describer, subjectText, targetText, type TargetText } from './plan-text.js';
import type { RoundScores } from './survey-figures.js';

export interface ResultRow {
  index: string;
  published: string;
  rank: string;
  survey: string;
  change: string;
}

export interface LostRow {
  criterion: string;
  score: string;
  lost: string;
  change: string;
  /** Share of the maximum lost, for ordering (worst first). */
  share: number;
}

export interface OwnerSection {
  name: string;
  leads: TargetText[];
  supports: TargetText[];
}

export interface PlanReport {
  province: string;
  issuer: string;
  year: number;
  planName: string;
  planCode: string;
  documentNumber: string | null;
  /** "Bắc Giang, ngày 6 tháng 12 năm 2026". */
  placeDate: string;
  title: string;
  summary: string;
  results: ResultRow[];
  lost: LostRow[];
  owners: OwnerSection[];
  counts: PlanOverview['counts'];
  method: string[];
  notes: string[];
}

const vi = describer('vi');
const indexName = (index: IndexCode): string => (index === 'PAR' ? 'PAR Index' : index);
const unitOf = (index: IndexCode): string => (index === 'PAPI' || index === 'TT01' ? 'điểm' : '%');

/** Up to this many criteria per index in "lost points". */
const lostPerIndex = 12;

function rankWords(p: { rank: number | null; provinces: number | null; group: string | null } | null): string {
  if (!p) return '–';
  const parts = [
    p.rank === null ? null : `${p.rank}/${p.provinces ?? '…'}`,
    p.group === null ? null : `nhóm “${p.group}”`,
  ].filter(Boolean);
  return parts.length > 0 ? parts.join('; ') : '–';
}

function surveyWords(f: Figure | null, unit: string): string {
  if (!f) return '–';
  return `${valueText(vi, f.value, unit)} (${vi.number(f.ciLow, 2)}–${vi.number(f.ciHigh, 2)})`;
}

function resultRows(o: PlanOverview): ResultRow[] {
  const { facts } = o.facts;
  const rows: ResultRow[] = [];
  const add = (index: IndexCode, node: string, label: string) => {
    const p = facts.published(index, node, o.year);
    const before = facts.published(index, node, o.year - 1);
    const survey =
      index === 'PAR' || node !== 'overall' ? null : facts.survey({ type: 'node', index, node, domain: null }, o.year);
    if (!p && !survey) return;
    const unit = unitOf(index);
    const change =
      p?.score != null && before?.score != null
        ? `${p.score - before.score >= 0 ? '+' : ''}${valueText(vi, p.score - before.score, unit === '%' ? 'điểm' : unit)}` +
          (p.rank !== null && before.rank !== null && p.rank !== before.rank
            ? `; ${p.rank < before.rank ? 'tăng' : 'giảm'} ${Math.abs(p.rank - before.rank)} bậc`
            : '')
        : '–';
    rows.push({
      index: label,
      published: p?.score == null ? '–' : valueText(vi, p.score, unit),
      rank: rankWords(p),
      survey: surveyWords(survey, unit),
      change,
    });
  };
  add('PAR', 'overall', 'Chỉ số cải cách hành chính (PAR Index)');
  for (const field of o.facts.frameworks.get('PAR')?.children('overall', null) ?? [])
    add('PAR', field, `– Lĩnh vực ${field}: ${o.facts.frameworks.get('PAR')?.label(field).vi ?? ''}`);
  add('SIPAS', 'overall', 'Chỉ số hài lòng (SIPAS)');
  add('PAPI', 'overall', 'Chỉ số PAPI');
  return rows;
}

/** The most a node can score: 100% for SIPAS and PAR, 10 for a PAPI dimension, 10/k for one of its k sub-dimensions. */
function maxOf(index: IndexCode, node: NodeScore, siblings: number): number | null {
  if (index === 'SIPAS') return 100;
  if (index === 'PAPI') return node.level === 'dimension' ? 10 : node.level === 'subdimension' ? 10 / siblings : null;
  return null;
}

function lostRows(o: PlanOverview): LostRow[] {
  const out: LostRow[] = [];
  for (const index of ['SIPAS', 'PAPI'] as const) {
    const scored = o.facts.rounds.get(`${index}|${o.year}`);
    if (!scored) continue;
    const before = o.facts.rounds.get(`${index}|${o.year - 1}`);
    const level = index === 'SIPAS' ? 'criterion' : 'subdimension';
    const k = surveyToPublished(index);
    const rows = scored.result.nodes
      .filter((n) => n.level === level && Number.isFinite(n.estimate))
      .map((n) => {
        const siblings = scored.result.nodes.filter((m) => m.parent === n.parent && m.level === level).length;
        const max = maxOf(index, n, siblings) ?? n.estimate * k;
        const score = n.estimate * k;
        const prev = before?.result.nodes.find((m) => m.code === n.code);
        const unit = unitOf(index);
        return {
          criterion: subjectText(o, { type: 'node', index, node: n.code, domain: null }, 'vi'),
          score: valueText(vi, score, unit),
          lost: valueText(vi, max - score, unit === '%' ? 'điểm' : unit),
          change: prev ? signed(score - prev.estimate * k, unit) : '–',
          share: (max - score) / max,
        };
      })
      .filter((r) => r.share > 1e-9)
      .sort((a, b) => b.share - a.share)
      .slice(0, lostPerIndex);
    out.push(...rows);
  }
  const par = o.facts.frameworks.get('PAR');
  const criteria = [
    ...(par?.children('overall', 'criterion') ?? []),
    ...(par?.children('overall', 'subcriterion') ?? []),
  ];
  const parRows = criteria
    .map((c) => ({ c, p: o.facts.facts.published('PAR', c, o.year), b: o.facts.facts.published('PAR', c, o.year - 1) }))
    .filter((x) => x.p?.score != null && (x.p.score as number) < 100)
    .map(({ c, p, b }) => ({
      criterion: `PAR Index · Tiêu chí ${c}`,
      score: valueText(vi, p?.score as number, '%'),
      lost: valueText(vi, 100 - (p?.score as number), 'điểm'),
      change: b?.score != null ? signed((p?.score as number) - b.score, '%') : '–',
      share: (100 - (p?.score as number)) / 100,
    }))
    .sort((a, b) => b.share - a.share)
    .slice(0, lostPerIndex);
  return [...out, ...parRows].sort((a, b) => b.share - a.share);
}

const signed = (v: number, unit: string): string =>
  `${v >= 0 ? '+' : '−'}${valueText(vi, Math.abs(v), unit === '%' ? 'điểm' : unit)}`;

/** One paragraph per survey round of the year: n, response rate, design, calibration and how targets are judged. */
async function methodParagraphs(ctx: AppContext, o: PlanOverview): Promise<string[]> {
  const out: string[] = [];
  for (const index of ['SIPAS', 'PAPI', 'TT01'] as const) {
    const scored = o.facts.rounds.get(`${index}|${o.year}`);
    if (scored) out.push(await methodOf(ctx, index, scored));
  }
  if (out.length === 0) out.push(`Năm ${o.year} chưa có đợt khảo sát SIPAS hoặc PAPI của tỉnh trong hệ thống.`);
  out.push(
    'Các ước lượng có trọng số theo thiết kế mẫu; khoảng tin cậy (KTC) 95% tính theo phân phối t với bậc tự do của ' +
      'thiết kế. Một mục tiêu được đánh giá "đạt" khi cả KTC nằm ở phía đạt của mức phải đạt, "không đạt" khi cả KTC ' +
      'nằm ở phía không đạt, và "chưa phân biệt được với mục tiêu" khi KTC chứa mức phải đạt. Khi đã có kết quả công ' +
      'bố, kết quả công bố được dùng để đánh giá; xếp hạng và nhóm lấy theo kết quả công bố.',
  );
  return out;
}

async function methodOf(ctx: AppContext, index: IndexCode, scored: RoundScores): Promise<string> {
  const { round, data, result } = scored;
  const st = data.statement;
  const design =
    st?.spec.kind === 'sample'
      ? `mẫu nhiều giai đoạn theo lần chọn mẫu số ${round.draw_id} (xác suất tỷ lệ với quy mô)`
      : st?.spec.kind === 'stratified'
        ? `mẫu phân tầng theo câu ${st.spec.question}`
        : 'mẫu ngẫu nhiên đơn giản';
  let rate = 'không tính được (mẫu không theo lần chọn mẫu của hệ thống)';
  if (round.draw_id !== null) {
    const progress = await drawProgress(ctx, round.draw_id);
    rate =
      progress.responseRate === null
        ? 'chưa tính được'
        : `${vi.number(progress.responseRate * 100, 1)}% (${progress.completed} hộ hoàn thành)`;
  }
  const calibration =
    st?.calibration.method === 'poststratify'
      ? `hậu phân tầng theo ${st.calibration.variables.join(', ')}`
      : st?.calibration.method === 'raking'
        ? `raking theo ${st.calibration.variables.join(', ')}`
        : 'không hiệu chỉnh';
  return (
    `Khảo sát ${indexName(index)} năm ${round.period_end.slice(0, 4)} (đợt ${round.code}, từ ${round.period_start} ` +
    `đến ${round.period_end}): n = ${result.respondents} người trả lời; tỷ lệ trả lời ${rate}; thiết kế ${design}, ` +
    `${st?.strata ?? 0} tầng, ${st?.psus ?? 0} đơn vị mẫu cấp 1 (PSU), bậc tự do ${st?.df ?? 0}; trọng số ${calibration}.`
  );
}

function summaryOf(o: PlanOverview): string {
  const parts: string[] = [];
  for (const [index, name] of [
    ['PAR', 'Chỉ số PAR Index'],
    ['SIPAS', 'Chỉ số SIPAS'],
    ['PAPI', 'Chỉ số PAPI'],
  ] as const) {
    const p = o.facts.facts.published(index, 'overall', o.year);
    if (!p || (p.score === null && p.rank === null && p.group === null)) continue;
    const bits = [`${name} năm ${o.year}`];
    if (p.score !== null) bits.push(`đạt ${valueText(vi, p.score, unitOf(index))}`);
    if (p.rank !== null) bits.push(`đứng thứ ${p.rank}/${p.provinces ?? '…'} tỉnh, thành phố`);
    if (p.group !== null) bits.push(`nằm trong nhóm “${p.group}”`);
    parts.push(bits.join(', '));
  }
  const c = o.counts;
  const total = c.met + c.missed + c.indistinct + c.pending;
  const status =
    `Trong ${total} mục tiêu của năm ${o.year}: ${c.met} đạt, ${c.missed} không đạt, ${c.indistinct} chưa phân biệt ` +
    `được với mục tiêu (KTC 95%), ${c.pending} chưa có số liệu.`;
  return parts.length > 0 ? `${parts.join('; ')}. ${status}` : `Chưa có kết quả công bố của năm ${o.year}. ${status}`;
}

export async function planReport(ctx: AppContext, code: string, year: number | null): Promise<PlanReport> {
  const o = await planOverview(ctx, code, year);
  const p = o.stored.plan;
  const now = ctx.clock.now();
  const local = new Date(now.getTime() + 7 * 3_600_000);
  return {
    province: p.province,
    issuer: p.issuer,
    year: o.year,
    planName: p.name,
    planCode: p.code,
    documentNumber: p.documentNumber,
    placeDate: `${p.province}, ngày ${local.getUTCDate()} tháng ${local.getUTCMonth() + 1} năm ${local.getUTCFullYear()}`,
    title: `Kết quả thực hiện ${p.name} năm ${o.year}`,
    summary: summaryOf(o),
    results: resultRows(o),
    lost: lostRows(o),
    owners: o.owners
      .filter((w) => w.leads.length + w.supports.length > 0)
      .sort((a, b) => b.counts.missed - a.counts.missed || b.leads.length - a.leads.length)
      .map((w) => ({
        name: w.department.name,
        leads: w.leads.map((s) => targetText(o, s, 'vi')),
        supports: w.supports.map((s) => targetText(o, s, 'vi')),
      })),
    counts: o.counts,
    method: await methodParagraphs(ctx, o),
    notes: o.stored.notes,
  };
}
