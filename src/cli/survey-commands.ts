// `langnghe survey check`: compiles every definition in a folder and lists each problem with file and path.
import { readSurveyDirectory, SurveyLoadError } from '../services/surveys/registry.js';

export function checkSurveys(dir: string): number {
  try {
    const surveys = readSurveyDirectory(dir);
    for (const s of surveys) {
      process.stdout.write(`ok  ${s.code}@${s.version}  ${s.questionnaire.fields.length} fields  ${s.title.vi}\n`);
    }
    return 0;
  } catch (err) {
    if (!(err instanceof SurveyLoadError)) throw err;
    process.stderr.write(`${err.message}\n`);
    return 1;
  }
}
