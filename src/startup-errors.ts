// Explains failures that are the operator's to fix (a broken questionnaire, a bad setting) without a stack trace.
import { DomainError } from './domain/errors.js';
import { SurveyLoadError } from './services/surveys/registry.js';

export function describeStartupError(err: unknown): string {
  if (err instanceof SurveyLoadError) return `Questionnaire definitions are not valid:\n${err.message}`;
  if (err instanceof DomainError && err.code === 'database_unavailable')
    return `The database cannot be reached (is PostgreSQL running, and DATABASE_URL right?)\n${err.details.map((d) => `  ${d.message}`).join('\n')}`;
  if (err instanceof DomainError) return `${err.message}\n${err.details.map((d) => `  ${d.message}`).join('\n')}`;
  return err instanceof Error ? err.message : String(err);
}
