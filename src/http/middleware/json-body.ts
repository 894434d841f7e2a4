// The JSON body parser of the API (express.json), with the limits every JSON body shares: 1 MB, and nesting no
// deeper than maxJsonDepth, checked on the raw bytes before they are parsed (400 invalid_request naming the body).
import express, { type RequestHandler } from 'express';
import { DomainError } from '../../domain/errors.js';
import { detail } from '../../domain/error-details.js';
import { jsonNestsDeeperThan, maxJsonDepth, tooDeepError } from '../../domain/json-depth.js';
import { jsonNulField, nulError, urlEncodedNul } from '../../domain/nul-text.js';

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
      const text = textOf(buf, encoding);
      if (jsonNestsDeeperThan(text, maxJsonDepth)) throw tooDeepError();
      refuseJsonNul(text);
    },
  });
}

/** Refuses JSON text with NUL in a name or a text (domain/nul-text.ts), naming the field. */
export function refuseJsonNul(text: Uint8Array | string): void {
  // Bytes are searched as they are (no copy, no decoding) and decoded only in the rare body that spells NUL.
  const bytes = typeof text === 'string' ? null : Buffer.from(text.buffer, text.byteOffset, text.byteLength);
  if (bytes !== null && !bytes.includes('\\u0000')) return;
  const field = jsonNulField(bytes === null ? (text as string) : bytes.toString('utf8'));
  if (field !== null) throw nulError(field);
}

/** express.urlencoded's `verify`: NUL in a form is refused (400) before the form is read. */
export function refuseFormNul(_req: unknown, _res: unknown, buf: Buffer): void {
  if (urlEncodedNul(buf.toString('latin1'))) throw nulError('body');
}
