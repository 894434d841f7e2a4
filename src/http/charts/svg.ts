// Small helpers for server-rendered SVG: escaping and number formatting. Charts are strings built here, so the
// page needs no chart library and fetches nothing from outside.
export function esc(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

export const fmt = (n: number): string => (Math.round(n * 100) / 100).toString();
