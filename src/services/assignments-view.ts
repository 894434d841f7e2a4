// What a surveyor sees of their assignments: the household to find (name, address, phone), the village,
// whether it is a reserve, and its state. Only released assignments of the caller are listed.
import type { AppContext } from '../context.js';
import { listAssignmentsBySurveyor } from '../db/queries/assignments.js';

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
}

export async function listMyAssignments(ctx: AppContext, surveyorId: number): Promise<SurveyorAssignment[]> {
  const rows = await listAssignmentsBySurveyor(ctx.db, surveyorId);
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
  }));
}
