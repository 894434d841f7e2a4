// Public surface of the questionnaire engine.
export * from './schema.js';
export * from './model.js';
export { compileDefinition } from './compile.js';
export { parseDefinition, parseDefinitionText, canonicalJson, formatIssue, DefinitionError } from './parse.js';
export { allAnswers, answerKeyLimit, validateAnswers } from './validate-answers.js';
export { meaningContent } from './meaning-content.js';
export { askedFields, toExpressionValue, walkFields } from './asked-fields.js';
export { filteredOptions, shownOptionCodes } from './choice-filter.js';
export { fieldsWithDefaults, settleAnswers, type SettledAnswers } from './settle-answers.js';
export { answerText, fillText, textRefs, textValues } from './text-refs.js';
export type { FieldError, ValidationResult, ValidationOptions } from './validate-answers.js';
export { answerErrorCodes, answerMessage, moreAnswerErrorsMessage } from './answer-messages.js';
export type { AnswerErrorCode } from './answer-messages.js';
export { coerceAnswer, isUnanswered, isRealDate } from './coerce.js';
export type { AnswerValue } from './coerce.js';
export * from './scoring-schema.js';
export { consentQuestionId, declinedConsent, isRespondent } from './consent.js';
