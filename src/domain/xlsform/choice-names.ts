// XLSForm choice names that are not whole numbers ("yes", "male") and the integer codes answers are stored as. The
// options keep their name (`name`), and expressions are rewritten between the two spellings: an XLSForm compares
// `${q} = 'yes'` and asks `selected(${q}, 'yes')`, the stored definition `${q} = 1` and `selected(${q}, '1')`.
import { parseExpression, printXPath, type Expr } from '../expressions/index.js';
import type { Option } from '../questionnaire/index.js';

/** question id → (spelling → other spelling); only questions whose options have names. */
export type ChoiceSpellings = ReadonlyMap<string, ReadonlyMap<string, string>>;

type Json = Record<string, unknown>;

function optionsOf(q: Json, scales: Json): readonly Option[] | undefined {
  if (Array.isArray(q['options'])) return q['options'] as Option[];
  const scale = typeof q['scale'] === 'string' ? (scales[q['scale']] as Json | undefined) : undefined;
  return scale && Array.isArray(scale['options']) ? (scale['options'] as Option[]) : undefined;
}

/** For each question with named options: name → code (`toCodes`) or code → name. */
export function choiceSpellings(
  def: { scales?: unknown; sections: readonly unknown[] },
  toCodes: boolean,
): ChoiceSpellings {
  const scales = (def.scales ?? {}) as Json;
  const map = new Map<string, Map<string, string>>();
  for (const section of def.sections as Json[])
    for (const q of (section['questions'] ?? []) as Json[]) {
      const options = optionsOf(q, scales);
      const named = options?.filter((o) => o.name !== undefined) ?? [];
      if (named.length === 0) continue;
      const pairs = named.map((o) => [String(o.value), o.name as string] as const);
      const spellings = new Map(pairs.map(([code, name]) => (toCodes ? [name, code] : [code, name])));
      const ids = q['type'] === 'grid' ? ((q['items'] ?? []) as Json[]).map((i) => String(i['id'])) : [String(q['id'])];
      for (const id of ids) map.set(id, spellings);
    }
  return map;
}

/** The spelling of a literal compared with or selected from question `id`, or the literal unchanged. */
function respell(lit: Expr, id: string | undefined, spellings: ChoiceSpellings, asNumber: boolean): Expr {
  if (lit.kind !== 'literal' || id === undefined) return lit;
  const other = spellings.get(id)?.get(String(lit.value));
  if (other === undefined) return lit;
  const numeric = asNumber && /^-?\d+$/.test(other);
  return { ...lit, value: numeric ? Number(other) : other };
}

function rewrite(expr: Expr, spellings: ChoiceSpellings, self: string | undefined): Expr {
  const idOf = (e: Expr): string | undefined => (e.kind === 'ref' ? e.name : e.kind === 'current' ? self : undefined);
  switch (expr.kind) {
    case 'unary':
      return { ...expr, operand: rewrite(expr.operand, spellings, self) };
    case 'binary': {
      const left = rewrite(expr.left, spellings, self);
      const right = rewrite(expr.right, spellings, self);
      if (expr.op !== '=' && expr.op !== '!=') return { ...expr, left, right };
      return {
        ...expr,
        left: respell(left, idOf(right), spellings, true),
        right: respell(right, idOf(left), spellings, true),
      };
    }
    case 'call': {
      const args = expr.args.map((a) => rewrite(a, spellings, self));
      const [subject, option] = args;
      if (expr.name === 'selected' && subject && option)
        return { ...expr, args: [subject, { ...respell(option, idOf(subject), spellings, false) }] };
      return { ...expr, args };
    }
    default:
      return expr;
  }
}

/** An expression (either language) with its choice literals respelled; the text unchanged when nothing maps. */
export function respellExpression(source: string, spellings: ChoiceSpellings, self?: string): string {
  if (spellings.size === 0) return source;
  const tree = parseExpression(source, { xpath: true });
  const out = rewrite(tree, spellings, self);
  return JSON.stringify(out) === JSON.stringify(tree) ? source : printXPath(out);
}

const expressionKeys = ['relevant', 'constraint', 'required', 'calculation'] as const;

/** Respells every expression of a definition in place (sections, questions, grid items); used by the import. */
export function respellDefinition(def: { sections: readonly unknown[] }, spellings: ChoiceSpellings): void {
  if (spellings.size === 0) return;
  const fix = (holder: Json, self?: string): void => {
    for (const key of expressionKeys) {
      const v = holder[key];
      if (typeof v !== 'string') continue;
      try {
        holder[key] = respellExpression(v, spellings, self);
      } catch {
        // A syntax error is reported by the compile step at its cell; leave the text as written.
      }
    }
  };
  for (const section of def.sections as Json[]) {
    fix(section);
    for (const q of (section['questions'] ?? []) as Json[]) {
      fix(q, typeof q['id'] === 'string' ? q['id'] : undefined);
      for (const item of (q['items'] ?? []) as Json[])
        fix(item, typeof item['id'] === 'string' ? item['id'] : undefined);
    }
  }
}
