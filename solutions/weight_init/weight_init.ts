import type { Rng } from "../../lib/random.ts";
import { shapeToString, Tensor } from "../../lib/tensor.ts";

/** The Xavier std for a unit with `nIn` inputs (book 6.2.2): 1/√nIn. */
export function xavierStd(nIn: number): number {
  checkFanIn("xavierStd", nIn);
  return 1 / Math.sqrt(nIn);
}

/** The He std for a unit with `nIn` inputs, for ReLU (book 6.2.3): √(2/nIn). */
export function heStd(nIn: number): number {
  checkFanIn("heStd", nIn);
  return Math.sqrt(2 / nIn);
}

/**
 * Normal weights of the given shape with mean 0 and the std of `scheme`:
 * `"xavier"`, `"he"`, or a fixed std such as the book's 0.01.
 */
export function initWeight(
  shape: number[],
  scheme: "xavier" | "he" | number,
  rng: Rng,
): Tensor {
  return Tensor.randn(shape, rng, stdOf(shape, scheme));
}

function stdOf(shape: number[], scheme: "xavier" | "he" | number): number {
  if (typeof scheme === "number") {
    if (scheme === 0) {
      throw new Error(
        'initWeight: all-zero weights (std 0) cannot learn. Every hidden unit would compute the same output and get the same gradient, so the units stay identical for ever: the symmetry is never broken. Use random weights: "xavier", "he" or a small std such as 0.01.',
      );
    }
    if (!(Number.isFinite(scheme) && scheme > 0)) {
      throw new Error(
        `initWeight: a std must be a positive number, got ${scheme}`,
      );
    }
    return scheme;
  }
  if (scheme === "xavier") return xavierStd(fanIn(shape));
  if (scheme === "he") return heStd(fanIn(shape));
  throw new Error(
    `initWeight: unknown scheme "${scheme}": use "xavier", "he" or a std`,
  );
}

/** How many inputs feed each output unit of a weight of this shape. */
function fanIn(shape: number[]): number {
  // An Affine weight [nIn, nOut] is applied as x · W: each output sums nIn.
  if (shape.length === 2) return shape[0];
  // A filter [FN, C, FH, FW] sums over C channels of an FH × FW window.
  if (shape.length === 4) return shape[1] * shape[2] * shape[3];
  throw new Error(
    `initWeight: cannot tell how many inputs a weight of shape ${
      shapeToString(shape)
    } has: "xavier" and "he" need [nIn, nOut] or a filter [FN, C, FH, FW]`,
  );
}

function checkFanIn(who: string, nIn: number): void {
  if (!Number.isInteger(nIn) || nIn <= 0) {
    throw new Error(
      `${who}: nIn, the number of inputs of a unit, must be a positive whole number, got ${nIn}`,
    );
  }
}
