/**
 * The spiral data set: points on interleaved arms, one arm per class, that no
 * straight line separates (the classic toy problem for a two-layer network).
 *
 * @module
 */

import { Tensor } from "../tensor.ts";
import type { Rng } from "../random.ts";

/** What {@link spiral} needs. */
export interface SpiralOptions {
  /** Points on each arm. */
  pointsPerClass: number;
  /** Number of arms, one class each (3 is the classic picture). */
  classes: number;
  /** The seeded generator that jitters the angles. */
  rng: Rng;
  /** Standard deviation of the angle jitter, in radians. Default 0.2. */
  noise?: number;
}

/** Spiral points and their classes. */
export interface SpiralData {
  /** The points, shape `[N, 2]` with N = pointsPerClass * classes. */
  x: Tensor;
  /** Each point's class, shape `[N]`: whole numbers 0 to classes - 1. */
  t: Tensor;
}

function checkCount(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 1) {
    throw new RangeError(
      `spiral: ${name} must be a whole number >= 1, got ${value}`,
    );
  }
}

/**
 * Generates `classes` spiral arms of `pointsPerClass` points each, inside the
 * unit disc. On arm k the i-th point lies at radius r = i / (pointsPerClass - 1)
 * and angle 4k + 4r (plus normal noise), so each arm winds about two thirds of
 * a turn outwards from the centre. The points come arm by arm: class 0 first.
 *
 * @example
 * ```ts
 * import { spiral } from "./spiral.ts";
 * import { Rng } from "../random.ts";
 * const { x, t } = spiral({ pointsPerClass: 100, classes: 3, rng: new Rng(0) });
 * console.assert(x.shape.join() === "300,2");
 * console.assert(t.shape.join() === "300" && t.max() === 2);
 * ```
 */
export function spiral(options: SpiralOptions): SpiralData {
  const { pointsPerClass, classes, rng, noise = 0.2 } = options;
  checkCount("pointsPerClass", pointsPerClass);
  checkCount("classes", classes);
  if (!(noise >= 0)) {
    throw new RangeError(`spiral: noise must be >= 0, got ${noise}`);
  }
  const n = pointsPerClass * classes;
  const x = Tensor.zeros([n, 2]);
  const t = Tensor.zeros([n]);
  for (let k = 0; k < classes; k++) {
    for (let i = 0; i < pointsPerClass; i++) {
      const row = k * pointsPerClass + i;
      const r = pointsPerClass === 1 ? 0 : i / (pointsPerClass - 1);
      const angle = 4 * k + 4 * r + rng.normal(0, noise);
      x.data[2 * row] = r * Math.sin(angle);
      x.data[2 * row + 1] = r * Math.cos(angle);
      t.data[row] = k;
    }
  }
  return { x, t };
}
