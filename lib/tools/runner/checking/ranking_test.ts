import { assertEquals } from "../../../testing/assert.ts";
import { failureRank, rankFailures } from "./ranking.ts";
import type { TestOutcome } from "../../spec_run.ts";

const failed = (name: string, message: string): TestOutcome => ({
  name,
  passed: false,
  message,
});

Deno.test("each message of lib/testing/mutation.ts ranks as a changed or shared argument", () => {
  for (
    const message of [
      "Relu.backward changed its argument dout: at [0, 1] it was 1, now 0",
      "Affine.forward changed the shape of its argument x from [2, 3] to [6]",
      "Relu.forward returned its argument x itself; return a new tensor.",
      "Relu.forward returned a tensor that shares its data with x; copy it.",
    ]
  ) assertEquals(failureRank(failed("t", message)), 0, message);
});

Deno.test("a protocol failure is known by its test name or its message", () => {
  assertEquals(
    failureRank(failed(
      "backward before any forward throws an error that says forward comes first",
      "AssertionError: Relu.backward([1, 2]) before any forward should throw an Error, but it did not throw.",
    )),
    1,
  );
  assertEquals(
    failureRank(failed("x", "Error: call forward first")),
    1,
  );
  assertEquals(failureRank(failed("forward values", "2 of 6 differ")), 2);
});

Deno.test("rankFailures puts a changed argument, then protocol, then the rest in spec order", () => {
  const tests: TestOutcome[] = [
    failed("forward values", "differ"),
    { name: "passes", passed: true },
    failed("backward before any forward throws", "did not throw"),
    failed("backward values", "differ too"),
    failed("backward leaves dout unchanged", "changed its argument dout"),
  ];
  assertEquals(rankFailures(tests).map((t) => t.name), [
    "backward leaves dout unchanged",
    "backward before any forward throws",
    "forward values",
    "backward values",
  ]);
  assertEquals(rankFailures([{ name: "a", passed: true }]), []);
});

Deno.test("a stub's NotImplementedError never ranks as a protocol failure", () => {
  assertEquals(
    failureRank(failed(
      "backward before any forward throws an error that says forward comes first",
      "NotImplementedError: Relu.backward is not implemented yet.",
    )),
    2,
  );
});
