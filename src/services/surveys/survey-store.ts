// Storing a questionnaire imported on the admin page (XLSForm): a new (code, version) row beside the ones loaded
// from surveys/, audited, and adopted by the running registry after commit, so phones and kiosks can field it at
// once; start-up adopts stored versions again (registry.ts). Versions are immutable: an existing one is refused.
import type { AppContext } from '../../context.js';
import { findSurveyVersion, insertSurveyVersion } from '../../db/queries/surveys.js';
import { inTransaction } from '../../db/transaction.js';
import type { Actor } from '../../domain/actor.js';
import { DomainError } from '../../domain/errors.js';
import { detail } from '../../domain/error-details.js';
import { parseDefinition, type Definition } from '../../domain/questionnaire/index.js';
import { recordAudit } from '../audit/audit-log.js';
import { toLoadedSurvey, type LoadedSurvey } from './registry.js';

export async function storeImportedSurvey(
  ctx: AppContext,
  definition: Definition,
  actor: Actor,
): Promise<LoadedSurvey> {
  // Compiled again on this side: what is stored is what every screen and the validation will run.
  const survey = toLoadedSurvey(parseDefinition(definition, 'xlsform'));
  const { code, version } = survey;
  await inTransaction(ctx.db, async (trx, afterCommit) => {
    if (await findSurveyVersion(trx, code, version))
      throw new DomainError('survey_version_exists', [detail('version', 'survey_version_taken', { code, version })]);
    const now = ctx.clock.now();
    await insertSurveyVersion(trx, {
      code,
      version,
      kind: survey.kind,
      title_vi: survey.title.vi,
      title_en: survey.title.en ?? null,
      definition_json: JSON.stringify(survey.questionnaire.definition),
      content_hash: survey.hash,
      loaded_at: now.toISOString(),
    });
    await recordAudit(trx, now, {
      action: 'survey.imported',
      actorUserId: actor.userId,
      actorLabel: actor.label,
      target: `survey:${code}@${version}`,
      details: { hash: survey.hash, questions: survey.questionnaire.fields.length, from: 'xlsform' },
    });
    afterCommit(() => ctx.surveys.adopt(survey));
  });
  return survey;
}
