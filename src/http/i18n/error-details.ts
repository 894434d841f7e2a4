// Error details in the reader's language: a detail that carries both languages (`text`) answers in the
// request's one; the English `message` stays for details that have only that (logs, outside messages).
import type { ErrorDetail, Lang } from '../../domain/errors.js';

export function localDetails(details: readonly ErrorDetail[], lang: Lang): ErrorDetail[] {
  return details.map(({ text, ...rest }) => (text ? { ...rest, message: text[lang] } : rest));
}

export function detailMessage(d: ErrorDetail, lang: Lang): string {
  return d.text?.[lang] ?? d.message;
}
