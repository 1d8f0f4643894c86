import { scale } from "../scale_layer/scale.ts";
import {
  assertClose,
  assertUnchanged,
  tensor,
  timeLimit,
} from "../../lib/testing/mod.ts";

Deno.test("scale doubles 3 and -1", timeLimit, () => {
  assertClose(scale(tensor([3, -1])), [6, -2]);
});

Deno.test("scale leaves its argument as it was", timeLimit, () => {
  const x = tensor([1, 2]);
  assertUnchanged({ x }, () => scale(x), "scale");
});
