/**
 * Everything a kata spec imports: the generic assertions (named as in
 * `@std/assert`), tensor closeness, gradient checks, mutation checks, clear
 * errors (backward before forward), the optimizer contract, the seeded
 * generator and `timeLimit`.
 *
 * @example
 * ```ts
 * import { assertClose, Rng, Tensor } from "./mod.ts";
 * assertClose(Tensor.randn([2], new Rng(1)), Tensor.randn([2], new Rng(1)));
 * ```
 *
 * @module
 */

export * from "./assert.ts";
export * from "./close.ts";
export * from "./gradient.ts";
export * from "./mutation.ts";
export * from "./optimizer.ts";
export * from "./protocol.ts";
export * from "./spec.ts";
export { Rng } from "../random.ts";
export { Tensor, tensor, TensorError } from "../tensor.ts";
export { NotImplementedError } from "../not_implemented.ts";
