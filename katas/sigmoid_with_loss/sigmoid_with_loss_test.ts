import { SigmoidWithLoss } from "./sigmoid_with_loss.ts";
import {
  assert,
  assertClearError,
  assertClose,
  assertForwardFirst,
  assertFresh,
  assertGradientsMatch,
  AssertionError,
  assertUnchanged,
  explain,
  numericalGradient,
  Rng,
  Tensor,
  tensor,
  timeLimit,
} from "../../lib/testing/mod.ts";

/** Forward returns a number: a tensor or anything else is reported as such. */
function lossOf(what: string, fn: () => unknown): number {
  const loss = explain(what, fn);
  if (typeof loss !== "number") {
    throw new AssertionError(
      `${what} returned ${String(loss)}, not a number: the loss is one number`,
    );
  }
  return loss;
}

// The book, like the first book's crossEntropyError, adds 1e-7 to each
// probability inside the log; the exact loss differs from that by at most
// 1e-7 / p relative, below 1e-6 for the probabilities here. Either passes.
const LOSS_RTOL = 1e-6;

const x = tensor([2, -1, 0.5, 0]);
const t = tensor([1, 0, 0, 1]);

Deno.test(
  "forward leaves x and t unchanged; backward leaves them unchanged and returns a new tensor",
  timeLimit,
  () => {
    const layer = new SigmoidWithLoss();
    assertUnchanged(
      { x, t },
      () => layer.forward(x, t),
      "SigmoidWithLoss.forward",
    );
    const dx = assertUnchanged(
      { x, t },
      () => explain("SigmoidWithLoss.backward", () => layer.backward()),
      "SigmoidWithLoss.backward",
    );
    assert(
      dx instanceof Tensor,
      "SigmoidWithLoss.backward must return a Tensor",
    );
    assertFresh(dx, { x, t }, "SigmoidWithLoss.backward");
  },
);

Deno.test(
  "backward before any forward throws an error that says forward comes first",
  timeLimit,
  () =>
    assertForwardFirst(
      () => new SigmoidWithLoss().backward(),
      "SigmoidWithLoss.backward() before any forward",
    ),
);

Deno.test(
  "a score of 0 is a probability of 1/2 either way: the loss is log 2",
  timeLimit,
  () => {
    for (const label of [0, 1]) {
      const what = `SigmoidWithLoss.forward([0], [${label}])`;
      const loss = lossOf(
        what,
        () => new SigmoidWithLoss().forward(tensor([0]), tensor([label])),
      );
      assertClose(loss, Math.LN2, { rtol: LOSS_RTOL, msg: what });
    }
  },
);

Deno.test(
  "forward is the mean over the batch of -log of the probability of the right label",
  timeLimit,
  () => {
    // sigmoid(x) = [0.8808, 0.2689, 0.6225, 0.5]; the right labels' are
    // [0.8808, 1 - 0.2689, 1 - 0.6225, 0.5], and
    // -log of them = [0.12693, 0.31326, 0.97408, 0.69315], mean 0.52685.
    const what = "SigmoidWithLoss.forward([2, -1, 0.5, 0], [1, 0, 0, 1])";
    const loss = lossOf(what, () => new SigmoidWithLoss().forward(x, t));
    assertClose(loss, 0.5268534658253119, { rtol: LOSS_RTOL, msg: what });
  },
);

Deno.test(
  "backward is (sigmoid(x) - t) / N, times dout",
  timeLimit,
  () => {
    const layer = new SigmoidWithLoss();
    layer.forward(x, t);
    const what =
      "SigmoidWithLoss.backward after forward([2, -1, 0.5, 0], [1, 0, 0, 1])";
    assertClose(
      explain(what, () => layer.backward()),
      [-0.02980073050552942, 0.06723535534249878, 0.15561483280046365, -0.125],
      { msg: `${what}: dout defaults to 1` },
    );
    assertClose(
      explain(what, () => layer.backward(3)),
      [-0.08940219151658826, 0.20170606602749633, 0.466844498401391, -0.375],
      { msg: `${what.replace("backward", "backward(3)")}` },
    );
  },
);

for (const n of [1, 6]) {
  Deno.test(
    `backward agrees with the numerical gradient of the loss, for a batch of ${n}`,
    timeLimit,
    () => {
      const rng = new Rng(n);
      const scores = Tensor.randn([n], rng);
      const labels = Tensor.uniform([n], rng).gt(0.5);
      const layer = new SigmoidWithLoss();
      const numeric = numericalGradient(
        (s) =>
          lossOf("SigmoidWithLoss.forward", () => layer.forward(s, labels)),
        scores,
      );
      layer.forward(scores, labels);
      const what = `SigmoidWithLoss.backward() for ${n} random scores`;
      assertGradientsMatch(explain(what, () => layer.backward()), numeric, {
        // The 1e-7 inside the log changes the loss's slope by about
        // 1e-7 / p relative; p >= 0.05 for these scores, so 1e-5 holds it
        // and still catches any wrong factor.
        tolerance: 1e-5,
        msg: what,
      });
    },
  );
}

Deno.test(
  "scores of ±1000 give a finite loss and gradient: no NaN, no Infinity",
  timeLimit,
  () => {
    const big = tensor([1000, -1000]);
    for (const [labels, right] of [[[1, 0], true], [[0, 1], false]] as const) {
      const layer = new SigmoidWithLoss();
      const what = `SigmoidWithLoss.forward([1000, -1000], [${labels}])`;
      const loss = lossOf(what, () => layer.forward(big, tensor([...labels])));
      assert(
        Number.isFinite(loss),
        `${what} returned ${loss}, not a finite loss`,
      );
      assert(
        right ? loss < 1e-6 : loss > 10,
        `${what} returned ${loss}: scores this ${
          right ? "right" : "wrong"
        } should give a loss ${right ? "of about 0" : "above 10"}`,
      );
      assertClose(
        explain(
          `SigmoidWithLoss.backward() after ${what}`,
          () => layer.backward(),
        ),
        right ? [0, 0] : [0.5, -0.5],
        { msg: `SigmoidWithLoss.backward() after ${what}` },
      );
    }
  },
);

Deno.test(
  "backward uses the scores and labels of the most recent forward",
  timeLimit,
  () => {
    const layer = new SigmoidWithLoss();
    layer.forward(tensor([5, 5, 5]), tensor([0, 0, 0]));
    layer.forward(tensor([0, 0]), tensor([1, 0]));
    assertClose(
      explain("SigmoidWithLoss.backward", () => layer.backward()),
      [-0.25, 0.25],
      {
        msg:
          "SigmoidWithLoss.backward() after forward([5, 5, 5], [0, 0, 0]) then forward([0, 0], [1, 0])",
      },
    );
  },
);

Deno.test(
  "a label other than 0 or 1 is refused with an error that names it",
  timeLimit,
  () => {
    for (const label of [2, -1, 0.5]) {
      assertClearError(
        () =>
          new SigmoidWithLoss().forward(tensor([0.3, 0.1]), tensor([1, label])),
        `SigmoidWithLoss.forward([0.3, 0.1], [1, ${label}])`,
        {
          includes: String(label),
          says: `name the label ${label}`,
          fix: "let the cross-entropy of the first book check the labels, " +
            "or check them yourself",
        },
      );
    }
  },
);
