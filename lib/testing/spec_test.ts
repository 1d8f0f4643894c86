import { assert, assertStrictEquals } from "./assert.ts";
import * as mod from "./mod.ts";
import { TEST_TIMEOUT_MS, timeLimit } from "./spec.ts";

Deno.test("timeLimit gives every spec test the timeout", () => {
  assertStrictEquals(timeLimit.timeout, TEST_TIMEOUT_MS);
  assertStrictEquals(TEST_TIMEOUT_MS, 10_000);
  assert(Object.isFrozen(timeLimit));
});

Deno.test("mod.ts exports everything a spec needs", () => {
  for (
    const name of [
      "assert",
      "assertEquals",
      "assertThrows",
      "assertClose",
      "numericalGradient",
      "assertGradientsMatch",
      "assertLayerGradients",
      "assertUnchanged",
      "assertFresh",
      "assertForwardFirst",
      "assertClearError",
      "descend",
      "assertNearMinimum",
      "assertStatePerParameter",
      "updateWithNewTensors",
      "assertStartsAfresh",
      "assertUpdatesInPlace",
      "assertGradsUnchanged",
      "assertMissingGradientThrows",
      "assertWrongShapeThrows",
      "timeLimit",
      "Rng",
      "Tensor",
      "tensor",
      "TensorError",
      "NotImplementedError",
    ]
  ) {
    assert(name in mod, `mod.ts does not export ${name}`);
  }
});
