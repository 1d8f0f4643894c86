/**
 * A small seeded pseudo-random generator, so that every test, every weight
 * initialisation and every data split is reproducible.
 *
 * The core is the 32-bit "mulberry32" mixing step (public domain); normal
 * draws use the Box-Muller transform.
 *
 * @module
 */

/**
 * A seeded generator of uniform and normal numbers.
 *
 * @example
 * ```ts
 * import { Rng } from "./random.ts";
 * const a = new Rng(42);
 * const b = new Rng(42);
 * console.assert(a.uniform() === b.uniform()); // same seed, same sequence
 * ```
 */
export class Rng {
  #state: number;
  #spareNormal: number | undefined;

  /** Creates a generator; equal seeds give equal sequences. */
  constructor(seed: number) {
    if (!Number.isFinite(seed)) {
      throw new RangeError(
        `Rng: the seed must be a finite number, got ${seed}`,
      );
    }
    this.#state = Math.trunc(seed) >>> 0;
  }

  /**
   * A uniform number in [low, high), by default in [0, 1).
   *
   * @example
   * ```ts
   * import { Rng } from "./random.ts";
   * const u = new Rng(1).uniform(-1, 1);
   * console.assert(u >= -1 && u < 1);
   * ```
   */
  uniform(low = 0, high = 1): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let z = this.#state;
    z = Math.imul(z ^ (z >>> 15), z | 1);
    z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
    const unit = ((z ^ (z >>> 14)) >>> 0) / 4294967296;
    return low + (high - low) * unit;
  }

  /**
   * A normal number with the given mean and standard deviation (default 0, 1).
   *
   * @example
   * ```ts
   * import { Rng } from "./random.ts";
   * console.assert(Number.isFinite(new Rng(3).normal()));
   * ```
   */
  normal(mean = 0, std = 1): number {
    if (this.#spareNormal !== undefined) {
      const z = this.#spareNormal;
      this.#spareNormal = undefined;
      return mean + std * z;
    }
    // 1 - uniform() lies in (0, 1], so the logarithm is finite.
    const radius = Math.sqrt(-2 * Math.log(1 - this.uniform()));
    const angle = 2 * Math.PI * this.uniform();
    this.#spareNormal = radius * Math.sin(angle);
    return mean + std * radius * Math.cos(angle);
  }

  /**
   * A whole number in [0, n).
   *
   * @example
   * ```ts
   * import { Rng } from "./random.ts";
   * const k = new Rng(5).int(10);
   * console.assert(Number.isInteger(k) && k >= 0 && k < 10);
   * ```
   */
  int(n: number): number {
    if (!Number.isInteger(n) || n <= 0) {
      throw new RangeError(`Rng.int: n must be a positive integer, got ${n}`);
    }
    return Math.floor(this.uniform() * n);
  }

  /**
   * The numbers 0 to n-1 in a random order (Fisher-Yates).
   *
   * @example
   * ```ts
   * import { Rng } from "./random.ts";
   * const p = new Rng(7).permutation(5);
   * console.assert([...p].sort().join() === "0,1,2,3,4");
   * ```
   */
  permutation(n: number): number[] {
    const out = Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) {
      const j = this.int(i + 1);
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  }
}
