// Checks a parsed plan against the world before anything is stored: every node exists in its index, every
// department and indicator is known, quoted published figures agree with the tables, and every rank or group
// target has published results to be judged by. All problems are returned together, each with its row.
import type { Db } from '../../db/database.js';
import { listIndicators } from '../../db/queries/indicators.js';
import { listPublishedByProvince } from '../../db/queries/published-results.js';
import type { ParsedPlanFile, PlanProblem } from '../../domain/plans/plan-file.js';
import { provinceKey } from '../../domain/plans/published.js';
import type { IndexCode, PlanTarget } from '../../domain/plans/model.js';
import { targetYears } from '../../domain/plans/model.js';
import type { DepartmentDirectory } from './departments.js';
import type { IndexFramework } from './frameworks.js';

export interface ReferenceContext {
  departments: DepartmentDirectory;
  frameworks: ReadonlyMap<IndexCode, IndexFramework>;
}

type Published = Awaited<ReturnType<typeof listPublishedByProvince>>;

export async function checkPlanReferences(
  db: Db,
  parsed: ParsedPlanFile,
  refs: ReferenceContext,
): Promise<PlanProblem[]> {
  const { plan, file } = parsed;
  const problems: PlanProblem[] = [];
  const published = await listPublishedByProvince(db, provinceKey(plan.province));
  const indicators = new Map((await listIndicators(db)).map((i) => [i.code, i]));
  checkIndicators(parsed, refs, indicators, problems);
  checkQuoted(parsed, refs, published, problems);
  const defined = new Set([...indicators.keys(), ...file.indicators.map((i) => i.code)]);
  const years = new Set<string>([
    ...published.map((p) => `${p.index_code}|${p.year}`),
    ...file.published.map((p) => `${p.index}|${p.year}`),
  ]);
  for (const t of plan.targets) {
    const report = (field: string, message: string) =>
      problems.push({ row: t.row, section: 'targets', field, message, line: t.source?.line ?? null });
    checkSubject(t, refs, defined, report);
    for (const name of [t.lead, ...t.support]) {
      if (!refs.departments.find(name))
        report(name === t.lead ? 'lead' : 'support', `no department "${name}" in the list the admin keeps`);
    }
    if ((t.aim.kind === 'rank' || t.aim.kind === 'group') && t.subject.type === 'node') {
      const index = t.subject.index;
      const judged = targetYears(plan, t).every((y) => years.has(`${index}|${y}`) || years.has(`${index}|${y - 1}`));
      if (!judged) {
        report(
          'kind',
          `a ${t.aim.kind} target needs ${index}'s published results for its year or the year before ` +
            `(${describeYears(plan, t)}); import the national table first, or quote the province's figure under "published"`,
        );
      }
    }
  }
  return problems;
}

function describeYears(plan: ParsedPlanFile['plan'], t: PlanTarget): string {
  const ys = targetYears(plan, t);
  return ys.length === 1 ? `${ys[0]} or ${(ys[0] as number) - 1}` : `each of ${ys.join(', ')}`;
}

function checkSubject(
  t: PlanTarget,
  refs: ReferenceContext,
  indicators: ReadonlySet<string>,
  report: (field: string, message: string) => void,
): void {
  if (t.subject.type === 'indicator') {
    if (!indicators.has(t.subject.indicator))
      report('indicator', `no administrative indicator "${t.subject.indicator}": define it under "indicators"`);
    if (t.aim.kind === 'rank' || t.aim.kind === 'group' || t.aim.kind === 'rule')
      report('kind', `an administrative indicator has no ${t.aim.kind}`);
    return;
  }
  const fw = refs.frameworks.get(t.subject.index);
  if (!fw) {
    report('index', `no questionnaire in surveys/ measures ${t.subject.index}`);
    return;
  }
  if (!fw.has(t.subject.node)) report('node', `${t.subject.index} has no node "${t.subject.node}"`);
  if (t.aim.kind === 'rule' && t.aim.level !== null && !fw.levels.includes(t.aim.level))
    report('children', `${t.subject.index} has no level "${t.aim.level}" (levels: ${fw.levels.join(', ')})`);
  if (t.subject.domain && t.subject.index === 'PAR')
    report('domain', 'the PAR Index is published for the province as a whole: it has no domains');
  if (t.subject.domain && (t.aim.kind === 'rank' || t.aim.kind === 'group'))
    report('domain', 'ranks and groups are published for the province as a whole, not for a domain');
}

function checkIndicators(
  parsed: ParsedPlanFile,
  refs: ReferenceContext,
  existing: ReadonlyMap<string, { name: string; unit: string; direction: string; owner_code: string }>,
  problems: PlanProblem[],
): void {
  parsed.file.indicators.forEach((i, k) => {
    const report = (field: string, message: string) =>
      problems.push({ row: k + 1, section: 'indicators', field, message });
    const owner = refs.departments.find(i.owner);
    if (!owner) report('owner', `no department "${i.owner}" in the list the admin keeps`);
    const old = existing.get(i.code);
    if (
      old &&
      owner &&
      (old.name !== i.name || old.unit !== i.unit || old.direction !== i.direction || old.owner_code !== owner.code)
    )
      report('code', `indicator ${i.code} exists with another definition (${old.name}, ${old.unit}, ${old.direction})`);
  });
}

function checkQuoted(
  parsed: ParsedPlanFile,
  refs: ReferenceContext,
  published: Published,
  problems: PlanProblem[],
): void {
  parsed.file.published.forEach((q, k) => {
    const report = (field: string, message: string) =>
      problems.push({ row: k + 1, section: 'published', field, message, line: q.line ?? null });
    const fw = refs.frameworks.get(q.index);
    if (fw && !fw.has(q.node)) report('node', `${q.index} has no node "${q.node}"`);
    const stored = published.find((p) => p.year === q.year && p.index_code === q.index && p.node_code === q.node);
    if (!stored) return;
    const differs =
      (q.score !== null && stored.score !== null && Math.abs(q.score - stored.score) > 1e-9) ||
      (q.rank !== null && stored.rank !== null && q.rank !== stored.rank);
    if (differs)
      report(
        'score',
        `the published table has ${q.index} ${q.node} ${q.year} = ${stored.score ?? '–'} (rank ${stored.rank ?? '–'})`,
      );
  });
}
