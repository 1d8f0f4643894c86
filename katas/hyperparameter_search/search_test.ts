import {
  logUniform,
  randomSearch,
  rankTrials,
  type Settings,
  splitValidation,
  type Trial,
} from "./search.ts";
import {
  assert,
  assertClose,
  assertEquals,
  assertFresh,
  assertNotEquals,
  assertThrows,
  assertUnchanged,
  Rng,
  Tensor,
  tensor,
  timeLimit,
} from "../../lib/testing/mod.ts";
import { mnistSample } from "../../lib/data/mnist_sample.ts";

const BOOK_SPACE = {
  learningRate: [-6, -2] as [number, number],
  weightDecay: [-8, -4] as [number, number],
};

/**
 * `n` training rows whose first column is their id (0 to n-1), each labelled
 * id % 3, and 4 test rows with ids from 100: where a row went can be read off
 * it.
 */
function labelledRows(n: number) {
  const ids = [...Array(n).keys()];
  return {
    xTrain: tensor(ids.map((i) => [i, 10 * i])),
    tTrain: tensor(ids.map((i) => i % 3)),
    xTest: tensor([[100, 1000], [101, 1010], [102, 1020], [103, 1030]]),
    tTest: tensor([1, 2, 0, 1]),
  };
}

/** The ids (first column) of the rows of `x`. */
function idsOf(x: Tensor): number[] {
  return x.slice(null, 0).toArray() as number[];
}

function trial(valAccuracy: number, learningRate: number): Trial {
  return { learningRate, weightDecay: 1e-6, valAccuracy };
}

Deno.test(
  "splitValidation leaves the data unchanged and passes the test set on as it was",
  timeLimit,
  () => {
    const data = labelledRows(10);
    const split = assertUnchanged(
      data,
      () => splitValidation(data, 0.2, new Rng(0)),
      "splitValidation(data, 0.2, rng)",
    );
    assertClose(split.xTest, data.xTest, { msg: "split.xTest" });
    assertClose(split.tTest, data.tTest, { msg: "split.tTest" });
    for (const name of ["xTrain", "tTrain", "xVal", "tVal"] as const) {
      assertFresh(split[name], data, `splitValidation(data, 0.2, rng).${name}`);
    }
  },
);

Deno.test(
  "rankTrials leaves the trials it is given, and their order, as they were",
  timeLimit,
  () => {
    const trials = [trial(0.2, 1e-3), trial(0.9, 1e-2), trial(0.5, 1e-4)];
    const copy = trials.map((t) => ({ ...t }));
    rankTrials(trials, 2);
    assertEquals(trials, copy, "the trials after rankTrials(trials, 2)");
  },
);

Deno.test(
  "splitValidation holds out floor(N · validationRate) rows for validation and keeps the rest for training",
  timeLimit,
  () => {
    for (
      const [n, rate, held] of [
        [10, 0.2, 2],
        [10, 0.25, 2],
        [10, 0.99, 9],
        [10, 0.1, 1],
        [7, 0.5, 3],
      ]
    ) {
      const split = splitValidation(labelledRows(n), rate, new Rng(1));
      const call = `splitValidation(${n} rows, ${rate}, rng)`;
      assertEquals(split.xVal.shape, [held, 2], `${call}.xVal.shape`);
      assertEquals(split.tVal.shape, [held], `${call}.tVal.shape`);
      assertEquals(split.xTrain.shape, [n - held, 2], `${call}.xTrain.shape`);
      assertEquals(split.tTrain.shape, [n - held], `${call}.tTrain.shape`);
      assertEquals(split.xTest.shape, [4, 2], `${call}.xTest.shape`);
    }
  },
);

Deno.test(
  "every training row lands in exactly one of the two sets with its own label, and no test row in either",
  timeLimit,
  () => {
    const data = labelledRows(20);
    const split = splitValidation(data, 0.3, new Rng(2));
    const val = idsOf(split.xVal);
    const train = idsOf(split.xTrain);
    assertEquals(
      [...val, ...train].sort((a, b) => a - b),
      [...Array(20).keys()],
      "the ids of the validation rows and the training rows together, sorted",
    );
    assertEquals(
      split.tVal.toArray(),
      val.map((id) => id % 3),
      "split.tVal against the labels of the validation rows",
    );
    assertEquals(
      split.tTrain.toArray(),
      train.map((id) => id % 3),
      "split.tTrain against the labels of the training rows",
    );
    assertEquals(
      idsOf(split.xVal).map((id) => id * 10),
      split.xVal.slice(null, 1).toArray(),
      "each validation row whole (its second column 10 times its id)",
    );
  },
);

Deno.test(
  "the validation rows are the first floor(N · rate) of rng.permutation(N), the training rows the rest",
  timeLimit,
  () => {
    for (const seed of [3, 4]) {
      const split = splitValidation(labelledRows(12), 0.25, new Rng(seed));
      const order = new Rng(seed).permutation(12);
      assertEquals(
        idsOf(split.xVal),
        order.slice(0, 3),
        `the ids of the validation rows with new Rng(${seed})`,
      );
      assertEquals(
        idsOf(split.xTrain),
        order.slice(3),
        `the ids of the training rows with new Rng(${seed})`,
      );
    }
  },
);

Deno.test(
  "splitValidation splits real MNIST images [N, 1, 28, 28] with one-hot labels, and never touches their test digits",
  timeLimit,
  () => {
    // 1,000 training and 200 test digits, committed with the katas.
    const data = mnistSample({ flatten: false, oneHot: true });
    const split = splitValidation(data, 0.2, new Rng(5));
    assertEquals(split.xVal.shape, [200, 1, 28, 28], "split.xVal.shape");
    assertEquals(split.tVal.shape, [200, 10], "split.tVal.shape");
    assertEquals(split.xTrain.shape, [800, 1, 28, 28], "split.xTrain.shape");
    assertEquals(split.tTrain.shape, [800, 10], "split.tTrain.shape");
    assertClose(split.xTest, data.xTest, { msg: "split.xTest" });
    const order = new Rng(5).permutation(1000);
    assertClose(split.xVal, data.xTrain.rows(order.slice(0, 200)), {
      msg: "split.xVal against rows order[0:200] of xTrain",
    });
    assertClose(split.tTrain, data.tTrain.rows(order.slice(200)), {
      msg: "split.tTrain against rows order[200:] of tTrain",
    });
  },
);

Deno.test(
  "splitValidation rejects a rate that leaves no validation row or no training row, and a tTrain of another length",
  timeLimit,
  () => {
    for (const rate of [0, 0.05, -0.2, 1, 1.5, NaN]) {
      assertThrows(
        () => splitValidation(labelledRows(10), rate, new Rng(0)),
        RangeError,
        "validationRate",
        `splitValidation(10 rows, ${rate}, rng)`,
      );
    }
    assertThrows(
      () => splitValidation(labelledRows(10), 0.05, new Rng(0)),
      RangeError,
      "gives 0 validation rows",
      "splitValidation(10 rows, 0.05, rng): the message says how many rows the rate gives",
    );
    assertThrows(
      () => splitValidation(labelledRows(10), 1, new Rng(0)),
      RangeError,
      "one for training",
      "splitValidation(10 rows, 1, rng): the message says what is missing",
    );
    const data = {
      ...labelledRows(10),
      tTrain: tensor([0, 1, 2, 0, 1, 2, 0, 1, 2]),
    };
    assertThrows(
      () => splitValidation(data, 0.2, new Rng(0)),
      Error,
      "tTrain",
      "splitValidation(xTrain of 10 rows, tTrain of 9, ...)",
    );
  },
);

Deno.test(
  "logUniform is 10 to the power of one uniform draw from rng between the exponents",
  timeLimit,
  () => {
    const rng = new Rng(6);
    const reference = new Rng(6);
    for (const [lo, hi] of [[-6, -2], [-8, -4], [0, 3], [-3, -3]]) {
      const expected = 10 ** reference.uniform(lo, hi);
      assertClose(logUniform(rng, lo, hi), expected, {
        rtol: 1e-12,
        msg: `logUniform(rng, ${lo}, ${hi}), drawn after the ones before it`,
      });
    }
  },
);

Deno.test(
  "logUniform spreads its draws evenly over the powers of ten, never outside the range",
  timeLimit,
  () => {
    const rng = new Rng(7);
    const perDecade = [0, 0, 0, 0];
    for (let i = 0; i < 4000; i++) {
      const value = logUniform(rng, -6, -2);
      assert(
        value >= 1e-6 && value < 1e-2,
        `logUniform(rng, -6, -2) gave ${value}, outside [1e-6, 1e-2)`,
      );
      perDecade[Math.floor(Math.log10(value)) + 6]++;
    }
    // 1000 expected per decade; binomial std about 27, so 150 is > 5 std.
    for (let d = 0; d < 4; d++) {
      assert(
        Math.abs(perDecade[d] - 1000) < 150,
        `logUniform(rng, -6, -2), 4000 draws: ${perDecade[d]} fell in ` +
          `[1e${d - 6}, 1e${d - 5}), expected about 1000 in each decade ` +
          `(counts ${perDecade.join(", ")})`,
      );
    }
  },
);

Deno.test(
  "logUniform rejects exponents that are the wrong way round, NaN or infinite",
  timeLimit,
  () => {
    for (
      const [lo, hi] of [[-2, -6], [NaN, -2], [-6, NaN], [-Infinity, -2], [
        -6,
        Infinity,
      ]]
    ) {
      assertThrows(
        () => logUniform(new Rng(0), lo, hi),
        RangeError,
        "exponents",
        `logUniform(rng, ${lo}, ${hi})`,
      );
    }
    assertThrows(
      () => logUniform(new Rng(0), -2, -6),
      RangeError,
      "[-2, -6]",
      "logUniform(rng, -2, -6): the message shows the exponents given",
    );
  },
);

Deno.test(
  "randomSearch draws a weight decay and then a learning rate per trial, log-uniformly from rng, and evaluates each",
  timeLimit,
  () => {
    const seen: Settings[] = [];
    randomSearch(5, BOOK_SPACE, new Rng(8), (settings) => {
      seen.push({ ...settings });
      return 0.5;
    });
    const reference = new Rng(8);
    const expected = [...Array(5)].map(() => {
      const weightDecay = 10 ** reference.uniform(-8, -4);
      const learningRate = 10 ** reference.uniform(-6, -2);
      return { learningRate, weightDecay };
    });
    assertEquals(
      seen.length,
      5,
      "how often randomSearch(5, ...) called evaluate",
    );
    seen.forEach((settings, i) => {
      assertClose(settings.weightDecay, expected[i].weightDecay, {
        rtol: 1e-12,
        msg: `the weight decay of trial ${i} (drawn first, from 1e-8 to 1e-4)`,
      });
      assertClose(settings.learningRate, expected[i].learningRate, {
        rtol: 1e-12,
        msg:
          `the learning rate of trial ${i} (drawn second, from 1e-6 to 1e-2)`,
      });
    });
  },
);

Deno.test(
  "randomSearch returns the trials in the order run, each with its settings and the accuracy evaluate gave",
  timeLimit,
  () => {
    let calls = 0;
    const accuracies = [0.3, 0.8, 0.1, 0.8];
    const seen: Settings[] = [];
    const trials = randomSearch(4, BOOK_SPACE, new Rng(9), (settings) => {
      seen.push({ ...settings });
      return accuracies[calls++];
    });
    assertEquals(
      trials,
      seen.map((s, i) => ({ ...s, valAccuracy: accuracies[i] })),
      "randomSearch(4, ...) against the settings evaluate saw and what it returned",
    );
  },
);

Deno.test(
  "randomSearch with the same seed gives the same trials, with another seed others",
  timeLimit,
  () => {
    const run = (seed: number) =>
      randomSearch(3, BOOK_SPACE, new Rng(seed), (s) => s.learningRate * 10);
    assertEquals(run(10), run(10), "randomSearch twice with new Rng(10)");
    assertNotEquals(
      run(10),
      run(11),
      "randomSearch with new Rng(10) and new Rng(11)",
    );
  },
);

Deno.test(
  "randomSearch rejects a trial count that is negative or fractional, and 0 trials evaluates nothing",
  timeLimit,
  () => {
    for (const trials of [-1, 2.5, NaN]) {
      assertThrows(
        () => randomSearch(trials, BOOK_SPACE, new Rng(0), () => 1),
        RangeError,
        "trials",
        `randomSearch(${trials}, ...)`,
      );
    }
    let calls = 0;
    const none = randomSearch(0, BOOK_SPACE, new Rng(0), () => calls++);
    assertEquals(none, [], "randomSearch(0, ...)");
    assertEquals(calls, 0, "calls to evaluate by randomSearch(0, ...)");
  },
);

Deno.test(
  "rankTrials puts the highest validation accuracy first and keeps the top ones, all by default",
  timeLimit,
  () => {
    const trials = [
      trial(0.2, 1),
      trial(0.9, 2),
      trial(0.5, 3),
      trial(0.7, 4),
    ];
    const rates = (ranked: Trial[]) => ranked.map((t) => t.learningRate);
    assertEquals(
      rates(rankTrials(trials)),
      [2, 4, 3, 1],
      "rankTrials(trials): the learning rates of the ranked trials",
    );
    assertEquals(rates(rankTrials(trials, 2)), [2, 4], "rankTrials(trials, 2)");
    assertEquals(
      rates(rankTrials(trials, 9)),
      [2, 4, 3, 1],
      "rankTrials(trials, 9)",
    );
    assertEquals(rankTrials(trials, 0), [], "rankTrials(trials, 0)");
    assertEquals(rankTrials(trials)[0], trials[1], "the best trial, whole");
  },
);

Deno.test(
  "rankTrials keeps the run order among ties and ranks a NaN accuracy below every number",
  timeLimit,
  () => {
    const trials = [
      trial(NaN, 1),
      trial(0.5, 2),
      trial(0, 3),
      trial(0.5, 4),
      trial(NaN, 5),
      trial(0.5, 6),
    ];
    assertEquals(
      rankTrials(trials).map((t) => t.learningRate),
      [2, 4, 6, 3, 1, 5],
      "rankTrials(accuracies [NaN, 0.5, 0, 0.5, NaN, 0.5]): the learning rates 1 to 6 in ranked order",
    );
  },
);

Deno.test(
  "rankTrials rejects a top that is negative or fractional",
  timeLimit,
  () => {
    for (const top of [-1, 1.5, NaN]) {
      assertThrows(
        () => rankTrials([trial(0.5, 1)], top),
        RangeError,
        "top",
        `rankTrials(trials, ${top})`,
      );
    }
  },
);
