// What a surveyor sees of their assignments: the household to find (name, address, phone), the village,
// whether it is a reserve, and its state. Only released assignments of the caller are listed.
import type { AppContext } from '../../context.js';
import { listAssignmentsBySurveyor } from '../../db/queries/assignments.js';
import { findLatestRoundByDraw } from '../../db/queries/rounds.js';

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
}

export async function listMyAssignments(ctx: AppContext, surveyorId: number): Promise<SurveyorAssignment[]> {
  const rows = await listAssignmentsBySurveyor(ctx.db, surveyorId);
  const rounds = new Map<number, { survey_code: string; survey_version: string }>();
  for (const drawId of new Set(rows.map((r) => r.draw_id))) {
    const round = await findLatestRoundByDraw(ctx.db, drawId);
    if (round) rounds.set(drawId, round);
  }
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
  }));
}
