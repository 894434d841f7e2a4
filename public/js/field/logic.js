// Skip logic and validation through the shared engine (public/js/rules.js, global LangNgheRules): the same
// code the server runs on POST /api/v1/responses, so a screen that accepts an interview means the server will.
const R = window.LangNgheRules;

export function buildModel(definition) {
  const { questionnaire, issues } = R.compileDefinition(definition);
  if (!questionnaire) throw new Error(`definition: ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}`);
  // Notes hold no answer, so the compiled fields leave them out; their conditions are parsed here.
  const notes = new Map();
  for (const section of definition.sections) {
    for (const q of section.questions) {
      if (q.type === 'note')
        notes.set(
          q.id,
          [section.relevant, q.relevant].filter(Boolean).map((e) => R.parseExpression(e)),
        );
    }
  }
  return { questionnaire, notes, fields: questionnaire.fields };
}

const holds = (exprs, env) => exprs.every((e) => R.isTruthy(R.evaluate(e, env)));

/**
 * Which fields and notes are asked, walking the fields in questionnaire order as validateAnswers does: a field
 * that is not asked loses its answer before later conditions look at it; calculations are computed in place.
 */
export function relevance(model, answers, today) {
  const values = { ...answers };
  const env = { today, resolve: (name) => R.toExpressionValue(values[name]) };
  const asked = new Map();
  for (const field of model.fields) {
    const relevant = holds(field.relevant, env);
    asked.set(field.id, relevant);
    if (field.type === 'calculate') {
      delete values[field.id];
      if (relevant && field.calculation) {
        const v = R.evaluate(field.calculation, env);
        if (typeof v === 'number' && Number.isFinite(v)) values[field.id] = v;
        else if (typeof v === 'boolean') values[field.id] = v ? 1 : 0;
        else if (typeof v === 'string' && v !== '') values[field.id] = v;
      }
    } else if (!relevant) {
      delete values[field.id];
    }
  }
  for (const [id, exprs] of model.notes) asked.set(id, holds(exprs, env));
  return asked;
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
