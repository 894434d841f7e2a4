// Makes a text that matches a question's `pattern` (e.g. a dossier code such as "H12.3-240915-0042"), for the
// regular-expression subset that definitions use: literals, escapes, classes, groups, alternation and
// quantifiers. Anything else (look-arounds, back-references, \p{...}) is refused, and the caller skips.
import type { Rng } from '../sampling/prng.js';
import { chance, intBetween } from './random.js';

type Node =
  | { kind: 'text'; value: string }
  | { kind: 'class'; ranges: [number, number][]; negated: boolean }
  | { kind: 'seq'; items: Node[] }
  | { kind: 'alt'; options: Node[] }
  | { kind: 'repeat'; node: Node; min: number; max: number };

export class UnsupportedPattern extends Error {
  override readonly name = 'UnsupportedPattern';
}

/** Quantifiers without an upper bound (*, +, {m,}) repeat at most this many times more than their minimum. */
const OPEN_REPEAT = 4;
/** Codes look like codes: when a class allows them, upper-case letters and digits are preferred. */
const PREFERRED = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const PRINTABLE = Array.from({ length: 0x7e - 0x21 + 1 }, (_, i) => String.fromCharCode(0x21 + i)).join('');
const escapeClasses: Record<string, [number, number][]> = {
  d: [[0x30, 0x39]],
  w: [
    [0x30, 0x39],
    [0x41, 0x5a],
    [0x61, 0x7a],
    [0x5f, 0x5f],
  ],
  s: [[0x20, 0x20]],
};

class Parser {
  private i = 0;
  constructor(private readonly src: string) {}

  parse(): Node {
    const node = this.alternation();
    if (this.i < this.src.length) throw new UnsupportedPattern(`unexpected "${this.src[this.i]}" at ${this.i}`);
    return node;
  }

  private peek(): string | undefined {
    return this.src[this.i];
  }

  private alternation(): Node {
    const options = [this.sequence()];
    while (this.peek() === '|') {
      this.i += 1;
      options.push(this.sequence());
    }
    return options.length === 1 ? (options[0] as Node) : { kind: 'alt', options };
  }

  private sequence(): Node {
    const items: Node[] = [];
    for (let c = this.peek(); c !== undefined && c !== '|' && c !== ')'; c = this.peek()) {
      items.push(this.quantified(this.atom()));
    }
    return { kind: 'seq', items };
  }

  private atom(): Node {
    const c = this.src[this.i++] ?? '';
    if (c === '^' || c === '$') return { kind: 'text', value: '' };
    if (c === '.') return { kind: 'class', ranges: [[0x20, 0x7e]], negated: false };
    if (c === '[') return this.characterClass();
    if (c === '\\') return this.escape();
    if (c === '(') {
      if (this.peek() === '?') {
        if (this.src.slice(this.i, this.i + 2) !== '?:')
          throw new UnsupportedPattern('look-arounds and named groups are not supported');
        this.i += 2;
      }
      const inner = this.alternation();
      if (this.src[this.i++] !== ')') throw new UnsupportedPattern('unclosed group');
      return inner;
    }
    if ('*+?{'.includes(c)) throw new UnsupportedPattern(`nothing to repeat before "${c}"`);
    return { kind: 'text', value: c };
  }

  private escape(): Node & { kind: 'text' | 'class' } {
    const c = this.src[this.i++] ?? '';
    const ranges = escapeClasses[c];
    if (ranges) return { kind: 'class', ranges, negated: false };
    if (/[0-9A-Za-z]/.test(c)) throw new UnsupportedPattern(`escape \\${c} is not supported`);
    return { kind: 'text', value: c };
  }

  private characterClass(): Node {
    const negated = this.peek() === '^';
    if (negated) this.i += 1;
    const ranges: [number, number][] = [];
    while (this.peek() !== ']') {
      if (this.peek() === undefined) throw new UnsupportedPattern('unclosed character class');
      const start = this.classAtom();
      if (start.kind === 'class') {
        ranges.push(...start.ranges);
        continue;
      }
      if (this.peek() === '-' && this.src[this.i + 1] !== ']' && this.src[this.i + 1] !== undefined) {
        this.i += 1;
        const end = this.classAtom();
        if (end.kind === 'class') throw new UnsupportedPattern('a class escape cannot end a range');
        ranges.push([start.value.codePointAt(0) ?? 0, end.value.codePointAt(0) ?? 0]);
      } else {
        const cp = start.value.codePointAt(0) ?? 0;
        ranges.push([cp, cp]);
      }
    }
    this.i += 1;
    return { kind: 'class', ranges, negated };
  }

  private classAtom(): Node & { kind: 'text' | 'class' } {
    const c = this.src[this.i++] ?? '';
    return c === '\\' ? this.escape() : { kind: 'text', value: c };
  }

  private quantified(node: Node): Node {
    const c = this.peek();
    let bounds: [number, number] | null = null;
    if (c === '?') bounds = [0, 1];
    else if (c === '*') bounds = [0, OPEN_REPEAT];
    else if (c === '+') bounds = [1, 1 + OPEN_REPEAT];
    if (bounds) this.i += 1;
    else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.i));
      if (!m) return node;
      this.i += m[0].length;
      const min = Number(m[1]);
      bounds = [min, m[2] === undefined ? min : m[3] === '' ? min + OPEN_REPEAT : Number(m[3])];
    }
    if (!bounds) return node;
    if (this.peek() === '?') this.i += 1;
    return { kind: 'repeat', node, min: bounds[0], max: bounds[1] };
  }
}

function inClass(cp: number, node: { ranges: [number, number][]; negated: boolean }): boolean {
  return node.ranges.some(([lo, hi]) => cp >= lo && cp <= hi) !== node.negated;
}

function classChar(rng: Rng, node: { ranges: [number, number][]; negated: boolean }): string {
  const allowed = (pool: string): string[] => [...pool].filter((ch) => inClass(ch.codePointAt(0) ?? 0, node));
  const preferred = allowed(PREFERRED);
  if (preferred.length > 0 && chance(rng, 0.9)) return preferred[rng.int(preferred.length)] as string;
  if (!node.negated && node.ranges.length > 0) {
    const [lo, hi] = node.ranges[rng.int(node.ranges.length)] as [number, number];
    return String.fromCodePoint(intBetween(rng, lo, hi));
  }
  const printable = allowed(PRINTABLE);
  if (printable.length === 0) throw new UnsupportedPattern('no printable character fits the class');
  return printable[rng.int(printable.length)] as string;
}

function generate(rng: Rng, node: Node): string {
  switch (node.kind) {
    case 'text':
      return node.value;
    case 'class':
      return classChar(rng, node);
    case 'seq':
      return node.items.map((n) => generate(rng, n)).join('');
    case 'alt':
      return generate(rng, node.options[rng.int(node.options.length)] as Node);
    case 'repeat': {
      const count = intBetween(rng, node.min, Math.min(node.max, node.min + OPEN_REPEAT));
      return Array.from({ length: count }, () => generate(rng, node.node)).join('');
    }
  }
}

/**
 * A text matching `source` (a RegExp source), or throws UnsupportedPattern. The caller still tests the result
 * against the real RegExp: this generator approximates, the RegExp decides.
 * @example textMatching(rng, '[0-9]{6}-[0-9]{4}') // e.g. "240915-0042"
 */
export function textMatching(rng: Rng, source: string): string {
  return generate(rng, new Parser(source).parse());
}
