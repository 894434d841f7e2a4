// A target's status in words, for the pages (Vietnamese or English) and the report (Vietnamese): subject with the
// framework's label, aim, figure with unit and CI, goal, published rank, the survey estimate beside a published
// figure, owners by name, and a rule's children. Built once from the overview so every output says the same.
import type { Lang } from '../../domain/errors.js';
import type { ChildEvaluation, Status } from '../../domain/plans/evaluate.js';
import type { Subject } from '../../domain/plans/model.js';
import {
  aimText,
  figureText,
  rankText,
  statusText,
  unitOf,
  valueText,
  type Describer,
} from '../../domain/plans/phrases.js';
import type { TargetStatus } from '../../domain/plans/target-status.js';
import type { PlanOverview } from './plan-overview.js';

export interface ChildText {
  node: string;
  subject: string;
  figure: string | null;
  goal: string | null;
  status: Status;
  statusText: string;
}

export interface TargetText {
  row: number;
  label: string;
  subject: string;
  aim: string;
  figure: string | null;
  goal: string | null;
  /** "thiếu 3 bậc", "thiếu 1,20%": how far short of the goal, when short. */
  shortfall: string | null;
  rank: string | null;
  status: Status;
  statusText: string;
  /** The province's survey estimate beside a published figure, and whether the two differ beyond its CI. */
  alongside: { text: string; differs: boolean } | null;
  lead: { code: string; name: string };
  support: { code: string; name: string }[];
  years: string;
  source: string | null;
  note: string | null;
  children: ChildText[];
}

export function describer(lang: Lang): Describer {
  const formats = new Map<number, Intl.NumberFormat>();
  return {
    lang,
    number: (value, digits) => {
      let f = formats.get(digits);
      if (!f) {
        f = new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', {
          minimumFractionDigits: digits,
          maximumFractionDigits: digits,
        });
        formats.set(digits, f);
      }
      return f.format(value);
    },
  };
}

const pick = (label: { vi: string; en?: string | undefined }, lang: Lang): string =>
  lang === 'en' ? (label.en ?? label.vi) : label.vi;

/** "SIPAS · II.B Thủ tục hành chính", "PAR Index · 3 Cải cách thủ tục hành chính", "Chỉ tiêu hành chính: …". */
export function subjectText(o: PlanOverview, subject: Subject, lang: Lang): string {
  if (subject.type === 'indicator') {
    const def = o.facts.indicatorNames.get(subject.indicator);
    return `${lang === 'vi' ? 'Chỉ tiêu hành chính' : 'Administrative indicator'}: ${def?.name ?? subject.indicator}`;
  }
  const fw = o.facts.frameworks.get(subject.index);
  const name = subject.index === 'PAR' ? 'PAR Index' : subject.index;
  const level = fw?.level(subject.node) ?? null;
  const node =
    subject.node === 'overall'
      ? ` · ${lang === 'vi' ? 'chỉ số chung' : 'overall'}`
      : subject.index === 'PAR' && level !== 'field'
        ? ` · ${lang === 'vi' ? 'Tiêu chí' : 'Criterion'} ${subject.node}`
        : subject.index === 'PAR'
          ? ` · ${lang === 'vi' ? 'Lĩnh vực' : 'Field'} ${subject.node}: ${fw ? pick(fw.label(subject.node), lang) : ''}`
          : ` · ${subject.node} ${fw ? pick(fw.label(subject.node), lang) : ''}`.trimEnd();
  const domain = subject.domain ? ` (${subject.domain.value})` : '';
  return `${name}${node}${domain}`;
}

function unitFor(o: PlanOverview, subject: Subject): string {
  return unitOf(
    subject,
    subject.type === 'indicator' ? (o.facts.indicatorNames.get(subject.indicator)?.unit ?? '') : null,
  );
}

function shortfallText(d: Describer, s: TargetStatus, unit: string): string | null {
  const { shortfall, status } = s.evaluation;
  if (shortfall === null || shortfall <= 0 || status === 'met') return null;
  // Short of a floor ("thiếu 4,95 điểm"), or over a ceiling ("vượt 2 phút/lần").
  const over = s.evaluation.compare === 'at_most' || s.evaluation.compare === 'below';
  const short = d.lang === 'vi' ? (over ? 'vượt' : 'thiếu') : over ? 'over by' : 'short by';
  if (s.target.aim.kind === 'rank') return `${short} ${shortfall} ${d.lang === 'vi' ? 'bậc' : 'places'}`;
  if (s.target.aim.kind === 'rule') return null;
  return `${short} ${valueText(d, shortfall, unit === '%' ? 'điểm' : unit, 'auto')}`;
}

function childText(o: PlanOverview, d: Describer, parent: Subject, c: ChildEvaluation, lang: Lang): ChildText {
  const subject = parent.type === 'node' ? { ...parent, node: c.node } : parent;
  const unit = unitFor(o, subject);
  return {
    node: c.node,
    subject: subjectText(o, subject, lang),
    figure: c.current ? figureText(d, c.current, unit) : null,
    goal: c.goal === null ? null : valueText(d, c.goal, unit, 'auto'),
    status: c.status,
    statusText: statusText(d, c.status, c.pending, true),
  };
}

/** A rule's result in words: "14 tiêu chí: 2 đạt, 12 chưa phân biệt được". */
function childrenSummary(d: Describer, children: readonly ChildEvaluation[], levelName: string | null): string | null {
  if (children.length === 0) return null;
  const order: Status[] = ['met', 'missed', 'indistinct', 'pending'];
  const counts = order
    .map((s) => [s, children.filter((c) => c.status === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${statusText(d, s, null, true).toLocaleLowerCase(d.lang)}`);
  const what = levelName ?? (d.lang === 'vi' ? 'tiêu chí' : 'children');
  return `${children.length} ${what}: ${counts.join(', ')}`;
}

export function targetText(o: PlanOverview, s: TargetStatus, lang: Lang): TargetText {
  const d = describer(lang);
  const { target, evaluation: e } = s;
  const unit = unitFor(o, target.subject);
  const fw = target.subject.type === 'node' ? o.facts.frameworks.get(target.subject.index) : undefined;
  const levelName =
    target.aim.kind === 'rule' && target.aim.level && fw ? (fw.levelLabel(target.aim.level) ?? null) : null;
  const direction =
    target.subject.type === 'indicator'
      ? (o.facts.indicatorNames.get(target.subject.indicator)?.direction ?? 'higher')
      : 'higher';
  const dept = (code: string) => ({ code, name: o.stored.departments.byCode(code)?.name ?? code });
  const goalShown =
    e.goal !== null && target.aim.kind !== 'rank' && target.aim.kind !== 'group' && target.aim.kind !== 'rule';
  return {
    row: target.row,
    label: target.label,
    subject: subjectText(o, target.subject, lang),
    aim: aimText(
      d,
      target.aim,
      unit,
      e.year,
      direction,
      levelName ? pick(levelName, lang).toLocaleLowerCase(lang) : null,
    ),
    figure: e.current
      ? figureText(d, e.current, unit)
      : childrenSummary(d, e.children, levelName ? pick(levelName, lang).toLocaleLowerCase(lang) : null),
    goal: goalShown ? valueText(d, e.goal as number, unit, 'auto') : null,
    shortfall: shortfallText(d, s, unit),
    rank: rankText(d, e),
    status: e.status,
    statusText: statusText(d, e.status, e.pending),
    alongside: e.alongside ? { text: figureText(d, e.alongside.survey, unit), differs: e.alongside.differs } : null,
    lead: dept(target.lead),
    support: target.support.map(dept),
    years: target.year === null ? (lang === 'vi' ? 'hằng năm' : 'every year') : String(target.year),
    source: target.source?.line ? `${lang === 'vi' ? 'dòng' : 'line'} ${target.source.line}` : null,
    note: target.note,
    children: e.children.map((c) => childText(o, d, target.subject, c, lang)),
  };
}
