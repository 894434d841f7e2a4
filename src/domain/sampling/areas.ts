// A unit's area: its ancestor at the frame's first level below the province (a district on four-level frames, a
// commune on two-tier ones), the unit a supervisor is given. Works on a frame's or a draw's units alike.

/**
 * The area code of each unit (a first-level unit maps to itself; the province has none).
 * @example
 *   areaOfUnits([{ code: 'C1', parentCode: 'P' }, { code: 'V1', parentCode: 'C1' }], 'P') // Map { C1 => C1, V1 => C1 }
 */
export function areaOfUnits(
  units: readonly { code: string; parentCode: string | null }[],
  provinceCode: string,
): Map<string, string> {
  const parentOf = new Map(units.map((u) => [u.code, u.parentCode]));
  const result = new Map<string, string>();
  for (const u of units) {
    let code: string | null | undefined = u.code;
    // A cycle cannot come from a validated frame; the step limit keeps a broken one from hanging.
    for (let steps = 0; code !== undefined && code !== null && steps <= units.length; steps += 1) {
      const parent = parentOf.get(code);
      if (parent === provinceCode) {
        result.set(u.code, code);
        break;
      }
      code = parent;
    }
  }
  return result;
}
