import type { Tensor } from "../../lib/tensor.ts";
import { notImplemented } from "../../lib/not_implemented.ts";
// deno-lint-ignore no-unused-vars
import { Relu } from "../relu_layer/relu.ts";

/** ReLU applied twice, with two `Relu` layers. */
// deno-lint-ignore no-unused-vars
export function doubleRelu(x: Tensor): Tensor {
  return notImplemented("double_relu", "doubleRelu");
}
