// Conditional GET (RFC 9110 §13.1.2): If-None-Match is a list of entity tags or `*`, compared weakly, so a client
// or a proxy that sends several tags, or marks ours weak (W/"…", as compressing proxies do), still gets its 304.

/** True when the request's If-None-Match names `etag` (a quoted strong tag) or is `*`. */
export function noneMatchHits(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  if (header.trim() === '*') return true;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  const ours = opaque(etag);
  return header.split(',').some((tag) => opaque(tag) === ours);
}
