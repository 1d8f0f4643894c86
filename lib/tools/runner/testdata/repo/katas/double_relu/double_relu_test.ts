import { doubleRelu } from "./double_relu.ts";
import { assertClose, tensor, timeLimit } from "../../lib/testing/mod.ts";

Deno.test("doubleRelu zeroes negative inputs", timeLimit, () => {
  assertClose(doubleRelu(tensor([1, -2])), [1, 0], { msg: "doubleRelu([1, -2])" });
});
