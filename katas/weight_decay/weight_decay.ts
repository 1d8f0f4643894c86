// deno-lint-ignore-file no-unused-vars
import type { Tensor } from "../../lib/tensor.ts";
import { notImplemented } from "../../lib/not_implemented.ts";

/**
 * The penalty added to the loss: 0.5 * lambda * the sum of the squares of
 * every weight (the parameters whose name starts with "W"). See README.md.
 */
export function weightDecayLoss(
  params: Record<string, Tensor>,
  lambda: number,
): number {
  return notImplemented("weight_decay", "weightDecayLoss");
}

/**
 * New gradients: lambda * W added to each weight's gradient, the others as
 * they were. Changes neither `grads` nor `params`.
 */
export function addWeightDecay(
  grads: Record<string, Tensor>,
  params: Record<string, Tensor>,
  lambda: number,
): Record<string, Tensor> {
  return notImplemented("weight_decay", "addWeightDecay");
}
