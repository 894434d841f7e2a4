// Gathers what a plan's evaluation reads, once, for the years it needs: the province's rows of the national
// tables, the indicators' values and directions, and the survey rounds' scores (overall and in the domains the
// targets name). The domain's Facts then answers from memory.
import type { AppContext } from '../../context.js';
import { listIndicators, listIndicatorValues } from '../../db/queries/indicators.js';
import { listPublishedByProvince } from '../../db/queries/published-results.js';
import { exactFigure, type Facts, type Figure, type PublishedFigure } from '../../domain/plans/facts.js';
import { valueForYear } from '../../domain/plans/indicators.js';
import { targetYears, type DomainKind, type IndexCode, type Plan } from '../../domain/plans/model.js';
import { provinceKey } from '../../domain/plans/published.js';
import { planFrameworks, type IndexFramework } from './frameworks.js';
import { domainKey, domainResults, figuresOf, roundOf, scoreRound, type RoundScores } from './survey-figures.js';

export interface PlanFacts {
  facts: Facts;
  frameworks: ReadonlyMap<IndexCode, IndexFramework>;
  /** The round scored for each index and year (for the method paragraph and links). */
  rounds: ReadonlyMap<string, RoundScores>;
  indicatorNames: ReadonlyMap<string, { name: string; unit: string; direction: 'higher' | 'lower' }>;
}

/** Years whose figures a plan's targets read: their own years, the year before each, and stated baseline years. */
export function yearsNeeded(plan: Plan): Set<number> {
  const years = new Set<number>();
  for (const t of plan.targets) {
    for (const y of targetYears(plan, t)) {
      years.add(y);
      years.add(y - 1);
    }
    const aim = t.aim.kind === 'rule' ? t.aim.then : t.aim;
    if ((aim.kind === 'change' || aim.kind === 'relative' || aim.kind === 'keep') && aim.baseline)
      years.add(aim.baseline.year);
  }
  return years;
}

export async function planFacts(ctx: AppContext, plan: Plan): Promise<PlanFacts> {
  const published = new Map<string, PublishedFigure>();
  const rows = await listPublishedByProvince(ctx.db, provinceKey(plan.province));
  for (const r of rows) {
    published.set(`${r.index_code}|${r.node_code}|${r.year}`, {
      year: r.year,
      score: r.score,
      rank: r.rank,
      provinces: r.provinces,
      group: r.group_label,
    });
  }
  const frameworks = planFrameworks(ctx, [
    ...rows.filter((r) => r.index_code === 'PAR').map((r) => r.node_code),
    ...plan.targets.flatMap((t) => (t.subject.type === 'node' && t.subject.index === 'PAR' ? [t.subject.node] : [])),
  ]);
  const definitions = new Map((await listIndicators(ctx.db)).map((i) => [i.code, i]));
  const values = new Map<string, { period: string; value: number }[]>();
  for (const v of await listIndicatorValues(ctx.db)) values.set(v.code, [...(values.get(v.code) ?? []), v]);

  const { rounds, survey } = await surveyFigures(ctx, plan);
  const facts: Facts = {
    survey: (subject, year) => {
      const key = subject.domain ? `${subject.domain.kind}:${domainKey(subject.domain.value)}` : '';
      return survey.get(`${subject.index}|${year}|${key}`)?.get(subject.node) ?? null;
    },
    published: (index, node, year) => published.get(`${index}|${node}|${year}`) ?? null,
    indicator: (code, year) => {
      const v = valueForYear(values.get(code) ?? [], year);
      return v ? exactFigure(v.value, 'indicator', year, v.period) : null;
    },
    children: (index, node, level) => frameworks.get(index)?.children(node, level) ?? [],
    direction: (subject) =>
      subject.type === 'indicator' && definitions.get(subject.indicator)?.direction === 'lower' ? 'lower' : 'higher',
  };
  const indicatorNames = new Map(
    [...definitions].map(([code, d]) => [code, { name: d.name, unit: d.unit, direction: d.direction }]),
  );
  return { facts, frameworks, rounds, indicatorNames };
}

/** Survey figures by "INDEX|year|domainKind:domainKey" (empty domain for the province as a whole), then node. */
async function surveyFigures(ctx: AppContext, plan: Plan) {
  const rounds = new Map<string, RoundScores>();
  const survey = new Map<string, Map<string, Figure>>();
  const years = yearsNeeded(plan);
  for (let y = plan.startYear; y <= plan.endYear; y += 1) years.add(y).add(y - 1);
  // SIPAS and PAPI always: the report states the province's own survey results beside the published ones.
  const indices = new Set<IndexCode>(['SIPAS', 'PAPI']);
  const domains = new Map<IndexCode, Set<DomainKind>>();
  for (const t of plan.targets) {
    if (t.subject.type !== 'node' || t.subject.index === 'PAR') continue;
    indices.add(t.subject.index);
    if (t.subject.domain)
      domains.set(t.subject.index, (domains.get(t.subject.index) ?? new Set()).add(t.subject.domain.kind));
  }
  for (const index of indices) {
    for (const year of years) {
      const round = await roundOf(ctx, index, year);
      const scored = round ? await scoreRound(ctx, round) : null;
      if (!scored) continue;
      rounds.set(`${index}|${year}`, scored);
      survey.set(`${index}|${year}|`, figuresOf(scored.result, index, year, scored.round.code));
      for (const kind of domains.get(index) ?? []) {
        for (const [level, result] of domainResults(scored, kind))
          survey.set(`${index}|${year}|${kind}:${level}`, figuresOf(result, index, year, scored.round.code));
      }
    }
  }
  return { rounds, survey };
}
