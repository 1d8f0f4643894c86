// deno-lint-ignore-file no-unused-vars
import type { Tensor } from "../../lib/tensor.ts";
import { notImplemented } from "../../lib/not_implemented.ts";

/** Softmax (book 3.5) of a 1-D vector, or of each row of a 2-D batch. */
export function softmax(a: Tensor): Tensor {
  return notImplemented("softmax_cross_entropy", "softmax");
}

/**
 * Cross-entropy error (book 4.2) averaged over the batch; `t` holds labels
 * (shape [N]) or one-hot rows (the shape of `y`).
 */
export function crossEntropyError(y: Tensor, t: Tensor): number {
  return notImplemented("softmax_cross_entropy", "crossEntropyError");
}
