/**
 * Where the time of a training step goes: `deno task bench:compare --split`
 * runs the SimpleConvNet step of bench/workloads.ts with a clock around each
 * layer's forward and backward pass and around every matrix product, and
 * prints the median of each part per step beside numpy's (compare_numpy.py
 * measures its own step the same way, on the same inputs).
 *
 * The clocks are put around the methods of the worked answers' layer classes
 * and around `Tensor.prototype.matmul` for the duration of the measurement
 * only; they cost well under a microsecond per call.
 *
 * @module
 */

import { Tensor } from "../lib/tensor.ts";
import { Convolution } from "../solutions/convolution/convolution.ts";
import { Relu } from "../solutions/relu_layer/relu.ts";
import { Pooling } from "../solutions/max_pooling/pooling.ts";
import { Affine } from "../solutions/affine_layer/affine.ts";
import { SoftmaxWithLoss } from "../solutions/softmax_with_loss/softmax_with_loss.ts";
import type { Workload } from "./workloads.ts";

/** Seconds per step of each part, by name (see {@link splitStep}). */
export type Split = Record<string, number>;

/** The name of the part that is every matrix product of the step. */
export const PRODUCTS = "matrix products (inside the layers above)";
/** The name of the part that is the whole step. */
export const STEP = "whole step (with the SGD update)";

/** The layer classes of the SimpleConvNet, as compare_numpy.py names them. */
const LAYERS = [
  [Convolution, "Convolution"],
  [Relu, "ReLU"],
  [Pooling, "Pooling"],
  [Affine, "Affine"],
  [SoftmaxWithLoss, "SoftmaxWithLoss"],
] as const;

/** The median of `values`. */
function median(values: number[]): number {
  const sorted = values.toSorted((a, b) => a - b);
  return sorted[sorted.length >> 1];
}

/**
 * Runs the step of workload `w` `steps` times after `warmup` untimed ones,
 * each layer's passes and the matrix products timed, and returns the median
 * seconds per step of each part: "<Layer> <k> forward" and "... backward"
 * (k counts the instances of a class in the order they first run, so that
 * "ReLU 1" follows the convolution and "ReLU 2" the first Affine), then
 * {@link PRODUCTS} and {@link STEP}.
 *
 * @example
 * ```ts ignore
 * import { workloads } from "./workloads.ts";
 * const step = workloads().find((w) => w.id === "conv_net_step")!;
 * console.log(splitStep(step, 3, 1)[STEP]);
 * ```
 */
export function splitStep(w: Workload, steps: number, warmup = 3): Split {
  let current: Record<string, number> = {};
  const add = (part: string, ms: number) => {
    current[part] = (current[part] ?? 0) + ms / 1000;
  };
  const restore: (() => void)[] = [];
  const order = new Map<object, string>();
  for (const [layer, name] of LAYERS) {
    for (const method of ["forward", "backward"] as const) {
      const proto = layer.prototype as unknown as Record<
        string,
        (...args: unknown[]) => unknown
      >;
      const original = proto[method];
      proto[method] = function (this: object, ...args: unknown[]) {
        if (!order.has(this)) {
          const k = [...order.values()].filter((v) => v.startsWith(name))
            .length;
          order.set(this, `${name} ${k + 1}`);
        }
        const start = performance.now();
        try {
          return original.apply(this, args);
        } finally {
          add(`${order.get(this)} ${method}`, performance.now() - start);
        }
      };
      restore.push(() => (proto[method] = original));
    }
  }
  const matmul = Tensor.prototype.matmul;
  Tensor.prototype.matmul = function (this: Tensor, other: Tensor) {
    const start = performance.now();
    try {
      return matmul.call(this, other);
    } finally {
      add(PRODUCTS, performance.now() - start);
    }
  };
  restore.push(() => (Tensor.prototype.matmul = matmul));
  try {
    const run = w.prepare();
    for (let i = 0; i < warmup; i++) run();
    const samples: Record<string, number>[] = [];
    for (let i = 0; i < steps; i++) {
      current = {};
      const start = performance.now();
      run();
      add(STEP, performance.now() - start);
      samples.push(current);
    }
    const parts = Object.keys(samples[0]);
    return Object.fromEntries(
      parts.map((part) => [part, median(samples.map((s) => s[part] ?? 0))]),
    );
  } finally {
    for (const undo of restore) undo();
  }
}
