// deno-lint-ignore-file no-unused-vars
import type { Rng } from "../../lib/random.ts";
import type { Tensor } from "../../lib/tensor.ts";
import { notImplemented } from "../../lib/not_implemented.ts";

/** The Xavier std for a unit with `nIn` inputs (book 6.2.2): see README.md. */
export function xavierStd(nIn: number): number {
  return notImplemented("weight_init", "xavierStd");
}

/** The He std for a unit with `nIn` inputs, for ReLU (book 6.2.3). */
export function heStd(nIn: number): number {
  return notImplemented("weight_init", "heStd");
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
  return notImplemented("weight_init", "initWeight");
}
