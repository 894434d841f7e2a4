// The response rate of per-dossier rating links: ratings / links issued, per counter, agency or field over a
// period. A plain ratio of counts (each dossier rates once), never an estimate.

export interface LinkResponseRow {
  group: string;
  issued: number;
  rated: number;
  /** rated / issued; null when no link was issued (offline-minted links are known only once used). */
  rate: number | null;
}

/**
 * @example linkResponseRates([{ group: 'Q1', issued: 4 }], [{ group: 'Q1' }, { group: 'Q1' }])
 *   // → [{ group: 'Q1', issued: 4, rated: 2, rate: 0.5 }]
 */
export function linkResponseRates(
  issued: readonly { group: string; issued: number }[],
  ratings: readonly { group: string }[],
): LinkResponseRow[] {
  const rows = new Map<string, LinkResponseRow>();
  const row = (group: string): LinkResponseRow => {
    const found = rows.get(group) ?? { group, issued: 0, rated: 0, rate: null };
    rows.set(group, found);
    return found;
  };
  for (const i of issued) row(i.group).issued += i.issued;
  for (const r of ratings) row(r.group).rated += 1;
  return [...rows.values()]
    .map((r) => ({ ...r, rate: r.issued === 0 ? null : r.rated / r.issued }))
    .sort((a, b) => a.group.localeCompare(b.group, 'vi'));
}
