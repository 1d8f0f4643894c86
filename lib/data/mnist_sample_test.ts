import { mnistSample } from "./mnist_sample.ts";
import { assert, assertClose, assertEquals, Tensor } from "../testing/mod.ts";

Deno.test("mnistSample holds 1,000 training and 200 test digits", () => {
  const { xTrain, tTrain, xTest, tTest } = mnistSample();
  assertEquals(xTrain.shape, [1000, 784]);
  assertEquals(tTrain.shape, [1000]);
  assertEquals(xTest.shape, [200, 784]);
  assertEquals(tTest.shape, [200]);
});

Deno.test("mnistSample labels are digits 0 to 9, every one of them present", () => {
  const { tTrain, tTest } = mnistSample();
  for (const t of [tTrain, tTest]) {
    assert(t.data.every((d) => Number.isInteger(d) && d >= 0 && d <= 9));
    assertEquals(new Set(t.data).size, 10, "distinct digits");
  }
});

Deno.test("mnistSample pixels are 0 or 1, and a digit covers a fair part of its image", () => {
  const { xTrain } = mnistSample();
  assert(xTrain.data.every((v) => v === 0 || v === 1));
  // A handwritten digit inks roughly 10 to 20 % of the 784 pixels.
  const inked = xTrain.sum() / xTrain.size;
  assert(inked > 0.08 && inked < 0.25, `${inked} of the pixels are 1`);
});

Deno.test("mnistSample with flatten: false and oneHot: true reshapes the same digits", () => {
  const flat = mnistSample();
  const shaped = mnistSample({ flatten: false, oneHot: true });
  assertEquals(shaped.xTrain.shape, [1000, 1, 28, 28]);
  assertEquals(shaped.tTest.shape, [200, 10]);
  assertClose(shaped.xTest.reshape(200, 784), flat.xTest, { rtol: 0, atol: 0 });
  assertClose(shaped.tTest.argmax(1), flat.tTest);
  assertClose(shaped.tTest.sum(1), Tensor.ones([200]));
});

Deno.test("mnistSample returns tensors of its own", () => {
  mnistSample().xTrain.mulInPlace(0);
  assert(mnistSample().xTrain.max() === 1, "xTrain changed through a cache");
});
