// What a surveyor sees of their assignments: the household to find (name, address, phone), the village,
// whether it is a reserve, its state, and how to choose its respondent. Only released assignments of the caller
// are listed.
import type { AppContext } from '../../context.js';
import { listAssignmentsBySurveyor } from '../../db/queries/assignments.js';
import { findLatestRoundByDraw } from '../../db/queries/rounds.js';
import { respondentSelectionRule, type SamplingPlan, type SelectionMethod } from '../../domain/sampling/index.js';
import { loadDraw } from '../sampling/frames-and-draws.js';

export interface SurveyorAssignment {
  id: string;
  drawId: number;
  villageCode: string;
  villageName: string;
  householdId: string;
  headName: string;
  address: string;
  phone: string | null;
  isReserve: boolean;
  order: number;
  status: 'open' | 'completed' | 'nonresponse';
  disposition: string | null;
  visits: number;
  /** The questionnaire of the round that uses this draw, when one does; the phone then opens it directly. */
  survey: string | null;
  surveyVersion: string | null;
  /**
   * How the phone chooses the one adult to interview (the draw's plan), the ages that count, and the eligible
   * adults the household list gave; null when the household is the unit.
   */
  respondentSelection: {
    method: SelectionMethod;
    minAge: number;
    maxAge: number;
    listedAdults: number;
  } | null;
}

export async function listMyAssignments(ctx: AppContext, surveyorId: number): Promise<SurveyorAssignment[]> {
  const rows = await listAssignmentsBySurveyor(ctx.db, surveyorId);
  const rounds = new Map<number, { survey_code: string; survey_version: string }>();
  const plans = new Map<number, SamplingPlan>();
  for (const drawId of new Set(rows.map((r) => r.draw_id))) {
    const round = await findLatestRoundByDraw(ctx.db, drawId);
    if (round) rounds.set(drawId, round);
    plans.set(drawId, (await loadDraw(ctx, drawId)).plan);
  }
  const selectionOf = (r: (typeof rows)[number]): SurveyorAssignment['respondentSelection'] => {
    const plan = plans.get(r.draw_id);
    const method = plan ? respondentSelectionRule(plan) : 'none';
    if (!plan || method === 'none') return null;
    const { minAge, maxAge } = plan.household;
    return { method, minAge, maxAge, listedAdults: r.eligible_adults };
  };
  return rows.map((r) => ({
    id: r.id,
    drawId: r.draw_id,
    villageCode: r.village_code,
    villageName: r.village_name,
    householdId: r.household_key,
    headName: r.head_name,
    address: r.address,
    phone: r.phone,
    isReserve: r.is_reserve === 1,
    order: r.selection_order,
    status: r.disposition === null ? 'open' : r.disposition === 'completed' ? 'completed' : 'nonresponse',
    disposition: r.disposition,
    visits: r.visits,
    survey: rounds.get(r.draw_id)?.survey_code ?? null,
    surveyVersion: rounds.get(r.draw_id)?.survey_version ?? null,
    respondentSelection: selectionOf(r),
  }));
}
