// Demo fieldwork on the demo draw: the demo surveyor completes most primary households with simulated PAPI
// interviews (stored through submitResponse, exactly as the API would) and records some refusals and empty
// houses, which release reserves; some released reserves are interviewed too. Reproducible from the draw id.
import type { AppContext } from '../../context.js';
import { listAssignmentsByDraw } from '../../db/queries/assignments.js';
import { findUserByUsername } from '../../db/queries/users.js';
import {
  createRng,
  householdSelectionKey,
  respondentSelectionRule,
  type DispositionCode,
  type Rng,
} from '../../domain/sampling/index.js';
import { simulateEnvelope, simulateSelection } from '../../domain/simulate/index.js';
import { loadDraw } from '../sampling/frames-and-draws.js';
import { findSessionUser, type SessionUser } from '../accounts/users.js';
import { recordDisposition } from '../fieldwork/assignments.js';
import { submitResponse } from '../submissions/store.js';
import { parseEnvelope } from '../submissions/envelope.js';
import type { LoadedSurvey } from '../surveys/registry.js';

const DEMO_SURVEY = 'papi-2024';
const DEMO_SURVEYOR = 'demo-surveyor';
/** Shares of the primaries: interviewed, final non-response; the rest stay open (fieldwork in progress). */
const COMPLETE_SHARE = 0.7;
const NONRESPONSE_SHARE = 0.12;
const RESERVE_COMPLETE_SHARE = 0.7;
/** Interviews are spread over the two weeks before today. */
const FIELDWORK_DAYS = 14;

const nonResponses: { disposition: DispositionCode; visits: number; weight: number }[] = [
  { disposition: 'refused', visits: 1, weight: 5 },
  { disposition: 'not_at_home_3_visits', visits: 3, weight: 3 },
  { disposition: 'moved', visits: 1, weight: 2 },
];

interface Fieldwork {
  ctx: AppContext;
  rng: Rng;
  survey: LoadedSurvey;
  surveyor: SessionUser;
  today: number;
  selection: 'kish' | 'nearest_birthday' | 'none';
}

type AssignmentRow = Awaited<ReturnType<typeof listAssignmentsByDraw>>[number];

async function interview(w: Fieldwork, a: AssignmentRow): Promise<boolean> {
  const daysAgo = 1 + w.rng.int(FIELDWORK_DAYS);
  const date = new Date(w.today - daysAgo * 86_400_000).toISOString().slice(0, 10);
  const simulated = simulateEnvelope(w.survey.questionnaire, w.rng, { date, assignmentId: a.id });
  // The phone chooses one adult of the household by the draw's rule and records it (respondent-selection.ts).
  const key = householdSelectionKey(a.village_code, a.household_key);
  const selection = w.selection === 'none' ? null : simulateSelection(w.selection, key, a.eligible_adults, date, w.rng);
  const envelope = parseEnvelope({
    ...simulated,
    paradata: { ...simulated.paradata, ...(selection ? { respondentSelection: selection } : {}) },
  });
  const outcome = await submitResponse(w.ctx, w.surveyor, envelope, { source: 'field', lang: 'vi' });
  return outcome.status === 'stored';
}

async function refuse(w: Fieldwork, assignmentId: string): Promise<void> {
  const total = nonResponses.reduce((a, n) => a + n.weight, 0);
  let target = w.rng.next() * total;
  const chosen = nonResponses.find((n) => (target -= n.weight) < 0) ?? nonResponses[0];
  if (!chosen) return;
  const actor = { userId: w.surveyor.id, label: w.surveyor.username, role: w.surveyor.role };
  await recordDisposition(
    w.ctx,
    assignmentId,
    { disposition: chosen.disposition, visits: chosen.visits, note: 'demo' },
    actor,
  );
}

/**
 * Simulated fieldwork on the demo draw; returns the number of interviews stored. Does nothing (returns 0) when
 * the draw already has any disposition, when papi-2024 is not loaded or when there is no demo surveyor.
 */
export async function seedDemoResponses(ctx: AppContext, drawId: number): Promise<number> {
  const survey = ctx.surveys.list().find((s) => s.code === DEMO_SURVEY);
  const surveyorRow = await findUserByUsername(ctx.db, DEMO_SURVEYOR);
  const surveyor = surveyorRow ? await findSessionUser(ctx, surveyorRow.id) : null;
  const assignments = await listAssignmentsByDraw(ctx.db, drawId);
  if (!survey || !surveyor || assignments.some((a) => a.disposition !== null)) return 0;
  const w: Fieldwork = {
    ctx,
    rng: createRng(`demo-responses:${drawId}`),
    survey,
    surveyor,
    today: Date.parse(ctx.clock.now().toISOString().slice(0, 10)),
    selection: respondentSelectionRule((await loadDraw(ctx, drawId)).plan),
  };
  const mine = (a: (typeof assignments)[number]): boolean =>
    a.surveyor_user_id === surveyor.id && a.released_at !== null && a.disposition === null;
  let stored = 0;
  for (const a of assignments.filter((x) => x.is_reserve === 0 && mine(x))) {
    const u = w.rng.next();
    if (u < COMPLETE_SHARE) stored += (await interview(w, a)) ? 1 : 0;
    else if (u < COMPLETE_SHARE + NONRESPONSE_SHARE) await refuse(w, a.id);
  }
  const reserves = (await listAssignmentsByDraw(ctx.db, drawId)).filter((x) => x.is_reserve === 1 && mine(x));
  for (const a of reserves) {
    if (w.rng.next() < RESERVE_COMPLETE_SHARE) stored += (await interview(w, a)) ? 1 : 0;
  }
  return stored;
}
