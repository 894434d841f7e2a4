// XLSForm's `range` (a slider in ODK, `parameters` start=1 end=10 step=1 by default) read as a number box with the
// same bounds: what is stored is the same number. Whole steps from a whole start give an integer; other steps a
// decimal whose constraint keeps it on a step, as ODK's slider does.

type Json = Record<string, unknown>;

/** Sets `q`'s bounds from the parameters cell; returns the question type, or why the parameters cannot be read. */
export function rangeOf(parameters: string | undefined, q: Json): { kind: 'integer' | 'decimal' } | { error: string } {
  const given = new Map(
    [...(parameters ?? '').matchAll(/([A-Za-z_]+)\s*=\s*([^\s;,]+)/g)].map((m) => [m[1]?.toLowerCase(), m[2]]),
  );
  const read = (key: string, fallback: number): number | null => {
    const text = given.get(key);
    if (text === undefined) return fallback;
    return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : null;
  };
  const [start, end, step] = [read('start', 1), read('end', 10), read('step', 1)];
  if (start === null || end === null || step === null || step <= 0 || start === end)
    return { error: 'range needs numbers: parameters "start=1 end=10 step=1", with a step above 0 and start ≠ end' };
  q['min'] = Math.min(start, end);
  q['max'] = Math.max(start, end);
  const whole = [start, step].every(Number.isInteger);
  if (whole && step === 1) return { kind: 'integer' };
  q['constraint'] = `(. - ${start}) mod ${step} = 0`;
  return { kind: whole ? 'integer' : 'decimal' };
}
