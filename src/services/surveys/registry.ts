// Loads surveys/*.json at start-up, records each (code, version) in the database, and refuses a definition
// whose content changed under a version the database already holds: stored answers must keep their meaning.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Clock } from '../../clock.js';
import type { Db } from '../../db/database.js';
import { findSurveyVersion, insertSurveyVersion, listSurveyDefinitions } from '../../db/queries/surveys.js';
import { DomainError } from '../../domain/errors.js';
import { detail } from '../../domain/error-details.js';
import {
  canonicalJson,
  DefinitionError,
  meaningContent,
  parseDefinition,
  parseDefinitionText,
  type Label,
  type Questionnaire,
} from '../../domain/questionnaire/index.js';

export interface LoadedSurvey {
  code: string;
  version: string;
  kind: string;
  title: Label;
  hash: string;
  questionnaire: Questionnaire;
}

export function toLoadedSurvey(questionnaire: Questionnaire): LoadedSurvey {
  const def = questionnaire.definition;
  const hash = createHash('sha256')
    .update(canonicalJson(meaningContent(def)))
    .digest('hex');
  return { code: def.code, version: def.version, kind: def.kind, title: def.title, hash, questionnaire };
}

/** Reads and compiles every *.json in the folder; all problems of all files are reported together. */
export function readSurveyDirectory(dir: string): LoadedSurvey[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort();
  const loaded: LoadedSurvey[] = [];
  const failures: DefinitionError[] = [];
  const seen = new Map<string, string>();
  for (const file of files) {
    const path = join(dir, file);
    try {
      const survey = toLoadedSurvey(parseDefinitionText(readFileSync(path, 'utf8'), path));
      const key = `${survey.code}@${survey.version}`;
      const other = seen.get(key);
      if (other)
        throw new DefinitionError(path, [{ path: '$.version', message: `${key} is also defined in ${other}` }]);
      seen.set(key, path);
      loaded.push(survey);
    } catch (err) {
      if (!(err instanceof DefinitionError)) throw err;
      failures.push(err);
    }
  }
  if (failures.length > 0) throw new SurveyLoadError(failures);
  return loaded;
}

export class SurveyLoadError extends Error {
  readonly failures: readonly DefinitionError[];
  constructor(failures: readonly DefinitionError[]) {
    super(failures.map((f) => f.message).join('\n'));
    this.name = 'SurveyLoadError';
    this.failures = failures;
  }
}

/** Stores new versions; an existing version must have the same content hash, or start-up is refused. */
export async function registerSurveys(db: Db, surveys: readonly LoadedSurvey[], clock: Clock): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const s of surveys) {
      const existing = await findSurveyVersion(trx, s.code, s.version);
      if (existing && existing.content_hash !== s.hash) {
        throw new DomainError('survey_version_changed', [
          detail('version', 'version_content_changed', { survey: s.code, version: s.version }),
        ]);
      }
      if (!existing) {
        await insertSurveyVersion(trx, {
          code: s.code,
          version: s.version,
          kind: s.kind,
          title_vi: s.title.vi,
          title_en: s.title.en ?? null,
          definition_json: JSON.stringify(s.questionnaire.definition),
          content_hash: s.hash,
          loaded_at: clock.now().toISOString(),
        });
      }
    }
  });
}

/**
 * Versions in the database that surveys/ does not have and that are newer than any file of their code (or of a
 * code no file has): questionnaires imported on the admin page, which the registry adopts at start-up.
 */
export async function storedImports(db: Db, files: readonly LoadedSurvey[]): Promise<LoadedSurvey[]> {
  const newest = new Map<string, LoadedSurvey>();
  for (const s of files) {
    const seen = newest.get(s.code);
    if (!seen || byVersion(seen, s) < 0) newest.set(s.code, s);
  }
  const out: LoadedSurvey[] = [];
  for (const row of await listSurveyDefinitions(db)) {
    const file = newest.get(row.code);
    if (file && row.version.localeCompare(file.version, 'en', { numeric: true }) <= 0) continue;
    try {
      out.push(toLoadedSurvey(parseDefinition(JSON.parse(row.definition_json), `database:${row.code}@${row.version}`)));
    } catch (err) {
      // A stored version this build can no longer read stays in the database, unused, rather than stop start-up.
      if (!(err instanceof DefinitionError)) throw err;
    }
  }
  return out;
}

const byVersion = (a: LoadedSurvey, b: LoadedSurvey): number =>
  a.version.localeCompare(b.version, 'en', { numeric: true });

export class SurveyRegistry {
  private readonly currentByCode = new Map<string, LoadedSurvey>();
  private readonly archived = new Map<string, LoadedSurvey>();

  constructor(
    private readonly db: Db,
    surveys: readonly LoadedSurvey[],
  ) {
    for (const s of [...surveys].sort(byVersion)) {
      this.currentByCode.set(s.code, s);
      this.archived.set(`${s.code}@${s.version}`, s);
    }
  }

  /**
   * A version stored after start-up (an XLSForm imported on the admin page), or at start-up one stored earlier:
   * known from now on, and the current version of its code when it is the newest.
   */
  adopt(survey: LoadedSurvey): void {
    this.archived.set(`${survey.code}@${survey.version}`, survey);
    const current = this.currentByCode.get(survey.code);
    if (!current || byVersion(current, survey) < 0) this.currentByCode.set(survey.code, survey);
  }

  /** The newest version of each questionnaire (shipped in surveys/ or imported). */
  list(): LoadedSurvey[] {
    return [...this.currentByCode.values()].sort((a, b) => a.code.localeCompare(b.code));
  }

  current(code: string): LoadedSurvey {
    const survey = this.currentByCode.get(code);
    if (!survey) throw new DomainError('survey_not_found', [detail('code', 'no_survey', { code })]);
    return survey;
  }

  /** Any version ever loaded, including ones no longer in surveys/ (answers may still arrive for them). */
  async version(code: string, version: string): Promise<LoadedSurvey> {
    this.current(code);
    const key = `${code}@${version}`;
    const cached = this.archived.get(key);
    if (cached) return cached;
    const row = await findSurveyVersion(this.db, code, version);
    if (!row)
      throw new DomainError('survey_version_not_found', [detail('version', 'no_survey_version', { code, version })]);
    const survey = toLoadedSurvey(parseDefinition(JSON.parse(row.definition_json), `database:${key}`));
    this.archived.set(key, survey);
    return survey;
  }
}
