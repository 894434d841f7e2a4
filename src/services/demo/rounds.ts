// The demo grows into a populated dashboard: PAPI fieldwork on the demo draw, SIPAS and PAPI rounds for this
// year and last year (so changes can be compared), counter ratings for the past two weeks, and a few targets
// taken from the provinces' plans. Everything is simulated and reproducible; nothing is a real answer.
import type { AppContext } from '../../context.js';
import { listRounds } from '../../db/queries/rounds.js';
import { vietnamTime } from '../../domain/calendar/vietnam-time.js';
import { createRng, type Rng } from '../../domain/sampling/index.js';
import { simulateEnvelope } from '../../domain/simulate/index.js';
import { seedDemoResponses } from './responses.js';
import { demoActor as actor } from './seed.js';
import { createCounter } from '../kiosk/counters.js';
import { prepareEnvelope, storeResponse } from '../submissions/store.js';
import { createRound, setTarget } from '../results/rounds.js';

const DAY = 86_400_000;

async function seedSurveyResponses(
  ctx: AppContext,
  code: string,
  count: number,
  year: number,
  satisfied: number,
  rng: Rng,
): Promise<void> {
  const q = ctx.surveys.current(code).questionnaire;
  for (let i = 0; i < count; i += 1) {
    const date = `${year}-${String(3 + rng.int(6)).padStart(2, '0')}-${String(1 + rng.int(28)).padStart(2, '0')}`;
    const envelope = simulateEnvelope(q, rng, { date, satisfied });
    await storeResponse(ctx, {
      submission: await prepareEnvelope(ctx, { ...envelope, assignmentId: null }, { lang: 'vi' }),
      submitter: { userId: null, label: 'demo-seed' },
      source: 'import',
      owns: () => false,
      place: async () => ({ columns: {} }),
    });
  }
}

async function seedKioskRatings(ctx: AppContext, rng: Rng): Promise<void> {
  const counters = [
    {
      code: 'TTHCC-DD-01',
      agency: 'Trung tâm Phục vụ hành chính công tỉnh',
      field: 'Đất đai',
      survey: 'one-stop-tt01',
    },
    {
      code: 'TTHCC-TP-02',
      agency: 'Trung tâm Phục vụ hành chính công tỉnh',
      field: 'Tư pháp - Hộ tịch',
      survey: 'one-stop-tt01',
    },
    { code: 'MC-ANBINH-01', agency: 'UBND phường An Bình', field: 'Hộ tịch', survey: 'kiosk-one-tap' },
  ];
  const now = ctx.clock.now().getTime();
  for (const c of counters) {
    const { id } = await createCounter(
      ctx,
      { code: c.code, agency: c.agency, field: c.field, survey: c.survey },
      actor,
    );
    const q = ctx.surveys.current(c.survey).questionnaire;
    for (let day = 13; day >= 0; day -= 1) {
      const at = new Date(now - day * DAY);
      for (let k = 0, n = 4 + rng.int(8); k < n; k += 1) {
        const envelope = simulateEnvelope(q, rng, {
          date: vietnamTime(at).day,
          satisfied: c.field === 'Đất đai' ? 0.7 : 0.88,
        });
        await storeResponse(ctx, {
          submission: await prepareEnvelope(ctx, { ...envelope, assignmentId: null }, { lang: 'vi' }),
          submitter: { userId: null, label: `demo-counter:${c.code}` },
          source: 'kiosk',
          owns: () => false,
          place: async () => ({
            columns: {
              kiosk_counter_id: id,
              local_day: vietnamTime(new Date(envelope.completedAt)).day,
              dossier_code: null,
            },
          }),
        });
      }
    }
  }
}

/** Seeds the demo rounds once; returns false when rounds already exist. */
export async function seedDemoRounds(ctx: AppContext, drawId: number): Promise<boolean> {
  if ((await listRounds(ctx.db)).length > 0) return false;
  const rng = createRng(`demo-rounds:${drawId}`);
  const year = ctx.clock.now().getUTCFullYear();
  await seedDemoResponses(ctx, drawId);
  await seedSurveyResponses(ctx, 'papi-2024', 120, year - 1, 0.62, rng);
  await seedSurveyResponses(ctx, 'sipas-2024', 160, year - 1, 0.74, rng);
  await seedSurveyResponses(ctx, 'sipas-2024', 200, year, 0.84, rng);
  await seedKioskRatings(ctx, rng);
  const period = (y: number) => ({ periodStart: `${y}-01-01`, periodEnd: `${y}-12-31` });
  await createRound(
    ctx,
    { code: `papi-${year - 1}`, label: `PAPI ${year - 1}`, survey: 'papi-2024', design: 'srs', ...period(year - 1) },
    actor,
  );
  const papi = await createRound(
    ctx,
    { code: `papi-${year}`, label: `PAPI ${year}`, survey: 'papi-2024', drawId, ...period(year) },
    actor,
  );
  await createRound(
    ctx,
    { code: `sipas-${year - 1}`, label: `SIPAS ${year - 1}`, survey: 'sipas-2024', design: 'srs', ...period(year - 1) },
    actor,
  );
  const sipas = await createRound(
    ctx,
    { code: `sipas-${year}`, label: `SIPAS ${year}`, survey: 'sipas-2024', design: 'srs', ...period(year) },
    actor,
  );
  await setTarget(ctx, sipas, { node: 'overall', kind: 'absolute', value: 0.9, owner: 'Sở Nội vụ' }, actor);
  await setTarget(ctx, sipas, { node: 'II.B', kind: 'change', value: 0.1, owner: 'Văn phòng UBND tỉnh' }, actor);
  await setTarget(ctx, sipas, { node: 'II.C', kind: 'change', value: 0.1, owner: 'Sở Nội vụ' }, actor);
  await setTarget(ctx, sipas, { node: 'II.E', kind: 'absolute', value: 0.85, owner: 'Sở Tư pháp' }, actor);
  await setTarget(ctx, papi, { node: '5.1', kind: 'change', value: 0.1, owner: 'Sở Tư pháp' }, actor);
  await setTarget(ctx, papi, { node: '4.4', kind: 'change', value: 0.1, owner: 'Thanh tra tỉnh' }, actor);
  await setTarget(ctx, papi, { node: '8.1', kind: 'change', value: 0.1, owner: 'Sở Thông tin và Truyền thông' }, actor);
  return true;
}
