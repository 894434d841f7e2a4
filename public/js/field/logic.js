// Skip logic and validation through the shared engine (public/js/rules.js, global LangNgheRules): the same
// code the server runs on POST /api/v1/responses, so a screen that accepts an interview means the server will.
const R = window.LangNgheRules;

export function buildModel(definition) {
  const { questionnaire, issues } = R.compileDefinition(definition);
  if (!questionnaire) throw new Error(`definition: ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}`);
  return { questionnaire, fields: questionnaire.fields };
}

/** Which fields and notes are asked (a Map of id to boolean): the walk validateAnswers runs on the server. */
export function relevance(model, answers, today) {
  return R.askedFields(model.questionnaire, answers, today);
}

/** The option codes each filtered question shows (XLSForm choice_filter), a Map of id to codes. */
export function shownOptions(model, answers, today) {
  return R.shownOptionCodes(model.questionnaire, answers, today);
}

/** Errors by field id (first per field, in the current language). */
export function validate(model, answers, today, lang) {
  const { errors } = R.validateAnswers(model.questionnaire, answers, { today, lang });
  return new Map(errors.map((e) => [e.question, e.message]));
}

/** The answers as the server stores them (normalised), without calculated fields, which the server recomputes. */
export function answersToSend(model, answers, today) {
  const { values, errors } = R.validateAnswers(model.questionnaire, answers, { today, lang: 'vi' });
  const out = {};
  for (const field of model.fields) {
    if (field.type !== 'calculate' && values[field.id] !== undefined) out[field.id] = values[field.id];
  }
  return { answers: out, errors };
}
