import { crossEntropyError, softmax } from "./softmax_cross_entropy.ts";
import {
  assert,
  assertClose,
  assertFresh,
  assertMatch,
  assertStrictEquals,
  assertStringIncludes,
  assertThrows,
  assertUnchanged,
  Rng,
  Tensor,
  tensor,
  timeLimit,
} from "../../lib/testing/mod.ts";

// Tolerances: rtol 1e-12 where the expected value is the same float64
// arithmetic up to the order of the operations, a few roundings of 1e-16
// each (a shifted input such as a + 123 carries a rounding of about 1e-14,
// which exp passes on as a relative error of the same size); rtol 1e-9
// against the book's losses, printed to about 15 digits; 1e-15 where the
// answer (0.5) is exact. The mistakes the spec must catch are off by 1e-7
// (the delta left out) or far more.

// The book's example outputs (4.2.2): the correct class is 2; `yRight` puts
// 0.6 on it, `yWrong` puts 0.6 on class 7 and only 0.1 on class 2.
const yRight = [0.1, 0.05, 0.6, 0.0, 0.05, 0.1, 0.0, 0.1, 0.0, 0.0];
const yWrong = [0.1, 0.05, 0.1, 0.0, 0.05, 0.1, 0.0, 0.6, 0.0, 0.0];
const tTwo = [0, 0, 1, 0, 0, 0, 0, 0, 0, 0];
// The book prints 0.51082545709933802 and 2.3025840929945458.
const lossRight = 0.510825457099338;
const lossWrong = 2.302584092994546;
// -log(0 + 1e-7): the loss of a zero probability on the correct class.
const lossZero = 16.11809565095832;

/** One-hot rows for `labels` with `classes` columns. */
function oneHot(labels: number[], classes: number): Tensor {
  return tensor(
    labels.map((k) =>
      Array.from({ length: classes }, (_, j) => j === k ? 1 : 0)
    ),
  );
}

/** Random rows that sum to 1, each with one probability of 0 or more. */
function randomProbabilities(n: number, c: number, rng: Rng): Tensor {
  const e = Tensor.uniform([n, c], rng, 0.05, 1);
  return e.div(e.sum(1, true));
}

// ----------------------------------------------------------------- protocol

// First, because a function that writes into its caller's tensors breaks
// every later call, whatever values it returns.

Deno.test(
  "softmax leaves its input a unchanged and returns a new tensor",
  timeLimit,
  () => {
    for (const a of [tensor([0.3, 2.9, 4.0]), tensor([[1, 2, 3], [0, 0, 5]])]) {
      const y = assertUnchanged({ a }, () => softmax(a), "softmax");
      assertFresh(y, { a }, "softmax");
    }
  },
);

Deno.test(
  "crossEntropyError leaves y and t unchanged",
  timeLimit,
  () => {
    const y = tensor([yRight, yWrong]);
    for (const t of [tensor([2, 7]), tensor([tTwo, tTwo])]) {
      assertUnchanged(
        { y, t },
        () => crossEntropyError(y, t),
        "crossEntropyError",
      );
    }
  },
);

// ------------------------------------------------------------------ softmax

Deno.test(
  "softmax([0.3, 2.9, 4.0]) is [0.01821127, 0.24519181, 0.73659691] (book 3.5.1)",
  timeLimit,
  () => {
    const y = softmax(tensor([0.3, 2.9, 4.0]));
    // The book prints 8 decimals, so it is within half a unit of the 8th.
    assertClose(y, [0.01821127, 0.24519181, 0.73659691], {
      rtol: 0,
      atol: 5e-9,
      msg: "softmax([0.3, 2.9, 4.0]) against the book's printout",
    });
    assertClose(y, [
      0.018211273295547534,
      0.2451918129350739,
      0.7365969137693785,
    ], {
      rtol: 1e-12,
      msg: "softmax([0.3, 2.9, 4.0]) to float64 precision",
    });
  },
);

Deno.test(
  "softmax of large inputs gives no NaN: softmax([1010, 1000, 990]) (book 3.5.2) and softmax([1000, 1000]) = [0.5, 0.5]",
  timeLimit,
  () => {
    // The book's values after subtracting the maximum 1010: [1, e^-10, e^-20]
    // divided by their sum.
    const s = 1 + Math.exp(-10) + Math.exp(-20);
    assertClose(
      softmax(tensor([1010, 1000, 990])),
      [1 / s, Math.exp(-10) / s, Math.exp(-20) / s],
      { rtol: 1e-12, msg: "softmax([1010, 1000, 990])" },
    );
    assertClose(softmax(tensor([1000, 1000])), [0.5, 0.5], {
      rtol: 1e-15,
      msg: "softmax([1000, 1000])",
    });
    assertClose(softmax(tensor([-1000, -1000])), [0.5, 0.5], {
      rtol: 1e-15,
      msg: "softmax([-1000, -1000])",
    });
  },
);

Deno.test(
  "softmax of a row spanning more than 709, such as [1000, 0], gives [1, 0] without NaN",
  timeLimit,
  () => {
    // exp(-1000) and exp(-2000) underflow to exactly 0, so these are the
    // float64 answers; exp(1000) overflows, so an exponent above 709 anywhere
    // (the minimum or the mean subtracted instead of the maximum) gives NaN.
    const cases: [number[][], number[][]][] = [
      [[[1000, 0]], [[1, 0]]],
      [[[0, 1000]], [[0, 1]]],
      [[[-1000, 0], [2000, 0]], [[0, 1], [1, 0]]],
      [[[2000, 0, -2000]], [[1, 0, 0]]],
    ];
    for (const [a, expected] of cases) {
      assertClose(softmax(tensor(a)), expected, {
        rtol: 1e-15,
        msg: `softmax(${JSON.stringify(a)})`,
      });
    }
  },
);

Deno.test(
  "softmax of a 2-D batch works row by row: [[1000, 1000], [0, 1]] -> [[0.5, 0.5], [1/(1+e), e/(1+e)]]",
  timeLimit,
  () => {
    assertClose(
      softmax(tensor([[1000, 1000], [0, 1]])),
      [[0.5, 0.5], [1 / (1 + Math.E), Math.E / (1 + Math.E)]],
      { rtol: 1e-12, msg: "softmax([[1000, 1000], [0, 1]])" },
    );
  },
);

Deno.test(
  "each row of a batch gives what it gives alone, even when the rows differ in scale by thousands",
  timeLimit,
  () => {
    const rng = new Rng(11);
    const offsets = [0, 2000, -800, 500, 1e-3];
    const rows = offsets.map((o) => Tensor.randn([4], rng, 3).add(o));
    const batch = tensor(rows.map((r) => r.toArray() as number[]));
    const y = softmax(batch);
    rows.forEach((row, i) => {
      assertClose(y.rows([i]).reshape(4), softmax(row), {
        rtol: 1e-12,
        msg: `row ${i} (offset ${
          offsets[i]
        }) of softmax(batch) against softmax(row)`,
      });
    });
  },
);

Deno.test(
  "softmax outputs lie in [0, 1] and each row sums to 1",
  timeLimit,
  () => {
    const rng = new Rng(12);
    const a = Tensor.randn([6, 10], rng, 5);
    const y = softmax(a);
    for (let i = 0; i < y.size; i++) {
      assert(
        y.data[i] >= 0 && y.data[i] <= 1,
        `softmax of a random [6, 10] batch: element ${i} is ${y.data[i]}, ` +
          "outside [0, 1]",
      );
    }
    assertClose(y.sum(1), Tensor.ones([6]), {
      rtol: 1e-12,
      msg: "the row sums of softmax of a random [6, 10] batch",
    });
  },
);

Deno.test(
  "adding a constant to a row does not change its softmax (book 3.5.2)",
  timeLimit,
  () => {
    const a = tensor([[0.3, 2.9, 4.0], [-1, 0, 1]]);
    const shifted = a.add(tensor([[-4.0], [123]]));
    assertClose(softmax(shifted), softmax(a), {
      rtol: 1e-12,
      msg: "softmax(a + [[-4], [123]]) against softmax(a)",
    });
  },
);

Deno.test(
  "softmax keeps the shape: one sample [10], a batch of 1 [1, 10] and a batch of 5 [5, 10]",
  timeLimit,
  () => {
    const rng = new Rng(13);
    const a = Tensor.randn([5, 10], rng);
    const expected = softmax(a);
    assertClose(
      softmax(a.rows([2]).reshape(10)),
      expected.rows([2]).reshape(10),
      {
        rtol: 1e-12,
        msg: "softmax of one sample of shape [10]",
      },
    );
    assertClose(softmax(a.rows([2])), expected.rows([2]), {
      rtol: 1e-12,
      msg: "softmax of a batch of 1, shape [1, 10]",
    });
    assertStrictEquals(
      expected.shape.join(),
      "5,10",
      "softmax of shape [5, 10]",
    );
  },
);

// -------------------------------------------------------- cross-entropy

Deno.test(
  "crossEntropyError with a one-hot t gives 0.510825457 when y is right and 2.302584092 when wrong (book 4.2.2)",
  timeLimit,
  () => {
    const t = tensor(tTwo);
    assertClose(crossEntropyError(tensor(yRight), t), lossRight, {
      rtol: 1e-9,
      msg: "crossEntropyError(yRight, one-hot 2) (book 4.2.2)",
    });
    assertClose(crossEntropyError(tensor(yWrong), t), lossWrong, {
      rtol: 1e-9,
      msg: "crossEntropyError(yWrong, one-hot 2) (book 4.2.2)",
    });
  },
);

Deno.test(
  "crossEntropyError with a label gives the same as with the one-hot target (book 4.2.4)",
  timeLimit,
  () => {
    for (
      const [t, what] of [[tensor([2]), "[2]"], [
        tensor(2),
        "2 (shape [])",
      ]] as const
    ) {
      assertClose(crossEntropyError(tensor(yRight), t), lossRight, {
        rtol: 1e-9,
        msg: `crossEntropyError(yRight, label ${what})`,
      });
      assertClose(crossEntropyError(tensor(yWrong), t), lossWrong, {
        rtol: 1e-9,
        msg: `crossEntropyError(yWrong, label ${what})`,
      });
    }
  },
);

Deno.test(
  "crossEntropyError returns a plain number",
  timeLimit,
  () => {
    const loss = crossEntropyError(tensor(yRight), tensor(tTwo));
    assertStrictEquals(
      typeof loss,
      "number",
      "crossEntropyError should return a number, not a Tensor",
    );
  },
);

Deno.test(
  "a 1-D sample is a batch of 1: y [10] gives the same as y [1, 10]",
  timeLimit,
  () => {
    const y = tensor([yWrong]);
    assertClose(crossEntropyError(y, tensor([2])), lossWrong, {
      rtol: 1e-9,
      msg: "crossEntropyError(y of shape [1, 10], labels [2])",
    });
    assertClose(crossEntropyError(y, tensor([tTwo])), lossWrong, {
      rtol: 1e-9,
      msg: "crossEntropyError(y of shape [1, 10], one-hot of shape [1, 10])",
    });
  },
);

Deno.test(
  "the error of a batch is the mean, not the sum, of its samples' errors",
  timeLimit,
  () => {
    const y = tensor([yRight, yWrong]);
    const mean = (lossRight + lossWrong) / 2;
    assertClose(crossEntropyError(y, tensor([2, 2])), mean, {
      rtol: 1e-9,
      msg: "crossEntropyError([yRight, yWrong], labels [2, 2])",
    });
    assertClose(crossEntropyError(y, tensor([tTwo, tTwo])), mean, {
      rtol: 1e-9,
      msg: "crossEntropyError([yRight, yWrong], one-hot [2, 2])",
    });
  },
);

Deno.test(
  "on a random batch of 6 the error is the mean of -log(y[i, t_i] + 1e-7), with labels or one-hot",
  timeLimit,
  () => {
    const rng = new Rng(21);
    const y = randomProbabilities(6, 4, rng);
    const labels = [3, 0, 1, 1, 2, 0];
    const expected = -labels.reduce(
      (acc, k, i) => acc + Math.log(y.get(i, k) + 1e-7),
      0,
    ) / labels.length;
    assertClose(crossEntropyError(y, tensor(labels)), expected, {
      rtol: 1e-12,
      msg: `crossEntropyError(random y [6, 4], labels [${labels}])`,
    });
    assertClose(crossEntropyError(y, oneHot(labels, 4)), expected, {
      rtol: 1e-12,
      msg: `crossEntropyError(random y [6, 4], one-hot of [${labels}])`,
    });
  },
);

Deno.test(
  "a zero probability on the correct class gives -log(1e-7) ≈ 16.118, not Infinity",
  timeLimit,
  () => {
    const y = tensor([0, 1, 0]);
    assertClose(crossEntropyError(y, tensor([0])), lossZero, {
      rtol: 1e-12,
      msg: "crossEntropyError([0, 1, 0], label 0)",
    });
    assertClose(crossEntropyError(y, tensor([1, 0, 0])), lossZero, {
      rtol: 1e-12,
      msg: "crossEntropyError([0, 1, 0], one-hot [1, 0, 0])",
    });
    const batch = tensor([[0, 1, 0], [0, 1, 0]]);
    // Sample 1 puts 1 on its class: -log(1 + 1e-7), about -1e-7.
    const mean = (lossZero - Math.log(1 + 1e-7)) / 2;
    assertClose(crossEntropyError(batch, tensor([0, 1])), mean, {
      rtol: 1e-9,
      msg: "crossEntropyError([[0, 1, 0], [0, 1, 0]], labels [0, 1])",
    });
  },
);

/**
 * Fails unless `message` gives `shape`, written [2, 3], (2, 3), 2,3 or 2x3.
 */
function assertGivesShape(message: string, shape: number[], call: string) {
  const dims = shape.map(String).join("\\s*(?:,|x|×)\\s*");
  assertMatch(
    message,
    new RegExp(`(?<![\\d.])${dims}(?![\\d.])`),
    `${call} threw "${message}", which does not give the shape [${shape}]`,
  );
}

Deno.test(
  "a label that is not a class index 0..C-1 throws a RangeError naming it and the range",
  timeLimit,
  () => {
    const y = tensor([[0.2, 0.3, 0.5], [0.1, 0.1, 0.8]]);
    for (const bad of [3, -1, 1.5, NaN]) {
      // The bad label first and last, so that no sample goes unchecked.
      for (const labels of [[bad, 0], [0, bad]]) {
        const call = `crossEntropyError(y of shape [2, 3], labels [${labels}])`;
        const error = assertThrows(
          () => crossEntropyError(y, tensor(labels)),
          RangeError,
          undefined,
          call,
        );
        assertStringIncludes(
          error.message,
          String(bad),
          `${call} threw "${error.message}", which does not name the label`,
        );
        assertStringIncludes(
          error.message,
          "0..2",
          `${call} threw "${error.message}", which does not give the class ` +
            "indices 0..2",
        );
      }
    }
  },
);

Deno.test(
  "a t that is neither labels of shape [N] nor one-hot of the shape of y throws a RangeError naming t and giving both shapes",
  timeLimit,
  () => {
    const y = tensor([[0.2, 0.3, 0.5], [0.1, 0.1, 0.8]]);
    const bad: [number[] | number[][], number[], string][] = [
      [[0, 1, 2], [3], "labels of shape [3]"],
      [[[0, 0, 1, 0], [1, 0, 0, 0]], [2, 4], "one-hot of shape [2, 4]"],
      [[[2], [1]], [2, 1], "labels of shape [2, 1]"],
    ];
    for (const [t, shape, what] of bad) {
      const call = `crossEntropyError(y of shape [2, 3], ${what})`;
      const error = assertThrows(
        () => crossEntropyError(y, tensor(t)),
        RangeError,
        undefined,
        call,
      );
      assertMatch(
        error.message,
        /\bt\b/,
        `${call} threw "${error.message}", which does not say that t is wrong`,
      );
      assertGivesShape(error.message, shape, call);
      assertGivesShape(error.message, [2, 3], call);
    }
    // A single sample takes one label (or a one-hot row), not two.
    const call = "crossEntropyError(y of shape [3], labels of shape [2])";
    const error = assertThrows(
      () => crossEntropyError(tensor([0.2, 0.3, 0.5]), tensor([0, 1])),
      RangeError,
      undefined,
      call,
    );
    assertGivesShape(error.message, [2], call);
  },
);

Deno.test(
  "a y that is neither 1-D nor 2-D throws a RangeError giving its shape",
  timeLimit,
  () => {
    const y = Tensor.full([2, 1, 3], 1 / 3);
    const cases: [Tensor, string][] = [
      [tensor([0, 2]), "labels of shape [2]"],
      [Tensor.full([2, 1, 3], 1), "t of the same shape"],
    ];
    for (const [t, what] of cases) {
      const call = `crossEntropyError(y of shape [2, 1, 3], ${what})`;
      const error = assertThrows(
        () => crossEntropyError(y, t),
        RangeError,
        undefined,
        call,
      );
      assertGivesShape(error.message, [2, 1, 3], call);
    }
  },
);
