// View models of the plan pages: the plan's facts, the year picker, counts per status, every target in words
// (plan-text.ts, shared with the report), and each department's targets, what it leads and what it supports.
import type { Lang } from '../../domain/errors.js';
import type { OwnerSummary, PlanOverview } from '../../services/plans/plan-overview.js';
import { targetText, type TargetText } from '../../services/plans/plan-text.js';

export interface PlanHeader {
  code: string;
  name: string;
  province: string;
  issuer: string;
  documentNumber: string | null;
  issuedOn: string | null;
  span: string;
  notes: string[];
  year: number;
  years: number[];
  counts: PlanOverview['counts'];
}

export interface OwnerRow {
  code: string;
  name: string;
  leads: number;
  supports: number;
  counts: OwnerSummary['counts'];
}

export interface PlanView extends PlanHeader {
  targets: TargetText[];
  owners: OwnerRow[];
}

function header(o: PlanOverview): PlanHeader {
  const p = o.stored.plan;
  const years: number[] = [];
  for (let y = p.startYear; y <= p.endYear; y += 1) years.push(y);
  return {
    code: p.code,
    name: p.name,
    province: p.province,
    issuer: p.issuer,
    documentNumber: p.documentNumber,
    issuedOn: p.issuedOn,
    span: p.startYear === p.endYear ? String(p.startYear) : `${p.startYear}–${p.endYear}`,
    notes: o.stored.notes,
    year: o.year,
    years,
    counts: o.counts,
  };
}

export function planView(o: PlanOverview, lang: Lang): PlanView {
  const owners = o.owners
    .map((w) => ({
      code: w.department.code,
      name: w.department.name,
      leads: w.leads.length,
      supports: w.supports.length,
      counts: w.counts,
    }))
    .sort((a, b) => b.counts.missed - a.counts.missed || b.leads - a.leads || a.name.localeCompare(b.name, 'vi'));
  return { ...header(o), targets: o.statuses.map((s) => targetText(o, s, lang)), owners };
}

export interface OwnerView extends PlanHeader {
  department: { code: string; name: string };
  leads: TargetText[];
  supports: TargetText[];
  ownerCounts: OwnerSummary['counts'];
}

export function ownerView(o: PlanOverview, owner: OwnerSummary, lang: Lang): OwnerView {
  return {
    ...header(o),
    department: { code: owner.department.code, name: owner.department.name },
    leads: owner.leads.map((s) => targetText(o, s, lang)),
    supports: owner.supports.map((s) => targetText(o, s, lang)),
    ownerCounts: owner.counts,
  };
}
