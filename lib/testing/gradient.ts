/**
 * Numerical gradients by central difference, and checks that compare them
 * with the gradients a layer's backward pass computes.
 *
 * @module
 */

import { Tensor } from "../tensor.ts";
import type { Rng } from "../random.ts";
import { AssertionError } from "./assert.ts";
import { formatAround, toTensor, unravel } from "./close.ts";
import { assertUnchanged } from "./mutation.ts";

/**
 * The gradient of a scalar function at `x` by central difference,
 * `(f(x + h) - f(x - h)) / 2h` per element.
 *
 * `x` is perturbed in place, one element at a time, and each element is put
 * back exactly before the next, so `f` may read `x` through a reference (a
 * layer's weight, say). When the call returns `x` is as it was.
 *
 * @example
 * ```ts
 * import { numericalGradient } from "./gradient.ts";
 * import { Tensor } from "../tensor.ts";
 * const x = Tensor.from([3, 4]);
 * const g = numericalGradient((v) => v.pow(2).sum(), x);
 * console.assert(Math.abs(g.get(0) - 6) < 1e-6 && Math.abs(g.get(1) - 8) < 1e-6);
 * ```
 */
export function numericalGradient(
  f: (x: Tensor) => number,
  x: Tensor,
  h = 1e-5,
): Tensor {
  const grad = Tensor.zeros(x.shape);
  for (let i = 0; i < x.size; i++) {
    const original = x.data[i];
    try {
      x.data[i] = original + h;
      const plus = f(x);
      x.data[i] = original - h;
      const minus = f(x);
      grad.data[i] = (plus - minus) / (2 * h);
    } finally {
      x.data[i] = original;
    }
  }
  return grad;
}

/** The largest relative error between two tensors and where it is. */
export interface RelativeError {
  /** `max |a-b| / max(1e-8, |a|+|b|)` over all elements. */
  max: number;
  /** Where the largest error is, as `[i, j, ...]`. */
  index: number[];
}

/**
 * The largest elementwise relative error `|a-b| / max(1e-8, |a|+|b|)`;
 * NaN anywhere counts as an error of 1 (the largest it can be otherwise).
 *
 * @example
 * ```ts
 * import { relativeError } from "./gradient.ts";
 * import { Tensor } from "../tensor.ts";
 * const e = relativeError(Tensor.from([1, 2]), Tensor.from([1, 2.0002]));
 * console.assert(e.max > 4e-5 && e.max < 6e-5 && e.index[0] === 1);
 * ```
 */
export function relativeError(a: Tensor, b: Tensor): RelativeError {
  if (a.size !== b.size) {
    throw new AssertionError(
      `relativeError: the tensors have different sizes (${a.size} and ${b.size})`,
    );
  }
  let max = 0;
  let at = 0;
  for (let i = 0; i < a.size; i++) {
    const x = a.data[i];
    const y = b.data[i];
    let rel = Math.abs(x - y) / Math.max(1e-8, Math.abs(x) + Math.abs(y));
    if (Number.isNaN(rel)) rel = 1;
    if (rel > max) {
      max = rel;
      at = i;
    }
  }
  return { max, index: unravel(at, a.shape) };
}

/** Options for {@link assertGradientsMatch}. */
export interface GradientMatchOptions {
  /** Largest relative error allowed. Default 1e-7 (smooth layers, float64). */
  tolerance?: number;
  /** What the gradient is, e.g. `"Sigmoid.backward: dx"`. */
  msg?: string;
}

/**
 * Fails unless the analytic gradient (from backward) matches the numerical
 * one: same shape, and relative error at most `tolerance`.
 *
 * @example
 * ```ts
 * import { assertGradientsMatch, numericalGradient } from "./gradient.ts";
 * import { Tensor } from "../tensor.ts";
 * const x = Tensor.from([1, -2]);
 * const numeric = numericalGradient((v) => v.pow(3).sum(), x);
 * assertGradientsMatch(x.pow(2).mul(3), numeric, { tolerance: 1e-8 });
 * ```
 */
export function assertGradientsMatch(
  analytic: unknown,
  numeric: Tensor,
  options: GradientMatchOptions = {},
): void {
  const { tolerance = 1e-7, msg = "gradient" } = options;
  const a = toTensor(analytic, `${msg}: the analytic gradient`);
  if (a.shape.join() !== numeric.shape.join()) {
    throw new AssertionError(
      `${msg}: the analytic gradient has shape [${a.shape.join(", ")}] ` +
        `but the input it belongs to has shape [${numeric.shape.join(", ")}]`,
    );
  }
  const { max, index } = relativeError(a, numeric);
  if (max <= tolerance) return;
  const where = index.length ? ` at [${index.join(", ")}]` : "";
  const flat = index.reduce((o, k, d) => o * numeric.shape[d] + k, 0);
  throw new AssertionError(
    [
      `${msg}: backward disagrees with the numerical gradient.`,
      ...(sameValuesElsewhere(a, numeric, tolerance)
        ? [
          "  same values, other places: the analytic gradient holds the " +
          "numerical one's numbers in another order; check the order of a " +
          "transpose or a reshape.",
        ]
        : []),
      `  largest relative error ${
        max.toExponential(2)
      }${where} (allowed ${tolerance})`,
      `  analytic ${a.data[flat]}, numerical ${numeric.data[flat]}`,
      `  analytic:\n${formatAround(a, index).replace(/^/gm, "    ")}`,
      `  numerical:\n${formatAround(numeric, index).replace(/^/gm, "    ")}`,
    ].join("\n"),
  );
}

/**
 * Whether `a` holds the numbers of `b` in another order (each matched within
 * `tolerance` relative error once both are sorted): the mark of a transpose
 * or reshape in the wrong order rather than a wrong formula.
 */
function sameValuesElsewhere(a: Tensor, b: Tensor, tolerance: number): boolean {
  const sa = Float64Array.from(a.data).sort();
  const sb = Float64Array.from(b.data).sort();
  for (let i = 0; i < sa.length; i++) {
    const rel = Math.abs(sa[i] - sb[i]) /
      Math.max(1e-8, Math.abs(sa[i]) + Math.abs(sb[i]));
    if (!(rel <= tolerance)) return false;
  }
  return true;
}

/** A parameter of a layer: its tensor and how to read its gradient. */
export interface ParamToCheck {
  /** The parameter tensor the layer reads (perturbed in place by the check). */
  value: Tensor;
  /** Reads the gradient the layer computed in its last backward pass. */
  grad: () => unknown;
}

/** What {@link assertLayerGradients} needs. */
export interface LayerGradientOptions {
  /** Runs the layer forward. */
  forward: (x: Tensor) => unknown;
  /** Runs the layer backward and returns dx. */
  backward: (dout: Tensor) => unknown;
  /** The input. */
  x: Tensor;
  /** Draws the upstream gradient `dout`. */
  rng: Rng;
  /** Parameters to check besides the input, by name (`W`, `b`, ...). */
  params?: Record<string, ParamToCheck>;
  /** Largest relative error allowed. Default 1e-7. */
  tolerance?: number;
  /** The layer's name for messages, e.g. `"Sigmoid"`. */
  layer?: string;
}

/**
 * Checks a layer's backward against numerical gradients of the scalar
 * `L = sum(forward(x) * dout)` for a random `dout`, whose gradient with respect
 * to x (and to each parameter) is exactly what backward(dout) must return.
 *
 * @example
 * ```ts
 * import { assertLayerGradients } from "./gradient.ts";
 * import { Tensor } from "../tensor.ts";
 * import { Rng } from "../random.ts";
 * assertLayerGradients({
 *   forward: (x) => x.pow(2),
 *   backward: (dout) => dout.mul(2).mul(Tensor.from([1, 2])),
 *   x: Tensor.from([1, 2]),
 *   rng: new Rng(0),
 *   tolerance: 1e-8,
 * });
 * ```
 */
export function assertLayerGradients(options: LayerGradientOptions): void {
  const { forward, backward, x, rng, params = {}, tolerance, layer = "layer" } =
    options;
  // Mutation is checked before any value: an in-place write also spoils the
  // gradients, and the learner should be told the cause, not the symptom.
  const first = toTensor(
    assertUnchanged({ x }, () => forward(x), `${layer}.forward`),
    `${layer}.forward`,
  );
  const dout = Tensor.randn(first.shape, rng);
  const loss = () => toTensor(forward(x), `${layer}.forward`).mul(dout).sum();
  // backward gets a copy of its own, so a write into it cannot change the
  // dout that the numerical gradient uses.
  const given = dout.clone();
  const dx = assertUnchanged(
    { dout: given },
    () => backward(given),
    `${layer}.backward`,
  );
  const grads = Object.fromEntries(
    Object.entries(params).map(([name, p]) => [name, p.grad()]),
  );
  assertGradientsMatch(dx, numericalGradient(loss, x), {
    tolerance,
    msg: `${layer}.backward: dx`,
  });
  for (const [name, p] of Object.entries(params)) {
    assertGradientsMatch(grads[name], numericalGradient(loss, p.value), {
      tolerance,
      msg: `${layer}.backward: d${name}`,
    });
  }
}
