// Simulated interviews stored as imports (no assignment), as results, feed and bundle tests need them: valid answers
// of a questionnaire's current version from a seeded generator, stored through the one submission path.
import type { AppContext } from '../../src/context.js';
import { createRng } from '../../src/domain/sampling/index.js';
import { simulateEnvelope } from '../../src/domain/simulate/index.js';
import { prepareEnvelope, storeResponse } from '../../src/services/submissions/store.js';

export interface SeedSpec {
  survey: string;
  count: number;
  /** The interview day, 'YYYY-MM-DD'. */
  date: string;
  /** The seed of the generator: the same seed stores the same interviews (under the same ids). */
  seed: string;
  /** The share of satisfied answers the simulator aims at (0.8 unless given). */
  satisfied?: number;
  /** Changes a simulated interview's answers before it is stored (the i-th of this call). */
  edit?: (answers: Record<string, unknown>, i: number) => void;
}

export async function seedResponses(ctx: AppContext, spec: SeedSpec): Promise<void> {
  const q = ctx.surveys.current(spec.survey).questionnaire;
  const rng = createRng(spec.seed);
  for (let i = 0; i < spec.count; i += 1) {
    const e = simulateEnvelope(q, rng, { date: spec.date, satisfied: spec.satisfied ?? 0.8 });
    spec.edit?.(e.answers as Record<string, unknown>, i);
    const submission = await prepareEnvelope(ctx, { ...e, assignmentId: null }, { lang: 'vi' });
    if (submission.answerErrorCount > 0) throw new Error(JSON.stringify(submission.answerErrors));
    await storeResponse(ctx, {
      submission,
      submitter: { userId: null, label: 'seed' },
      source: 'import',
      owns: () => false,
      place: async () => ({ columns: {} }),
    });
  }
}
