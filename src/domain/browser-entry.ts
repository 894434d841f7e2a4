// What the browser bundle (public/js/rules.js, global `LangNgheRules`) exposes: the same parser, evaluator, skip
// logic (askedFields) and answer validation the server runs, so screens and API can never disagree.
export { parseExpression, checkExpression, evaluate, isTruthy, referencesOf } from './expressions/index.js';
// compileDefinition, not parseDefinition: definitions reach the browser already validated by the server, and
// leaving zod out keeps the bundle small for cheap phones.
export { compileDefinition } from './questionnaire/compile.js';
export { validateAnswers } from './questionnaire/validate-answers.js';
export { askedFields, toExpressionValue } from './questionnaire/asked-fields.js';
// XLSForm choice_filter: the options a question shows, given the answers so far.
export { shownOptionCodes } from './questionnaire/choice-filter.js';
// The kiosk, invitation and phone-rating screens: answers kept, questions asked, options shown, defaults given.
export { fieldsWithDefaults, settleAnswers } from './questionnaire/settle-answers.js';
// Answers shown inside question texts (XLSForm's ${q} in a label or hint).
export { fillText, textValues } from './questionnaire/text-refs.js';
export { interviewDay } from './calendar/vietnam-time.js';
// The outcome rule ("not at home" only after three visits, …) that POST /api/v1/assignments/:id/disposition runs.
export { checkOutcome, outcomeLimits } from './sampling/outcome-rules.js';
// Choosing the respondent within a household on the phone, by the same rules the server checks.
export { createRng } from './sampling/prng.js';
export { householdSelectionKey, kishLine, kishTableFor, nextBirthdayLine } from './sampling/respondent-selection.js';
