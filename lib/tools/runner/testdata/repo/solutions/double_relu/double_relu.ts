import type { Tensor } from "../../lib/tensor.ts";
import { Relu } from "../relu_layer/relu.ts";

/** ReLU applied twice, with two `Relu` layers. */
export function doubleRelu(x: Tensor): Tensor {
  return new Relu().forward(new Relu().forward(x));
}
