/**
 * Seeded pseudo-random numbers for the demo data. Only integer operations and the exactly
 * rounded IEEE operations (+ − × ÷, sqrt, floor) are used, never Math.exp/log/sin, so a seed
 * gives the same stream, bit for bit, on every platform and Node version.
 */
export type Random = () => number;

/** mulberry32: a 32-bit state generator, uniform in [0, 1). */
export function mulberry32(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Derives an independent 32-bit seed from a seed and stream numbers (murmur3 finaliser). */
export function mixSeed(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const part of parts) {
    h = Math.imul(h ^ (part >>> 0), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
  }
  return h >>> 0;
}

/** An integer in [0, n). */
export function randInt(rng: Random, n: number): number {
  return Math.floor(rng() * n);
}

/** An integer in [lo, hi]. */
export function randRange(rng: Random, lo: number, hi: number): number {
  return lo + Math.floor(rng() * (hi - lo + 1));
}

export function pick<T>(rng: Random, values: readonly T[]): T {
  const value = values[Math.floor(rng() * values.length)];
  if (value === undefined) throw new Error('pick: empty list');
  return value;
}

const SQRT3 = Math.sqrt(3);

/** Approximately standard normal (Irwin–Hall sum of four uniforms): mean 0, variance 1, |x| < 3.5. */
export function gauss(rng: Random): number {
  return (rng() + rng() + rng() + rng() - 2) * SQRT3;
}

/** Squashes any real number into (0, 1), 0 ↦ 0.5 (softsign: no transcendental functions). */
export function squash(x: number): number {
  return 0.5 + (0.5 * x) / (1 + Math.abs(x));
}

/** Rounds to the nearest multiple of 0.5 (points are written as 5, 2.5, -2). */
export function half(x: number): number {
  return Math.sign(x) * (Math.round(Math.abs(x) * 2) / 2);
}

/** `x` limited to [lo, hi]. */
export function clamp(x: number, lo: number, hi: number): number {
  return Math.min(Math.max(x, lo), hi);
}

/** Fisher–Yates shuffle of a copy. */
export function shuffled<T>(rng: Random, values: readonly T[]): T[] {
  const out = values.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = randInt(rng, i + 1);
    const a = out[i] as T;
    out[i] = out[j] as T;
    out[j] = a;
  }
  return out;
}
