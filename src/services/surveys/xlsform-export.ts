// `survey export --format xlsform` and the preview page's download: a stored questionnaire version as an XLSForm.
import { exportXlsForm } from '../../domain/xlsform/export.js';
import type { SurveyRegistry } from './registry.js';
import { writeXlsFormFile } from './xlsform-file.js';

export async function exportSurveyXlsForm(
  surveys: SurveyRegistry,
  code: string,
  version?: string,
): Promise<{ bytes: Buffer; fileName: string }> {
  const survey = version === undefined ? surveys.current(code) : await surveys.version(code, version);
  const bytes = await writeXlsFormFile(exportXlsForm(survey.questionnaire.definition));
  return { bytes, fileName: `${survey.code}-${survey.version}.xlsx` };
}
