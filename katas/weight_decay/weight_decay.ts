// deno-lint-ignore-file no-unused-vars
import { checkGradients, type Params } from "../../lib/layer.ts";
import { notImplemented } from "../../lib/not_implemented.ts";

/**
 * The penalty added to the loss: 0.5 * lambda * the sum of the squares of
 * every weight (the parameters whose name starts with "W"). See README.md.
 */
export function weightDecayLoss(params: Params, lambda: number): number {
  return notImplemented("weight_decay", "weightDecayLoss");
}

/**
 * New gradients: lambda * W added to each weight's gradient, the others as
 * they were. Changes neither `grads` nor `params`.
 */
export function addWeightDecay(
  grads: Params,
  params: Params,
  lambda: number,
): Params {
  // Given: throws, naming the parameter, unless grads has exactly the names
  // of params, each gradient of its parameter's shape.
  checkGradients("addWeightDecay", params, grads);
  return notImplemented("weight_decay", "addWeightDecay");
}
