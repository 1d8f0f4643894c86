import { NegativeSamplingLoss, UnigramSampler } from "./negative_sampling.ts";
import {
  assert,
  assertClearError,
  assertClose,
  assertEquals,
  assertForwardFirst,
  assertFresh,
  assertGradientsMatch,
  assertStringIncludes,
  assertUnchanged,
  explain,
  numericalGradient,
  Rng,
  Tensor,
  tensor,
  timeLimit,
} from "../../lib/testing/mod.ts";

/** The book's "you say goodbye and i say hello .": "say" (1) twice, 7 words. */
const CORPUS = [0, 1, 2, 3, 4, 1, 5, 6];

/**
 * The negatives the sampler must draw, computed here independently: for each
 * target in turn, one `rng.choice(V, sampleSize, { replace: false, p })` with
 * p ∝ count ** power over the words other than the target.
 */
function expectedNegatives(
  corpus: number[],
  power: number,
  sampleSize: number,
  rng: Rng,
  targets: number[],
): number[][] {
  const counts: number[] = Array(Math.max(...corpus) + 1).fill(0);
  for (const id of corpus) counts[id]++;
  return targets.map((t) => {
    const weights = counts.map((c, id) => (id === t ? 0 : c ** power));
    const total = weights.reduce((a, b) => a + b);
    return rng.choice(counts.length, sampleSize, {
      replace: false,
      p: weights.map((w) => w / total),
    });
  });
}

/** log(1 + e^z), computed without overflow. */
function softplus(z: number): number {
  return Math.log1p(Math.exp(-Math.abs(z))) + Math.max(z, 0);
}

/**
 * The negative-sampling loss computed here from its definition: the mean over
 * the batch of -log σ(right word's score), plus, for each column of
 * negatives, the mean of -log(1 - σ(its score)).
 */
function expectedLoss(
  W: Tensor,
  h: Tensor,
  target: number[],
  negatives: number[][],
): number {
  const score = (i: number, id: number) =>
    h.rows([i]).mul(W.rows([id])).sum() as number;
  const n = target.length;
  let loss = target.reduce((sum, t, i) => sum + softplus(-score(i, t)), 0) / n;
  for (let k = 0; k < negatives[0].length; k++) {
    loss += negatives.reduce((sum, row, i) =>
      sum + softplus(score(i, row[k])), 0) /
      n;
  }
  return loss;
}

// The book's cross-entropy adds 1e-7 inside each log; that moves the loss by
// at most 1e-7 / p per term, well below 1e-5 relative for these scores.
const LOSS_RTOL = 1e-5;

// ------------------------------------------------------------ UnigramSampler

Deno.test(
  "UnigramSampler.wordP is each word's count to the power, normalised: 0.75 lifts the rare words (book 4.2.6)",
  timeLimit,
  () => {
    // "say" occurs twice, the others once: 2^0.75 = 1.6818 against 1, over
    // a total of 6 + 1.6818.
    const sampler = new UnigramSampler(CORPUS, 0.75, 2, new Rng(1));
    assertClose(sampler.wordP, [
      0.13017794440232827,
      0.2189323335860304,
      0.13017794440232827,
      0.13017794440232827,
      0.13017794440232827,
      0.13017794440232827,
      0.13017794440232827,
    ], { msg: "new UnigramSampler(you say goodbye ..., 0.75, 2, rng).wordP" });
    assertClose(
      new UnigramSampler(CORPUS, 1, 2, new Rng(1)).wordP,
      [0.125, 0.25, 0.125, 0.125, 0.125, 0.125, 0.125],
      { msg: "new UnigramSampler(corpus, 1, 2, rng).wordP: plain frequencies" },
    );
    assertClose(
      new UnigramSampler(CORPUS, 0, 2, new Rng(1)).wordP,
      Tensor.full([7], 1 / 7),
      { msg: "new UnigramSampler(corpus, 0, 2, rng).wordP: every word alike" },
    );
  },
);

Deno.test(
  "getNegativeSample draws, per target, sampleSize different words other than the target, with rng.choice from wordP",
  timeLimit,
  () => {
    const targets = [1, 0, 6, 1, 3];
    const sampler = new UnigramSampler(CORPUS, 0.75, 3, new Rng(7));
    const what =
      "UnigramSampler(corpus, 0.75, 3, new Rng(7)).getNegativeSample([1, 0, 6, 1, 3])";
    const got = explain(what, () => sampler.getNegativeSample(targets));
    assertEquals(
      targets,
      [1, 0, 6, 1, 3],
      `${what} changed its list of targets`,
    );
    const expected = expectedNegatives(CORPUS, 0.75, 3, new Rng(7), targets);
    assertEquals(
      got,
      expected,
      `${what}: expected, for each target in turn, rng.choice(7, 3, ` +
        `{ replace: false, p }) with p = wordP with the target's set to 0, ` +
        `renormalised`,
    );
    got.forEach((row, i) =>
      assert(
        !row.includes(targets[i]) && new Set(row).size === row.length,
        `${what}: row ${i}, [${row}], must hold ${row.length} different words, none of them the target ${
          targets[i]
        }`,
      )
    );
  },
);

Deno.test(
  "each call draws on from the same generator: a second call gives the next draws",
  timeLimit,
  () => {
    const sampler = new UnigramSampler(CORPUS, 0.75, 2, new Rng(8));
    const first = sampler.getNegativeSample([2, 4]);
    const second = sampler.getNegativeSample([5]);
    assertEquals(
      [...first, ...second],
      expectedNegatives(CORPUS, 0.75, 2, new Rng(8), [2, 4, 5]),
      "getNegativeSample([2, 4]) then getNegativeSample([5]) from new Rng(8)",
    );
  },
);

Deno.test(
  "with sampleSize V - 1 every other word is drawn, and sampleSize 1 draws one",
  timeLimit,
  () => {
    const all = new UnigramSampler(CORPUS, 0.75, 6, new Rng(9))
      .getNegativeSample([0]);
    assertEquals(
      [...all[0]].sort(),
      [1, 2, 3, 4, 5, 6],
      "UnigramSampler(corpus of 7 words, 0.75, 6, rng).getNegativeSample([0])",
    );
    const one = new UnigramSampler(CORPUS, 0.75, 1, new Rng(10))
      .getNegativeSample([0, 1]);
    assertEquals(
      one,
      expectedNegatives(CORPUS, 0.75, 1, new Rng(10), [0, 1]),
      "UnigramSampler(corpus, 0.75, 1, new Rng(10)).getNegativeSample([0, 1])",
    );
  },
);

Deno.test(
  "a sampleSize that is not a whole number from 1 to V - 1 is refused with an error naming sampleSize",
  timeLimit,
  () => {
    for (const size of [0, 7, 8, 2.5]) {
      assertClearError(
        () => new UnigramSampler(CORPUS, 0.75, size, new Rng(11)),
        `new UnigramSampler(corpus of 7 words, 0.75, ${size}, rng)`,
        {
          includes: "sampleSize",
          says: "name sampleSize",
          fix: "check sampleSize in the constructor and throw an Error",
        },
      );
    }
  },
);

Deno.test(
  "a target that is not a word id is refused with an error naming the target",
  timeLimit,
  () => {
    const sampler = new UnigramSampler(CORPUS, 0.75, 2, new Rng(12));
    // -1 would quietly zero the last word's probability, as numpy's p[-1].
    for (const id of [7, -1, 1.5]) {
      const what = `UnigramSampler.getNegativeSample([0, ${id}]) for 7 words`;
      const error = assertClearError(
        () => sampler.getNegativeSample([0, id]),
        what,
        {
          includes: String(id),
          says: `name the target ${id}`,
          fix: "check each target and throw an Error that names it",
        },
      );
      assertStringIncludes(
        error.message,
        "target",
        `${what}: the error should say that the target is wrong`,
      );
    }
  },
);

// ------------------------------------------------------ NegativeSamplingLoss

/** Three words of two values and one hidden row: the negatives are forced. */
function handCase() {
  const W = tensor([[1, 0], [0, 1], [1, 1]]);
  const h = tensor([[1, 2]]);
  return {
    W,
    h,
    layer: new NegativeSamplingLoss(W, [0, 1, 2], new Rng(13), 0.75, 2),
  };
}

/** A random case on the book's corpus, with a fixed seed for the negatives. */
function randomCase(n: number, seed: number) {
  const rng = new Rng(seed);
  const W = Tensor.randn([7, 3], rng, 0.5);
  const h = Tensor.randn([n, 3], rng, 0.5);
  const target = Array.from({ length: n }, () => rng.int(7));
  const make = () =>
    new NegativeSamplingLoss(W, CORPUS, new Rng(seed), 0.75, 4);
  return { W, h, target, make };
}

Deno.test(
  "NegativeSamplingLoss: params holds W itself and grads zeros in its shape",
  timeLimit,
  () => {
    const { W, layer } = handCase();
    assert(
      layer.params.W === W,
      "new NegativeSamplingLoss(W, ...): params.W must be the very tensor W",
    );
    assertClose(layer.grads.W, Tensor.zeros([3, 2]), {
      msg: "new NegativeSamplingLoss(W, ...).grads.W before any backward",
    });
    assertFresh(
      layer.grads.W,
      { W },
      "new NegativeSamplingLoss(W, ...).grads.W",
    );
  },
);

Deno.test(
  "forward leaves h, W and the targets unchanged; backward returns a new tensor",
  timeLimit,
  () => {
    const { W, h, target, make } = randomCase(3, 14);
    const layer = make();
    const given = [...target];
    assertUnchanged(
      { h, W },
      () => layer.forward(h, given),
      "NegativeSamplingLoss.forward",
    );
    assertEquals(
      given,
      target,
      "NegativeSamplingLoss.forward changed its list of targets",
    );
    const dh = explain("NegativeSamplingLoss.backward", () => layer.backward());
    assertFresh(dh, { h, W }, "NegativeSamplingLoss.backward");
  },
);

Deno.test(
  "backward before any forward throws an error that says forward comes first",
  timeLimit,
  () =>
    assertForwardFirst(
      () => handCase().layer.backward(),
      "NegativeSamplingLoss.backward() before any forward",
    ),
);

Deno.test(
  "with 3 words and 2 negatives the wrong words are forced: the loss, dh and grads.W by hand",
  timeLimit,
  () => {
    const { h, layer } = handCase();
    // Scores h·W[w]: 1 for the target 0, and 2 and 3 for the negatives 1, 2.
    // loss = -log σ(1) - log(1 - σ(2)) - log(1 - σ(3)).
    const what =
      "NegativeSamplingLoss(W = [[1, 0], [0, 1], [1, 1]], 2 negatives).forward([[1, 2]], [0])";
    const loss = explain(what, () => layer.forward(h, [0]));
    assertClose(loss, 5.488777050134938, { rtol: 1e-6, msg: what });
    const dh = explain(`backward() after ${what}`, () => layer.backward());
    // dh = (σ(1) - 1)·W[0] + σ(2)·W[1] + σ(3)·W[2].
    assertClose(dh, [[0.6836327054524383, 1.8333712048003157]], {
      msg: `backward() after ${what}: dh`,
    });
    // Row w of grads.W is (σ(score) - label)·h for the word w.
    assertClose(layer.grads.W, [
      [-0.2689414213699951, -0.5378828427399902],
      [0.8807970779778823, 1.7615941559557646],
      [0.9525741268224334, 1.9051482536448667],
    ], { msg: `backward() after ${what}: grads.W` });
  },
);

Deno.test(
  "forward draws the negatives with its sampler and sums the right word's loss and each column of negatives' loss",
  timeLimit,
  () => {
    const { W, h, target, make } = randomCase(4, 15);
    const negatives = expectedNegatives(CORPUS, 0.75, 4, new Rng(15), target);
    const what =
      `NegativeSamplingLoss(W, corpus, new Rng(15), 0.75, 4).forward(h, [${target}])`;
    assertClose(
      explain(what, () => make().forward(h, target)),
      expectedLoss(W, h, target, negatives),
      {
        rtol: LOSS_RTOL,
        msg: `${what}, with the negatives [${negatives.map((r) => `[${r}]`)}]`,
      },
    );
  },
);

Deno.test(
  "each forward draws new negatives, the next ones of the same generator",
  timeLimit,
  () => {
    const { W, h, target, make } = randomCase(2, 16);
    const layer = make();
    const negatives = expectedNegatives(CORPUS, 0.75, 4, new Rng(16), [
      ...target,
      ...target,
    ]);
    explain("NegativeSamplingLoss.forward", () => layer.forward(h, target));
    const what = "the second NegativeSamplingLoss.forward(h, target)";
    assertClose(
      explain(what, () => layer.forward(h, target)),
      expectedLoss(W, h, target, negatives.slice(2)),
      {
        rtol: LOSS_RTOL,
        msg: `${what}: its negatives are the next draws, [${
          negatives.slice(2).map((r) => `[${r}]`)
        }]`,
      },
    );
  },
);

Deno.test(
  "the defaults are power 0.75 and 5 negatives per target",
  timeLimit,
  () => {
    const W = Tensor.zeros([7, 2]);
    const layer = new NegativeSamplingLoss(W, CORPUS, new Rng(17));
    assertClose(
      layer.sampler.wordP,
      new UnigramSampler(CORPUS, 0.75, 5, new Rng(0)).wordP,
      {
        msg:
          "new NegativeSamplingLoss(W, corpus, rng).sampler.wordP: power 0.75",
      },
    );
    // Every score is 0, so every term is log 2: one for the target, 5 more.
    assertClose(layer.forward(Tensor.ones([1, 2]), [3]), 6 * Math.LN2, {
      rtol: 1e-6,
      msg:
        "new NegativeSamplingLoss(zeros [7, 2], corpus, rng).forward(ones [1, 2], [3]): 6 log 2",
    });
  },
);

for (const n of [1, 5]) {
  Deno.test(
    `backward agrees with numerical gradients for dh and grads.W, for a batch of ${n}`,
    timeLimit,
    () => {
      const { W, h, target, make } = randomCase(n, 20 + n);
      // A new layer with the same seed for every evaluation: the same
      // negatives each time, so the loss is one fixed function of h and W.
      const loss = () => make().forward(h, target);
      const numericH = numericalGradient(loss, h);
      const numericW = numericalGradient(loss, W);
      const layer = make();
      layer.forward(h, target);
      const what =
        `NegativeSamplingLoss.backward() for a batch of ${n}, 4 negatives each`;
      const dh = explain(what, () => layer.backward());
      // The 1e-7 inside the book's log bends the loss's slope by about
      // 1e-7 / p relative; 1e-5 holds it and still catches any wrong term.
      assertGradientsMatch(dh, numericH, {
        tolerance: 1e-5,
        msg: `${what}: dh`,
      });
      assertGradientsMatch(layer.grads.W, numericW, {
        tolerance: 1e-5,
        msg:
          `${what}: grads.W, the sum over the target's and every negative's layer`,
      });
    },
  );
}

Deno.test(
  "backward scales by dout",
  timeLimit,
  () => {
    const { h, target, make } = randomCase(3, 18);
    const once = make();
    once.forward(h, target);
    const dh1 = explain(
      "NegativeSamplingLoss.backward()",
      () => once.backward(),
    );
    const dW1 = once.grads.W.clone();
    const twice = make();
    twice.forward(h, target);
    const dh2 = explain(
      "NegativeSamplingLoss.backward(2)",
      () => twice.backward(2),
    );
    assertClose(dh2, dh1.mul(2), {
      msg: "NegativeSamplingLoss.backward(2): dh",
    });
    assertClose(twice.grads.W, dW1.mul(2), {
      msg: "NegativeSamplingLoss.backward(2): grads.W",
    });
  },
);

Deno.test(
  "backward writes into the grads.W the layer already has, and overwrites it each time",
  timeLimit,
  () => {
    const { h, layer } = handCase();
    const held = layer.grads.W;
    layer.forward(h, [0]);
    explain("NegativeSamplingLoss.backward", () => layer.backward());
    explain("NegativeSamplingLoss.backward", () => layer.backward());
    assert(
      layer.grads.W === held,
      "NegativeSamplingLoss.backward replaced grads.W with another tensor: a " +
        "network that gathered grads.W before backward still holds the old " +
        "one. Write into the existing tensor (in place)",
    );
    assertClose(held, [
      [-0.2689414213699951, -0.5378828427399902],
      [0.8807970779778823, 1.7615941559557646],
      [0.9525741268224334, 1.9051482536448667],
    ], {
      msg:
        "grads.W after forward([[1, 2]], [0]) and two backward(): the second replaces the first",
    });
  },
);

Deno.test(
  "forward refuses an h without one row of W's width per target, naming its shape",
  timeLimit,
  () => {
    const { layer } = handCase();
    assertClearError(
      () => layer.forward(Tensor.ones([1, 2]), [0, 1]),
      "NegativeSamplingLoss.forward(h of shape [1, 2], [0, 1]) with W of shape [3, 2]",
      {
        includes: "[1, 2]",
        says: "name the shape of h, [1, 2]",
        fix: "let your EmbeddingDot check h, or check it yourself",
      },
    );
  },
);
