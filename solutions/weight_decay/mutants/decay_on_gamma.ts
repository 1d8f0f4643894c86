// Mutant of weight_decay.ts: every parameter except the biases and beta (names
// starting with "b") is decayed, so Batch Normalization's gamma is decayed too.
import type { Tensor } from "../../../lib/tensor.ts";

/**
 * The book decays the weights of the Affine layers only: the parameters named
 * W1, W2, ... Biases (b1, ...) and Batch Normalization's gamma and beta are
 * left alone.
 */
function isWeight(name: string): boolean {
  return !name.startsWith("b");
}

/** The penalty added to the loss: 0.5 * lambda * the sum of every W². */
export function weightDecayLoss(
  params: Record<string, Tensor>,
  lambda: number,
): number {
  let sumOfSquares = 0;
  for (const [name, value] of Object.entries(params)) {
    if (isWeight(name)) sumOfSquares += value.pow(2).sum();
  }
  return 0.5 * lambda * sumOfSquares;
}

/**
 * The gradients with the penalty's derivative, lambda * W, added to each
 * weight's; the other gradients are passed on as they are.
 */
export function addWeightDecay(
  grads: Record<string, Tensor>,
  params: Record<string, Tensor>,
  lambda: number,
): Record<string, Tensor> {
  const out: Record<string, Tensor> = {};
  for (const [name, grad] of Object.entries(grads)) {
    out[name] = isWeight(name) ? grad.add(params[name].mul(lambda)) : grad;
  }
  return out;
}
