import {
  type EpochReport,
  type TrainingHistory,
  trainNetwork,
  TwoLayerNet,
} from "./train.ts";
import {
  assert,
  assertClearError,
  assertClose,
  assertEquals,
  assertNotEquals,
  assertStrictEquals,
  assertUnchanged,
  Rng,
  Tensor,
  timeLimit,
} from "../../lib/testing/mod.ts";
import { spiral } from "../../lib/data/spiral.ts";
import { mnistSample } from "../../lib/data/mnist_sample.ts";

const NAMES = ["W1", "b1", "W2", "b2"] as const;
type Params = TwoLayerNet["params"];

/** 300 spiral points to train on (3 arms) and 90 others to test on. */
function spiralData() {
  const train = spiral({ pointsPerClass: 100, classes: 3, rng: new Rng(0) });
  const test = spiral({ pointsPerClass: 30, classes: 3, rng: new Rng(1) });
  return { xTrain: train.x, tTrain: train.t, xTest: test.x, tTest: test.t };
}

/** 300 rows that are all different (spiral arms share their centre point). */
function distinctRows(): Tensor {
  return Tensor.zeros([300, 2]).map((_, k) =>
    k % 2 ? (k >> 1) % 7 : (k >> 1) / 300
  );
}

function mean(values: number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

function cloneParams(p: Params): Params {
  return {
    W1: p.W1.clone(),
    b1: p.b1.clone(),
    W2: p.W2.clone(),
    b2: p.b2.clone(),
  };
}

/**
 * Fails unless training at least halved the loss (the mean of the last 20
 * iterations against the first 20) and ended with a test accuracy above
 * `minAccuracy`; `setting` says what chance and the test's setting give.
 */
function assertLearned(
  { losses, testAccuracies }: TrainingHistory,
  data: string,
  minAccuracy: number,
  setting: string,
): void {
  const first = mean(losses.slice(0, 20));
  const last = mean(losses.slice(-20));
  assert(
    last < 0.5 * first,
    `${data}: the mean loss of the last 20 iterations is ${last}, of the first 20 ${first}: it should at least halve`,
  );
  const accuracy = testAccuracies.at(-1)!;
  assert(
    accuracy > minAccuracy,
    `${data}: test accuracy after training is ${accuracy}; ${setting}`,
  );
}

/** A TwoLayerNet that records every call of gradient. */
class SpyNet extends TwoLayerNet {
  calls: { x: Tensor; t: Tensor; before: Params; grads: Params }[] = [];

  override gradient(x: Tensor, t: Tensor): Params {
    const before = cloneParams(this.params);
    const grads = super.gradient(x, t);
    this.calls.push({
      x: x.clone(),
      t: t.clone(),
      before,
      grads: cloneParams(grads),
    });
    return grads;
  }

  /**
   * The parameters after each recorded call's update: those the next call
   * saw, and the net's own after the last.
   */
  paramsAfter(): Params[] {
    return [...this.calls.slice(1).map((c) => c.before), this.params];
  }
}

Deno.test("training leaves the data unchanged", timeLimit, () => {
  const data = spiralData();
  assertUnchanged(
    data,
    () =>
      trainNetwork(new TwoLayerNet(2, 10, 3, new Rng(17), 1), data, {
        iterations: 30,
        batchSize: 10,
        learningRate: 0.1,
        rng: new Rng(18),
      }),
    "trainNetwork",
  );
});

Deno.test(
  "a tTrain whose number of rows is not xTrain's is rejected with an Error that names tTrain",
  timeLimit,
  () => {
    const data = spiralData();
    for (const rows of [299, 301]) {
      const tTrain = Tensor.zeros([rows]);
      assertClearError(
        () =>
          trainNetwork(new TwoLayerNet(2, 4, 3, new Rng(20), 1), {
            ...data,
            tTrain,
          }, {
            iterations: 1,
            batchSize: 10,
            learningRate: 0.1,
            rng: new Rng(21),
          }),
        `trainNetwork with xTrain of 300 rows and tTrain of ${rows}`,
        {
          includes: "tTrain",
          says: "name tTrain, whose rows do not match xTrain's",
          fix: "compare the rows of xTrain and tTrain and throw an Error",
        },
      );
    }
  },
);

Deno.test(
  "a batchSize that is not a positive whole number is rejected with an Error that names batchSize",
  timeLimit,
  () => {
    const data = spiralData();
    for (const batchSize of [0, -10, 2.5, NaN]) {
      assertClearError(
        () =>
          trainNetwork(new TwoLayerNet(2, 4, 3, new Rng(22), 1), data, {
            iterations: 1,
            batchSize,
            learningRate: 0.1,
            rng: new Rng(23),
          }),
        `trainNetwork with batchSize ${batchSize}`,
        {
          includes: "batchSize",
          says: "name batchSize",
          fix: "check batchSize yourself and throw an Error that names it",
        },
      );
    }
  },
);

Deno.test(
  "training on the spiral lowers the loss and classifies far better than chance",
  timeLimit,
  () => {
    const data = spiralData();
    const net = new TwoLayerNet(2, 30, 3, new Rng(2), 1);
    const history = trainNetwork(net, data, {
      iterations: 500,
      batchSize: 30,
      learningRate: 1,
      rng: new Rng(3),
    });
    assertLearned(
      history,
      "spiral",
      0.8,
      "chance is 0.33 and this setting reaches over 0.9",
    );
  },
);

Deno.test(
  "training on 1000 MNIST digits lowers the loss and gets most of 200 held-out digits right",
  timeLimit,
  () => {
    // Real digits committed with the katas, in black and white
    // (lib/data/mnist_sample.ts): no download.
    const data = mnistSample({ oneHot: true });
    const net = new TwoLayerNet(784, 20, 10, new Rng(4));
    const history = trainNetwork(net, data, {
      iterations: 150,
      batchSize: 50,
      learningRate: 0.5,
      rng: new Rng(5),
    });
    assertLearned(
      history,
      "MNIST",
      0.75,
      "chance is 0.1 and this setting reaches about 0.9",
    );
  },
);

Deno.test(
  "each iteration subtracts learningRate times the gradient from every parameter, in place",
  timeLimit,
  () => {
    const data = spiralData();
    const net = new SpyNet(2, 8, 3, new Rng(6), 1);
    const objects = { ...net.params };
    const learningRate = 0.3;
    trainNetwork(net, data, {
      iterations: 3,
      batchSize: 10,
      learningRate,
      rng: new Rng(7),
    });
    for (const name of NAMES) {
      assertStrictEquals(
        net.params[name],
        objects[name],
        `net.params.${name} was replaced by another tensor: update it in place (subInPlace)`,
      );
    }
    assertEquals(net.calls.length, 3, "net.gradient calls in 3 iterations");
    const after = net.paramsAfter();
    net.calls.forEach(({ before, grads }, i) => {
      for (const name of NAMES) {
        assertClose(
          after[i][name],
          before[name].sub(grads[name].mul(learningRate)),
          {
            msg:
              `params.${name} after iteration ${
                i + 1
              } with learningRate ${learningRate} ` +
              `(expected params - learningRate * gradient)`,
          },
        );
      }
    });
  },
);

Deno.test(
  "each recorded loss is the loss on that iteration's minibatch after its update",
  timeLimit,
  () => {
    const data = spiralData();
    const net = new SpyNet(2, 8, 3, new Rng(19), 1);
    const { losses } = trainNetwork(net, data, {
      iterations: 3,
      batchSize: 10,
      learningRate: 0.5,
      rng: new Rng(20),
    });
    assertEquals(losses.length, 3, "losses.length after 3 iterations");
    const after = net.paramsAfter();
    const probe = new TwoLayerNet(2, 8, 3, new Rng(0));
    net.calls.forEach(({ x, t, before }, i) => {
      for (const name of NAMES) probe.params[name].assignInPlace(before[name]);
      const lossBefore = probe.loss(x, t);
      for (const name of NAMES) {
        probe.params[name].assignInPlace(after[i][name]);
      }
      const lossAfter = probe.loss(x, t);
      assert(
        Math.abs(lossAfter - lossBefore) > 1e-6,
        "(the setting of this test must change the loss in every iteration)",
      );
      assertClose(losses[i], lossAfter, {
        msg: `losses[${i}]: net.loss(xBatch, tBatch) of iteration ${
          i + 1
        } after the update (before it, the loss was ${lossBefore})`,
      });
    });
  },
);

Deno.test(
  "each minibatch is batchSize rows of the training data drawn anew, with their own labels",
  timeLimit,
  () => {
    const xTrain = distinctRows();
    const tTrain = Tensor.zeros([300]).map((_, i) => i % 3);
    const data = { ...spiralData(), xTrain, tTrain };
    const net = new SpyNet(2, 8, 3, new Rng(8), 1);
    trainNetwork(net, data, {
      iterations: 20,
      batchSize: 10,
      learningRate: 0.1,
      rng: new Rng(9),
    });
    const rowOf = new Map<string, number>();
    for (let i = 0; i < data.xTrain.shape[0]; i++) {
      rowOf.set(`${data.xTrain.get(i, 0)},${data.xTrain.get(i, 1)}`, i);
    }
    const seen = new Set<number>();
    net.calls.forEach(({ x, t }, k) => {
      assertEquals(x.shape, [10, 2], `minibatch ${k + 1}: x shape`);
      assertEquals(t.shape, [10], `minibatch ${k + 1}: t shape`);
      for (let r = 0; r < 10; r++) {
        const row = rowOf.get(`${x.get(r, 0)},${x.get(r, 1)}`);
        assert(
          row !== undefined,
          `minibatch ${k + 1}, row ${r} is not a row of xTrain`,
        );
        assertEquals(
          t.get(r),
          data.tTrain.get(row),
          `minibatch ${
            k + 1
          }, row ${r}: the label is not the one of that row of xTrain`,
        );
        seen.add(row);
      }
    });
    const distinct = new Set(net.calls.map(({ x }) => x.data.join())).size;
    assertEquals(
      distinct,
      20,
      "20 iterations trained on only " + distinct +
        " different minibatch(es): draw a new random minibatch every iteration",
    );
    // 200 draws with replacement from 300 rows hit about 146 different rows.
    assert(
      seen.size > 100,
      `20 minibatches of 10 used only ${seen.size} different rows`,
    );
  },
);

Deno.test(
  "losses has one entry per iteration and the accuracies one per epoch of trainSize / batchSize iterations",
  timeLimit,
  () => {
    const data = spiralData();
    const reports: EpochReport[] = [];
    const history = trainNetwork(
      new TwoLayerNet(2, 8, 3, new Rng(10), 1),
      data,
      {
        iterations: 95,
        batchSize: 20, // 300 / 20 = 15 iterations per epoch: 6 whole epochs
        learningRate: 0.1,
        rng: new Rng(11),
        onEpoch: (report) => reports.push(report),
      },
    );
    assertEquals(
      history.losses.length,
      95,
      "losses.length after 95 iterations",
    );
    assertEquals(
      history.trainAccuracies.length,
      6,
      "trainAccuracies.length after 95 iterations of 15 per epoch",
    );
    assertEquals(
      history.testAccuracies.length,
      6,
      "testAccuracies.length after 95 iterations of 15 per epoch",
    );
    assertEquals(
      reports.map(({ epoch, trainAccuracy, testAccuracy }) => ({
        epoch,
        trainAccuracy,
        testAccuracy,
      })),
      history.trainAccuracies.map((trainAccuracy, e) => ({
        epoch: e + 1,
        trainAccuracy,
        testAccuracy: history.testAccuracies[e],
      })),
      "onEpoch reports: epoch (counting from 1) and the accuracies recorded",
    );
    reports.forEach(({ loss }, e) =>
      assertClose(loss, mean(history.losses.slice(15 * e, 15 * (e + 1))), {
        msg: `onEpoch report ${e + 1}: loss, the mean of that epoch's losses`,
      })
    );
    const small = trainNetwork(new TwoLayerNet(2, 8, 3, new Rng(10), 1), {
      ...data,
      xTrain: data.xTrain.rows([0, 100, 200]),
      tTrain: data.tTrain.rows([0, 100, 200]),
    }, { iterations: 4, batchSize: 10, learningRate: 0.1, rng: new Rng(11) });
    assertEquals(
      small.testAccuracies.length,
      4,
      "with 3 training rows and batchSize 10 an epoch is 1 iteration: testAccuracies.length after 4",
    );
  },
);

Deno.test(
  "an epoch is trainSize / batchSize iterations rounded down when batchSize does not divide trainSize",
  timeLimit,
  () => {
    const reports: EpochReport[] = [];
    const history = trainNetwork(
      new TwoLayerNet(2, 8, 3, new Rng(21), 1),
      spiralData(),
      {
        iterations: 30,
        batchSize: 40, // 300 / 40 = 7.5: an epoch is 7 iterations
        learningRate: 0.1,
        rng: new Rng(22),
        onEpoch: (report) => reports.push(report),
      },
    );
    assertEquals(
      history.trainAccuracies.length,
      4,
      "trainAccuracies.length after 30 iterations with trainSize 300 and batchSize 40 " +
        "(epochs end after iterations 7, 14, 21 and 28)",
    );
    assertEquals(
      reports.map((r) => r.epoch),
      [1, 2, 3, 4],
      "the epochs onEpoch reports with trainSize 300 and batchSize 40",
    );
    reports.forEach(({ loss }, e) =>
      assertClose(loss, mean(history.losses.slice(7 * e, 7 * (e + 1))), {
        msg: `onEpoch report ${
          e + 1
        } with trainSize 300 and batchSize 40: loss, the mean of that epoch's 7 losses`,
      })
    );
  },
);

Deno.test(
  "the accuracies recorded last are the trained net's accuracy on the training and the test data",
  timeLimit,
  () => {
    const data = spiralData();
    const net = new TwoLayerNet(2, 20, 3, new Rng(12), 1);
    const history = trainNetwork(net, data, {
      iterations: 150,
      batchSize: 30,
      learningRate: 0.5,
      rng: new Rng(13),
    });
    const onTrain = net.accuracy(data.xTrain, data.tTrain);
    const onTest = net.accuracy(data.xTest, data.tTest);
    assert(
      onTrain !== onTest,
      "(the setting of this test must give different accuracies)",
    );
    assertEquals(
      history.trainAccuracies.at(-1),
      onTrain,
      "trainAccuracies after the last epoch",
    );
    assertEquals(
      history.testAccuracies.at(-1),
      onTest,
      "testAccuracies after the last epoch: accuracy on xTest and tTest",
    );
  },
);

Deno.test(
  "training is deterministic: the same seeds give the same losses, another seed others",
  timeLimit,
  () => {
    const data = spiralData();
    const run = (seed: number) =>
      trainNetwork(new TwoLayerNet(2, 10, 3, new Rng(14), 1), data, {
        iterations: 30,
        batchSize: 10,
        learningRate: 0.1,
        rng: new Rng(seed),
      }).losses;
    assertEquals(run(15), run(15), "losses of two runs with rng new Rng(15)");
    assertNotEquals(
      run(15),
      run(16),
      "losses with rng new Rng(15) and new Rng(16)",
    );
  },
);

Deno.test(
  "each minibatch is the rows rng.choice(trainSize, batchSize) picks, as the book's np.random.choice",
  timeLimit,
  () => {
    const xTrain = distinctRows();
    const tTrain = Tensor.zeros([300]).map((_, i) => i % 3);
    const net = new SpyNet(2, 8, 3, new Rng(24), 1);
    trainNetwork(net, { ...spiralData(), xTrain, tTrain }, {
      iterations: 3,
      batchSize: 10,
      learningRate: 0.1,
      rng: new Rng(25),
    });
    // The loop takes nothing else from rng, so the draws follow one another.
    const rng = new Rng(25);
    net.calls.forEach(({ x, t }, k) => {
      const rows = rng.choice(300, 10);
      assertClose(x, xTrain.rows(rows), {
        msg: `minibatch ${
          k + 1
        }: xTrain.rows(rng.choice(300, 10)) with rng new Rng(25)`,
      });
      assertClose(t, tTrain.rows(rows), {
        msg: `minibatch ${k + 1}: the labels tTrain.rows(the same indices)`,
      });
    });
  },
);
