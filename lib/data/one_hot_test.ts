import { oneHot } from "./one_hot.ts";
import {
  assertClose,
  assertEquals,
  assertThrows,
  tensor,
  timeLimit,
} from "../testing/mod.ts";

Deno.test("oneHot puts a 1 at each label's position", timeLimit, () => {
  assertClose(oneHot(tensor([0, 3, 1]), 4), [
    [1, 0, 0, 0],
    [0, 0, 0, 1],
    [0, 1, 0, 0],
  ]);
});

Deno.test("oneHot of no labels is an empty [0, classes]", timeLimit, () => {
  assertEquals(oneHot(tensor([]), 3).shape, [0, 3]);
});

Deno.test(
  "oneHot rejects labels out of range, fractional labels and non-[N] shapes",
  timeLimit,
  () => {
    assertThrows(() => oneHot(tensor([3]), 3), RangeError, "label 3");
    assertThrows(() => oneHot(tensor([-1]), 3), RangeError, "label -1");
    assertThrows(() => oneHot(tensor([0.5]), 3), RangeError, "label 0.5");
    assertThrows(() => oneHot(tensor([[1]]), 3), RangeError, "shape [N]");
    assertThrows(() => oneHot(tensor([1]), 0), RangeError, "classes");
  },
);
