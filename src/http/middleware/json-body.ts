// The JSON body parser of the API (express.json), with the limits every JSON body shares: 1 MB, and nesting no
// deeper than maxJsonDepth, checked on the raw bytes before they are parsed (400 invalid_request naming the body).
import express, { type RequestHandler } from 'express';
import { DomainError } from '../../domain/errors.js';
import { detail } from '../../domain/error-details.js';
import { jsonNestsDeeperThan, maxJsonDepth, tooDeepError } from '../../domain/json-depth.js';

export const bodyLimit = '1mb';

/** A kiosk rating is a handful of answers: its body is refused (413) past this, before it is parsed. */
export const kioskRatingBodyLimit = '64kb';

/** An invitation's answers (a few dozen questions and a comment) are far below this; a bigger body is refused. */
export const invitationBodyLimit = '256kb';

/**
 * The body as the depth check reads it: UTF-8 bytes as they are (the usual case), other charsets decoded. A
 * charset the decoder does not know (body-parser accepts any "utf-*", UTF-32 included) is refused.
 */
function textOf(buf: Buffer, encoding: string): Uint8Array | string {
  if (/^utf-?8$/i.test(encoding)) return buf;
  try {
    return new TextDecoder(encoding).decode(buf);
  } catch {
    throw new DomainError('invalid_request', [detail('body', 'unsupported_charset', { charset: encoding })]);
  }
}

/**
 * express.json with the depth check. `verify` sees the body after decompression and before parsing; what it
 * throws reaches the error handler as it is (a DomainError keeps its code and status there).
 */
export function jsonBody(limit: string = bodyLimit): RequestHandler {
  return express.json({
    limit,
    verify: (_req, _res, buf, encoding) => {
      if (jsonNestsDeeperThan(textOf(buf, encoding), maxJsonDepth)) throw tooDeepError();
    },
  });
}
