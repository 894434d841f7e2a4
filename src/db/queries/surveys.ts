// Stored questionnaire versions. A (code, version) row is never updated: versions are immutable.
import type { Db } from '../database.js';
import type { NewSurveyDefinition, SurveyDefinitionRow } from '../schema.js';

export async function findSurveyVersion(
  db: Db,
  code: string,
  version: string,
): Promise<SurveyDefinitionRow | undefined> {
  return db
    .selectFrom('survey_definitions')
    .selectAll()
    .where('code', '=', code)
    .where('version', '=', version)
    .executeTakeFirst();
}

export async function insertSurveyVersion(db: Db, row: NewSurveyDefinition): Promise<void> {
  await db.insertInto('survey_definitions').values(row).execute();
}

export async function listSurveyVersionsByCode(
  db: Db,
  code: string,
): Promise<Pick<SurveyDefinitionRow, 'version' | 'loaded_at'>[]> {
  return db
    .selectFrom('survey_definitions')
    .select(['version', 'loaded_at'])
    .where('code', '=', code)
    .orderBy('id')
    .execute();
}

/** Every stored version with its definition, oldest first (start-up adopts the imported ones). */
export async function listSurveyDefinitions(
  db: Db,
): Promise<Pick<SurveyDefinitionRow, 'code' | 'version' | 'definition_json'>[]> {
  return db.selectFrom('survey_definitions').select(['code', 'version', 'definition_json']).orderBy('id').execute();
}
