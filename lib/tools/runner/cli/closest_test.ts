import { assertEquals } from "../../../testing/assert.ts";
import { closestName, didYouMean } from "./closest.ts";

const KATAS = ["relu_layer", "sigmoid_layer", "softmax_with_loss", "sgd"];

Deno.test("closestName forgives a typo, a missing suffix and capitals", () => {
  assertEquals(closestName("rleu_layer", KATAS), "relu_layer");
  assertEquals(closestName("softmax", KATAS), "softmax_with_loss");
  assertEquals(closestName("SIGMOID_LAYER", KATAS), "sigmoid_layer");
  assertEquals(closestName("sdg", KATAS), "sgd");
});

Deno.test("closestName suggests nothing for a word unlike any name", () => {
  assertEquals(closestName("convolution", KATAS), undefined);
  assertEquals(closestName("", KATAS), undefined);
  assertEquals(closestName("relu", []), undefined);
});

Deno.test("didYouMean words the suggestion, or says nothing", () => {
  assertEquals(didYouMean("relu", KATAS), '; did you mean "relu_layer"?');
  assertEquals(didYouMean("zzzzzzzz", KATAS), "");
});
