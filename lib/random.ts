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

  /**
   * `size` draws from 0 to n-1, like numpy's `np.random.choice(n, size,
   * replace, p)`: with replacement by default, or all different with
   * `replace: false`; uniformly, or with probability `p[i]` for `i` (`p`
   * non-negative, summing to 1). Picks mini-batches and negative samples.
   *
   * @example
   * ```ts
   * import { Rng } from "./random.ts";
   * const batch = new Rng(0).choice(60000, 100);
   * console.assert(batch.length === 100 && batch.every((i) => i >= 0 && i < 60000));
   * const distinct = new Rng(0).choice(10, 10, { replace: false });
   * console.assert([...distinct].sort((a, b) => a - b).join() === "0,1,2,3,4,5,6,7,8,9");
   * const never0 = new Rng(0).choice(3, 50, { p: [0, 0.5, 0.5] });
   * console.assert(!never0.includes(0));
   * ```
   */
  choice(
    n: number,
    size: number,
    options: { replace?: boolean; p?: ArrayLike<number> } = {},
  ): number[] {
    const { replace = true, p } = options;
    const fail = (why: string) =>
      new RangeError(
        `Rng.choice: ${why} (n ${n}, size ${size}, replace ${replace}${
          p === undefined ? "" : `, p of length ${p.length}`
        })`,
      );
    if (!Number.isInteger(n) || n < 0) {
      throw fail("n must be a non-negative integer");
    }
    if (!Number.isInteger(size) || size < 0) {
      throw fail("size must be a non-negative integer");
    }
    if (size > 0 && n === 0) throw fail("cannot draw from nothing");
    if (!replace && size > n) {
      throw fail("cannot draw more than n without replacement");
    }
    if (p === undefined) {
      if (replace) return Array.from({ length: size }, () => this.int(n));
      // The first `size` steps of a Fisher-Yates shuffle of 0 to n-1, the
      // shuffled array kept as the few places that differ from 0 to n-1, so
      // that 100 draws from 60000 cost 100 steps.
      const moved = new Map<number, number>();
      const out: number[] = [];
      for (let i = 0; i < size; i++) {
        const j = i + this.int(n - i);
        out.push(moved.get(j) ?? j);
        moved.set(j, moved.get(i) ?? i);
      }
      return out;
    }
    if (p.length !== n) throw fail("p must have one probability per number");
    let total = 0;
    let positive = 0;
    for (let i = 0; i < n; i++) {
      if (!(p[i] >= 0 && p[i] < Infinity)) {
        throw fail(`p[${i}] is ${p[i]}, not a probability`);
      }
      total += p[i];
      if (p[i] > 0) positive++;
    }
    // The same tolerance as numpy: room for rounding, not for a typo.
    if (Math.abs(total - 1) > 1e-8) throw fail(`p sums to ${total}, not 1`);
    if (!replace && positive < size) {
      throw fail(
        `only ${positive} number(s) have a non-zero probability, fewer than size`,
      );
    }
    return replace ? this.#drawWeighted(p, size) : this.#drawDistinct(p, size);
  }

  /** `size` draws with replacement: a binary search in the running sums of `p`. */
  #drawWeighted(p: ArrayLike<number>, size: number): number[] {
    const cdf = new Float64Array(p.length);
    for (let i = 0, acc = 0; i < p.length; i++) cdf[i] = acc += p[i];
    const last = cdf[p.length - 1];
    return Array.from({ length: size }, () => {
      const u = this.uniform() * last;
      let lo = 0;
      let hi = p.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (cdf[mid] > u) hi = mid;
        else lo = mid + 1;
      }
      // Rounding can leave u at the very top: step back to a possible number.
      while (p[lo] === 0) lo--;
      return lo;
    });
  }

  /** `size` different draws: each drawn by weight among those not drawn yet. */
  #drawDistinct(p: ArrayLike<number>, size: number): number[] {
    const weights = Float64Array.from(p);
    const out: number[] = [];
    for (let k = 0; k < size; k++) {
      let total = 0;
      for (let i = 0; i < weights.length; i++) total += weights[i];
      const u = this.uniform() * total;
      let pick = -1;
      for (let i = 0, acc = 0; i < weights.length; i++) {
        if (weights[i] === 0) continue;
        pick = i;
        acc += weights[i];
        if (acc > u) break;
      }
      out.push(pick);
      weights[pick] = 0;
    }
    return out;
  }
}
