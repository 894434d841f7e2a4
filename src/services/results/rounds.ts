// Survey rounds: a questionnaire version, optionally a sampling draw, and a period. Results compare a round with
// the latest earlier round of the same framework (SIPAS with SIPAS, PAPI with PAPI).
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { findDrawById } from '../../db/queries/draws.js';
import {
  deleteRoundById,
  deleteTarget,
  findRoundByCode,
  insertRound,
  listRounds,
  listTargetsByRound,
  countRoundResponses,
  roundHasResponses,
  upsertTarget,
} from '../../db/queries/rounds.js';
import { inTransaction } from '../../db/transaction.js';
import type { Actor } from '../../domain/actor.js';
import { DomainError } from '../../domain/errors.js';
import { detail } from '../../domain/error-details.js';
import { parseInput } from '../../domain/parse-input.js';
import type { FrameworkNode, Questionnaire } from '../../domain/questionnaire/index.js';
import { lonelyPsuRules, type LonelyPsuRule } from '../../domain/estimation/index.js';
import type { RoundDesignSpec } from '../../domain/results/round-design.js';
import { departments, type Target } from '../../domain/results/targets.js';
import { recordAudit } from '../audit/audit-log.js';

export const roundSchema = z
  .object({
    code: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/, 'code: letters, digits, . _ -'),
    label: z.string().trim().min(1).max(200),
    survey: z.string().trim().min(1),
    version: z.string().trim().min(1).optional(),
    drawId: z.number().int().positive().optional(),
    periodStart: z.iso.date(),
    periodEnd: z.iso.date(),
    /** Outside a draw: how the responses were sampled, declared when the round is created. */
    design: z.enum(['srs', 'stratified']).optional(),
    population: z.number().int().positive().optional(),
    strataQuestion: z.string().trim().min(1).optional(),
    lonelyPsu: z.enum(lonelyPsuRules).optional(),
    /** The interval of shares: logit (default) or Korn–Graubard beta. */
    shareInterval: z.enum(['logit', 'beta']).optional(),
  })
  .refine((r) => r.periodStart <= r.periodEnd, {
    message: 'the period must not end before it starts',
    path: ['periodEnd'],
  })
  .refine((r) => r.drawId !== undefined || r.design !== undefined, {
    message: 'a round outside a sample draw declares its design: srs (simple random sample) or stratified',
    path: ['design'],
  })
  .refine((r) => r.drawId === undefined || r.design === undefined, {
    message: "a round on a sample draw uses the draw's design; design is for rounds outside a draw",
    path: ['design'],
  })
  .refine((r) => (r.design === 'stratified') === (r.strataQuestion !== undefined), {
    message: 'a stratified round names the question whose answer is the stratum, and only a stratified one',
    path: ['strataQuestion'],
  })
  .refine((r) => r.population === undefined || (r.drawId === undefined && r.design !== 'stratified'), {
    message: 'a population size is for a simple random sample outside a draw',
    path: ['population'],
  });

/** The design a round declared (see domain/results/round-design.ts). */
export function roundDesignSpec(round: RoundRow): RoundDesignSpec {
  const lonelyPsu = round.lonely_psu as LonelyPsuRule;
  if (round.design === 'stratified') return { kind: 'stratified', question: round.design_question ?? '', lonelyPsu };
  if (round.design === 'srs') return { kind: 'srs', population: round.design_population, lonelyPsu };
  return { kind: 'sample', lonelyPsu };
}

export type RoundRow = Awaited<ReturnType<typeof listRounds>>[number];

export async function createRound(
  ctx: AppContext,
  input: z.input<typeof roundSchema>,
  actor: Actor,
): Promise<RoundRow> {
  const r = parseInput(roundSchema, input);
  // A questionnaire without an index framework and scoring (one written in Excel, say) still gets a round: its data
  // are downloaded as microdata with the design's weights, and its results are refused (roundResults).
  const survey = r.version ? await ctx.surveys.version(r.survey, r.version) : ctx.surveys.current(r.survey);
  if (r.drawId !== undefined && !(await findDrawById(ctx.db, r.drawId))) throw new DomainError('draw_not_found');
  if (r.strataQuestion !== undefined && !survey.questionnaire.fieldById.has(r.strataQuestion)) {
    throw new DomainError('invalid_request', [
      detail('strataQuestion', 'no_question', { survey: survey.code, question: r.strataQuestion }),
    ]);
  }
  return inTransaction(ctx.db, async (trx) => {
    if (await findRoundByCode(trx, r.code))
      throw new DomainError('round_code_taken', [detail('code', 'round_exists', { code: r.code })]);
    const now = ctx.clock.now();
    await insertRound(trx, {
      code: r.code,
      label: r.label,
      survey_code: survey.code,
      survey_version: survey.version,
      draw_id: r.drawId ?? null,
      period_start: r.periodStart,
      period_end: r.periodEnd,
      created_at: now.toISOString(),
      design: r.design ?? 'sample',
      design_population: r.population ?? null,
      design_question: r.strataQuestion ?? null,
      lonely_psu: r.lonelyPsu ?? 'adjust',
      share_interval: r.shareInterval ?? 'logit',
    });
    await recordAudit(trx, now, {
      action: 'round.create',
      actorUserId: actor.userId,
      actorLabel: actor.label,
      target: `round:${r.code}`,
    });
    const row = await findRoundByCode(trx, r.code);
    if (!row) throw new DomainError('round_not_found');
    return row;
  });
}

/**
 * Deletes a round that reads no stored response (a round created by mistake, or on the wrong period), with its
 * targets and margins; audited. A round with responses is refused (409 round_has_responses): its results may have
 * been published.
 */
export async function deleteRound(ctx: AppContext, round: RoundRow, actor: Actor): Promise<void> {
  await inTransaction(ctx.db, async (trx) => {
    if (await roundHasResponses(trx, round)) {
      throw new DomainError('round_has_responses', [
        { field: 'round', message: `round ${round.code} reads stored responses; only an empty round can be deleted` },
      ]);
    }
    await deleteRoundById(trx, round.id);
    await recordAudit(trx, ctx.clock.now(), {
      action: 'round.delete',
      actorUserId: actor.userId,
      actorLabel: actor.label,
      target: `round:${round.code}`,
      details: {
        survey: `${round.survey_code}@${round.survey_version}`,
        period: `${round.period_start}/${round.period_end}`,
        drawId: round.draw_id,
      },
    });
  });
}

/** Whether a round reads any stored response (a round without one can be deleted). */
export async function roundHasAnyResponse(ctx: AppContext, round: RoundRow): Promise<boolean> {
  return roundHasResponses(ctx.db, round);
}

/** How many interviews a round reads (a data-only round's page says so; results count respondents instead). */
export async function roundInterviewCount(ctx: AppContext, round: RoundRow): Promise<number> {
  return countRoundResponses(ctx.db, round);
}

/** Every round, the latest period first (the analysts' index). */
export async function allRounds(ctx: AppContext): Promise<RoundRow[]> {
  return listRounds(ctx.db);
}

/** The codes of the rounds whose questionnaire version has no scoring (data-only rounds). */
export async function dataOnlyRoundCodes(ctx: AppContext, rounds: readonly RoundRow[]): Promise<Set<string>> {
  const codes = new Set<string>();
  for (const r of rounds)
    if (!isScored((await ctx.surveys.version(r.survey_code, r.survey_version)).questionnaire)) codes.add(r.code);
  return codes;
}

export async function findRound(ctx: AppContext, code: string): Promise<RoundRow> {
  const round = await findRoundByCode(ctx.db, code);
  if (!round) throw new DomainError('round_not_found', [detail('round', 'no_round', { code })]);
  return round;
}

/** Whether a questionnaire has what results are computed from: an index framework and a scoring block. */
export function isScored(q: Questionnaire): boolean {
  return Boolean(q.definition.framework && q.definition.scoring);
}

/** A round whose questionnaire has no scoring: its microdata and codebook only (422 for results, with the reason). */
export function dataOnlyRefusal(round: RoundRow, q: Questionnaire): DomainError {
  const survey = `${round.survey_code}@${round.survey_version}`;
  return new DomainError('survey_not_scored', [
    detail('round', q.definition.framework ? 'no_scoring' : 'no_framework', { survey }),
  ]);
}

/** The framework index of a round's questionnaire (SIPAS, PAPI, …). */
export async function roundIndex(ctx: AppContext, round: RoundRow): Promise<string> {
  return (
    (await ctx.surveys.version(round.survey_code, round.survey_version)).questionnaire.definition.framework?.index ?? ''
  );
}

export async function previousRound(ctx: AppContext, round: RoundRow): Promise<RoundRow | null> {
  const index = await roundIndex(ctx, round);
  for (const r of await listRounds(ctx.db)) {
    if (r.id !== round.id && r.period_end < round.period_start && (await roundIndex(ctx, r)) === index) return r;
  }
  return null;
}

export const targetSchema = z.object({
  node: z.string().trim().min(1).max(40),
  kind: z.enum(['absolute', 'change']),
  value: z.number().finite(),
  owner: z.string().trim().min(1).max(200),
});

export async function setTarget(
  ctx: AppContext,
  round: RoundRow,
  input: z.input<typeof targetSchema>,
  actor: Actor,
): Promise<void> {
  const t = parseInput(targetSchema, input);
  const framework = (await ctx.surveys.version(round.survey_code, round.survey_version)).questionnaire.definition
    .framework;
  const codes = new Set<string>(['overall']);
  const walk = (nodes: readonly FrameworkNode[]): void => {
    for (const n of nodes) {
      codes.add(n.code);
      walk(n.children ?? []);
    }
  };
  walk(framework?.nodes ?? []);
  if (!codes.has(t.node))
    throw new DomainError('node_not_found', [
      detail('node', 'node_outside_framework', { node: t.node, index: framework?.index ?? '' }),
    ]);
  const now = ctx.clock.now();
  await inTransaction(ctx.db, async (trx) => {
    await upsertTarget(trx, {
      round_id: round.id,
      node_code: t.node,
      kind: t.kind,
      value: t.value,
      owner: t.owner,
      updated_at: now.toISOString(),
      updated_by: actor.userId,
    });
    await recordAudit(trx, now, {
      action: 'target.set',
      actorUserId: actor.userId,
      actorLabel: actor.label,
      target: `round:${round.code}:${t.node}`,
      details: t,
    });
  });
}

export async function removeTarget(ctx: AppContext, round: RoundRow, node: string, actor: Actor): Promise<void> {
  const now = ctx.clock.now();
  await inTransaction(ctx.db, async (trx) => {
    await deleteTarget(trx, round.id, node);
    await recordAudit(trx, now, {
      action: 'target.remove',
      actorUserId: actor.userId,
      actorLabel: actor.label,
      target: `round:${round.code}:${node}`,
    });
  });
}

export async function roundTargets(ctx: AppContext, round: RoundRow): Promise<Target[]> {
  return (await listTargetsByRound(ctx.db, round.id)).map((t) => ({
    nodeCode: t.node_code,
    kind: t.kind as Target['kind'],
    value: t.value,
    owner: t.owner,
  }));
}

export { departments };
