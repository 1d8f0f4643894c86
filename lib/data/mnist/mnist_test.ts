// The real digits: run with this folder's config (deno test --config
// lib/data/mnist/deno.json lib/data/mnist/), as lib/data/mnist_test.ts does.
import { loadMnist, splitMnist } from "../mnist.ts";
import { digits } from "./package.ts";
import {
  assert,
  assertClose,
  assertEquals,
  assertNotEquals,
  assertThrows,
  Tensor,
  timeLimit,
} from "../../testing/mod.ts";

function counts(labels: Tensor): number[] {
  const c = new Array<number>(10).fill(0);
  for (const v of labels.data) c[v]++;
  return c;
}

Deno.test(
  "loadMnist splits the 10,000 digits into 8,000 for training and 2,000 for testing",
  timeLimit,
  async () => {
    const { xTrain, tTrain, xTest, tTest } = await loadMnist();
    assertEquals(xTrain.shape, [8000, 784]);
    assertEquals(tTrain.shape, [8000]);
    assertEquals(xTest.shape, [2000, 784]);
    assertEquals(tTest.shape, [2000]);
  },
);

Deno.test(
  "loadMnist takes the size of the test set from testSize",
  timeLimit,
  async () => {
    const { xTrain, xTest } = await loadMnist({ testSize: 500 });
    assertEquals(xTrain.shape, [9500, 784]);
    assertEquals(xTest.shape, [500, 784]);
  },
);

Deno.test(
  "loadMnist labels are digits 0 to 9, each a sensible share of both sets",
  timeLimit,
  async () => {
    const { tTrain, tTest } = await loadMnist();
    for (
      const [name, labels] of [["train", tTrain], ["test", tTest]] as const
    ) {
      const share = counts(labels).map((c) => c / labels.size);
      assertEquals(
        counts(labels).reduce((a, b) => a + b),
        labels.size,
        `${name}: every label is a whole number 0 to 9`,
      );
      // The package holds 863 to 1127 of each digit; a fair shuffle keeps
      // each share near 10%.
      for (let d = 0; d < 10; d++) {
        assert(
          share[d] > 0.07 && share[d] < 0.13,
          `${name}: digit ${d} is ${(share[d] * 100).toFixed(1)}% of the set`,
        );
      }
    }
  },
);

Deno.test(
  "loadMnist pixels are floats in [0, 1], not all 0 or 1",
  timeLimit,
  async () => {
    const { xTrain, xTest } = await loadMnist();
    for (const x of [xTrain, xTest]) {
      assert(x.min() === 0 && x.max() === 1, `range ${x.min()} to ${x.max()}`);
      const grey = x.data.filter((v) => v > 0 && v < 1).length;
      assert(grey > 0.05 * x.size, `only ${grey} grey pixels`);
    }
  },
);

Deno.test(
  "loadMnist with the same seed gives the same split",
  timeLimit,
  async () => {
    const a = await loadMnist({ seed: 7 });
    const b = await loadMnist({ seed: 7 });
    assertEquals(Array.from(a.tTest.data), Array.from(b.tTest.data));
    assertClose(a.xTest, b.xTest, { rtol: 0, atol: 0 });
    assertClose(a.xTrain, b.xTrain, { rtol: 0, atol: 0 });
  },
);

Deno.test(
  "loadMnist with another seed gives another split",
  timeLimit,
  async () => {
    const a = await loadMnist({ seed: 0 });
    const b = await loadMnist({ seed: 1 });
    assertNotEquals(Array.from(a.tTest.data), Array.from(b.tTest.data));
    assertNotEquals(a.xTest.sum(), b.xTest.sum());
  },
);

Deno.test(
  "loadMnist train and test sets together hold every digit exactly once",
  timeLimit,
  async () => {
    const { xTrain, xTest } = await loadMnist({ seed: 3 });
    // Each image's sum of pixels identifies it well enough to spot a digit
    // dealt to both sets or to neither: compare the multisets of sums.
    const all = await loadMnist({ seed: 4 });
    const sums = (xs: Tensor[]) =>
      xs.flatMap((x) => Array.from(x.sum(1).data)).sort((p, q) => p - q);
    assertEquals(sums([xTrain, xTest]), sums([all.xTrain, all.xTest]));
  },
);

Deno.test(
  "loadMnist with flatten: false gives images [N, 1, 28, 28] of the same pixels",
  timeLimit,
  async () => {
    const flat = await loadMnist({ testSize: 100 });
    const images = await loadMnist({ testSize: 100, flatten: false });
    assertEquals(images.xTrain.shape, [9900, 1, 28, 28]);
    assertEquals(images.xTest.shape, [100, 1, 28, 28]);
    assertClose(images.xTest.reshape(100, 784), flat.xTest, {
      rtol: 0,
      atol: 0,
    });
  },
);

Deno.test(
  "loadMnist with oneHot: true gives rows [N, 10] with a 1 at the digit",
  timeLimit,
  async () => {
    const labels = await loadMnist({ testSize: 100 });
    const rows = await loadMnist({ testSize: 100, oneHot: true });
    assertEquals(rows.tTrain.shape, [9900, 10]);
    assertEquals(rows.tTest.shape, [100, 10]);
    assertClose(rows.tTest.sum(1), Tensor.ones([100]));
    assertClose(rows.tTest.argmax(1), labels.tTest);
  },
);

Deno.test(
  "loadMnist returns tensors of its own: changing them does not change the next call",
  timeLimit,
  async () => {
    const first = await loadMnist();
    first.xTrain.mulInPlace(0);
    first.tTest.mulInPlace(0);
    const second = await loadMnist();
    assert(second.xTrain.max() === 1, "xTrain was changed through the cache");
    assert(second.tTest.max() === 9, "tTest was changed through the cache");
  },
);

Deno.test(
  "loadMnist rejects a testSize outside 1 to 9,999, as splitMnist does",
  timeLimit,
  async () => {
    for (const testSize of [0, 10000, 1.5, -3]) {
      assertThrows(
        () => splitMnist(digits, { testSize }),
        RangeError,
        "testSize",
      );
      const error = await loadMnist({ testSize }).catch((e) => e);
      assert(
        error instanceof RangeError && error.message.includes("testSize"),
        `loadMnist({ testSize: ${testSize} }) gave ${error}`,
      );
    }
  },
);

Deno.test(
  "loadMnist is splitMnist of the package's digits",
  timeLimit,
  async () => {
    const loaded = await loadMnist({ seed: 2, testSize: 10 });
    const split = splitMnist(digits, { seed: 2, testSize: 10 });
    assertClose(loaded.xTest, split.xTest, { rtol: 0, atol: 0 });
    assertEquals(Array.from(loaded.tTest.data), Array.from(split.tTest.data));
  },
);
