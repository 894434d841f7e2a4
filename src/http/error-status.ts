// The one table from error code to HTTP status.
import type { ErrorCode } from '../domain/errors.js';

export const errorStatus: Record<ErrorCode, number> = {
  invalid_json: 400,
  invalid_request: 400,
  payload_too_large: 413,
  unauthenticated: 401,
  invalid_credentials: 401,
  token_expired: 401,
  forbidden: 403,
  csrf_invalid: 403,
  not_found: 404,
  survey_not_found: 404,
  survey_version_not_found: 404,
  survey_version_changed: 409,
  definition_invalid: 422,
  username_taken: 409,
  too_many_attempts: 429,
  internal: 500,
};
