// Ids made on the device (interviews, ratings): the server knows a resend by its id, so one is made once and kept.
// crypto.randomUUID exists only in a secure context (HTTPS or localhost); a kiosk on plain HTTP still needs ids.

/** A UUID v4; from crypto.getRandomValues where crypto.randomUUID is missing. */
export function newId() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
