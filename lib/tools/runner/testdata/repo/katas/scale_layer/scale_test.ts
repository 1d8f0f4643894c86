import { scale } from "./scale.ts";
import { assertClose, tensor, timeLimit } from "../../lib/testing/mod.ts";

Deno.test("scale doubles every element", timeLimit, () => {
  assertClose(scale(tensor([1, -2])), [2, -4], { msg: "scale([1, -2])" });
});
