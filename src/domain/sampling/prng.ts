// Seeded pseudo-random numbers for reproducible sample draws: xoshiro128** (Blackman & Vigna 2018) seeded
// through splitmix64, the seeding its authors recommend. Integer arithmetic only (Math.imul, >>>, BigInt for
// seeding), so a seed gives the same stream on every platform and in the browser.

/** A stream of uniform numbers. Consumers must draw in a fixed order so that a seed reproduces a draw. */
export interface Rng {
  /** Uniform in [0, 1) with 53 random bits (two 32-bit outputs). */
  next(): number;
  /** Uniform integer in [0, n), unbiased (rejection sampling); n is an integer in [1, 2^32]. */
  int(n: number): number;
  /** The raw 32-bit output, an integer in [0, 2^32). */
  nextUint32(): number;
}

/** What a draw records so that it can be repeated: a safe integer or a non-empty text. */
export type Seed = number | string;

const MASK64 = (1n << 64n) - 1n;
const TWO_POW_32 = 2 ** 32;

/** splitmix64 (Steele, Lea & Flood 2014): one step returns the next state and a well-mixed 64-bit output. */
export function splitmix64(state: bigint): { state: bigint; value: bigint } {
  const next = (state + 0x9e3779b97f4a7c15n) & MASK64;
  let z = next;
  z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK64;
  z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK64;
  return { state: next, value: z ^ (z >> 31n) };
}

/** UTF-8 bytes of a string, written out so that the domain needs no TextEncoder. */
function utf8Bytes(text: string): number[] {
  const bytes: number[] = [];
  for (const char of text) {
    const cp = char.codePointAt(0) ?? 0;
    if (cp < 0x80) bytes.push(cp);
    else if (cp < 0x800) bytes.push(0xc0 | (cp >> 6), 0x80 | (cp & 63));
    else if (cp < 0x10000) bytes.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
    else bytes.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
  }
  return bytes;
}

/** FNV-1a, 64-bit, over the UTF-8 bytes of the NFC form (so "Hà Nội" typed either way seeds alike). */
function fnv1a64(text: string): bigint {
  let hash = 0xcbf29ce484222325n;
  for (const byte of utf8Bytes(text.normalize('NFC'))) {
    hash = ((hash ^ BigInt(byte)) * 0x100000001b3n) & MASK64;
  }
  return hash;
}

const canonicalInteger = /^(0|[1-9][0-9]*)$/;

/**
 * The 64-bit splitmix state a seed starts from. A number must be a safe integer (negative ones wrap modulo
 * 2^64). A string that is a canonical non-negative decimal safe integer ("42", not "042") means that number,
 * so `--seed 42` on a command line equals the JSON seed 42; any other non-empty string is hashed (FNV-1a 64).
 */
export function seedState(seed: Seed): bigint {
  if (typeof seed === 'number') {
    if (!Number.isSafeInteger(seed)) throw new RangeError(`A numeric seed must be a safe integer, got ${seed}`);
    return BigInt.asUintN(64, BigInt(seed));
  }
  if (seed.length === 0) throw new RangeError('A text seed must not be empty');
  if (canonicalInteger.test(seed) && Number.isSafeInteger(Number(seed))) return BigInt(seed);
  return fnv1a64(seed);
}

/** A xoshiro128** generator from its four 32-bit state words (not all zero). Exposed for test vectors. */
export function xoshiro128ss(words: readonly [number, number, number, number]): Rng {
  let [s0, s1, s2, s3] = words.map((w) => w >>> 0) as [number, number, number, number];
  if ((s0 | s1 | s2 | s3) === 0) throw new RangeError('xoshiro128** state must not be all zero');
  const rotl = (x: number, k: number): number => (x << k) | (x >>> (32 - k));

  const nextUint32 = (): number => {
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotl(s3, 11);
    return result;
  };

  return {
    nextUint32,
    next: () => ((nextUint32() >>> 5) * 67108864 + (nextUint32() >>> 6)) / 9007199254740992,
    int: (n: number) => {
      if (!Number.isInteger(n) || n < 1 || n > TWO_POW_32)
        throw new RangeError(`int(n) needs 1 <= n <= 2^32, got ${n}`);
      const limit = TWO_POW_32 - (TWO_POW_32 % n);
      let x = nextUint32();
      while (x >= limit) x = nextUint32();
      return x % n;
    },
  };
}

/**
 * A seeded generator. Two splitmix64 outputs fill the 128-bit xoshiro128** state (high word first).
 * @example
 *   const rng = createRng('papi-2025-ha-giang');
 *   const start = rng.next();   // same value on every machine for this seed
 */
export function createRng(seed: Seed): Rng {
  const first = splitmix64(seedState(seed));
  const second = splitmix64(first.state);
  const word = (v: bigint, shift: bigint): number => Number((v >> shift) & 0xffffffffn);
  return xoshiro128ss([word(first.value, 32n), word(first.value, 0n), word(second.value, 32n), word(second.value, 0n)]);
}
