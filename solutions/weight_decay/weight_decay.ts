import { checkGradients, type Params } from "../../lib/layer.ts";

/**
 * The book decays the weights of the Affine layers only: the parameters named
 * W1, W2, ... Biases (b1, ...) and Batch Normalization's gamma and beta are
 * left alone.
 */
function isWeight(name: string): boolean {
  return name.startsWith("W");
}

/** The penalty added to the loss: 0.5 * lambda * the sum of every W². */
export function weightDecayLoss(params: Params, lambda: number): number {
  let weightDecay = 0;
  for (const [name, W] of Object.entries(params)) {
    if (isWeight(name)) weightDecay += 0.5 * lambda * W.pow(2).sum();
  }
  return weightDecay;
}

/**
 * The gradients with the penalty's derivative, lambda * W, added to each
 * weight's; the other gradients are passed on as they are.
 */
export function addWeightDecay(
  grads: Params,
  params: Params,
  lambda: number,
): Params {
  checkGradients("addWeightDecay", params, grads);
  const out: Params = {};
  for (const [name, grad] of Object.entries(grads)) {
    out[name] = isWeight(name) ? grad.add(params[name].mul(lambda)) : grad;
  }
  return out;
}
