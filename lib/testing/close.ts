/**
 * Closeness of numbers, tensors and nested arrays, with a failure message a
 * learner can act on: both shapes, the largest absolute and relative error,
 * where they occur, the two values there, and both tensors elided around it.
 *
 * @module
 */

import { type NestedArray, shapeToString, Tensor } from "../tensor.ts";
import { formatTensor, windowAround } from "../format.ts";
import { AssertionError } from "./assert.ts";

/** Tolerances and a label for {@link assertClose}. */
export interface CloseOptions {
  /** Relative tolerance: allowed error as a fraction of |expected|. Default 1e-7. */
  rtol?: number;
  /** Absolute tolerance. Default 1e-10. */
  atol?: number;
  /** What is being compared, e.g. `"Relu.forward(x)"`; starts the message. */
  msg?: string;
}

/** A tensor, a number, or nested arrays of numbers. */
export type Numeric = Tensor | NestedArray;

/**
 * Reads a value as a tensor, or explains in one sentence why it is not one.
 *
 * @example
 * ```ts
 * import { toTensor } from "./close.ts";
 * console.assert(toTensor([[1, 2]], "expected").shape.join() === "1,2");
 * ```
 */
export function toTensor(value: unknown, what: string): Tensor {
  if (value instanceof Tensor) return value;
  if (typeof value === "number" || Array.isArray(value)) {
    return Tensor.from(value as NestedArray);
  }
  const got = value === null || value === undefined
    ? String(value)
    : typeof value === "object"
    ? `an object (${(value as object).constructor?.name ?? "Object"})`
    : `${typeof value} ${JSON.stringify(value)}`;
  throw new AssertionError(
    `${what} should be a Tensor or a number, but it is ${got}` +
      (value === undefined ? " (did the function forget to return?)" : ""),
  );
}

/** The position of flat index `flat` in `shape`, as `[i, j, ...]`. */
export function unravel(flat: number, shape: readonly number[]): number[] {
  const index = new Array<number>(shape.length);
  for (let d = shape.length - 1; d >= 0; d--) {
    index[d] = flat % shape[d];
    flat = Math.floor(flat / shape[d]);
  }
  return index;
}

/** Prints `t` elided around `index`, with at most a few items either side. */
export function formatAround(t: Tensor, index: readonly number[]): string {
  if (t.size <= 36) return formatTensor(t);
  const kept = t.shape.map((n, d) =>
    d >= t.ndim - 2
      ? windowAround(n, index[d], 2)
      : windowAround(n, index[d], 0)
  );
  return formatTensor(t, kept);
}

function indent(text: string, pad = "    "): string {
  return text.split("\n").map((line) => pad + line).join("\n");
}

function errorAt(a: number, e: number): number {
  if (Object.is(a, e) || (Number.isNaN(a) && Number.isNaN(e))) return 0;
  if (a === e) return 0;
  const d = Math.abs(a - e);
  return Number.isNaN(d) ? Infinity : d;
}

/**
 * Fails unless `actual` and `expected` have the same shape and every element
 * satisfies `|actual - expected| <= atol + rtol * |expected|` (NaN matches
 * only NaN, like numpy's `assert_allclose`).
 *
 * @example
 * ```ts
 * import { assertClose } from "./close.ts";
 * import { Tensor } from "../tensor.ts";
 * assertClose(Tensor.from([0.1 + 0.2, 1]), [0.3, 1]);
 * assertClose(1.1 * 3, 3.3, { rtol: 1e-12 });
 * ```
 */
export function assertClose(
  actual: unknown,
  expected: Numeric,
  options: CloseOptions = {},
): void {
  const { rtol = 1e-7, atol = 1e-10, msg } = options;
  const title = msg ?? "The values are not close";
  const exp = toTensor(expected, "the expected value");
  const act = toTensor(actual, msg ? `${msg}: the result` : "the result");
  if (
    act.ndim !== exp.ndim || act.shape.some((d, i) => d !== exp.shape[i])
  ) {
    throw new AssertionError(
      `${title}: the shapes differ.\n` +
        `  actual shape   ${shapeToString(act.shape)}\n` +
        `  expected shape ${shapeToString(exp.shape)}\n` +
        `  actual:\n${indent(formatTensor(act))}\n` +
        `  expected:\n${indent(formatTensor(exp))}`,
    );
  }
  let worstAbs = 0;
  let worstAt = -1;
  let worstRel = 0;
  let worstRelAt = -1;
  let failures = 0;
  let firstFail = -1;
  for (let i = 0; i < exp.size; i++) {
    const a = act.data[i];
    const e = exp.data[i];
    const err = errorAt(a, e);
    const rel = err === 0 ? 0 : err / Math.abs(e);
    if (err > worstAbs || (worstAt < 0 && err > 0)) {
      worstAbs = err;
      worstAt = i;
    }
    if (rel > worstRel) {
      worstRel = rel;
      worstRelAt = i;
    }
    // An infinite error fails even when the tolerance is infinite too
    // (expected Infinity, actual any finite number).
    if (err > 0 && !(err < Infinity && err <= atol + rtol * Math.abs(e))) {
      failures++;
      if (firstFail < 0) firstFail = i;
    }
  }
  if (failures === 0) return;
  // Point at the worst element; an infinite error (NaN, Infinity) wins.
  const at = worstAt >= 0 ? worstAt : firstFail;
  const index = unravel(at, exp.shape);
  const where = exp.ndim ? ` at [${index.join(", ")}]` : "";
  const lines = [
    `${title}: ${failures} of ${exp.size} element(s) differ.`,
    `  shape ${shapeToString(exp.shape)} (both)`,
    `  largest absolute error ${worstAbs}${where}: actual ${
      act.data[at]
    }, expected ${exp.data[at]}`,
  ];
  if (worstRelAt >= 0 && exp.ndim) {
    lines.push(
      `  largest relative error ${worstRel} at [${
        unravel(worstRelAt, exp.shape).join(", ")
      }]`,
    );
  }
  lines.push(
    `  tolerance: |actual - expected| <= ${atol} + ${rtol} * |expected|`,
  );
  if (exp.ndim) {
    const around = exp.size > 36 ? ` (around [${index.join(", ")}])` : "";
    lines.push(
      `  actual${around}:\n${indent(formatAround(act, index))}`,
      `  expected${around}:\n${indent(formatAround(exp, index))}`,
    );
  }
  throw new AssertionError(lines.join("\n"));
}
