import { CBOW } from "./cbow.ts";
import {
  assert,
  assertClearError,
  assertClose,
  assertEquals,
  assertForwardFirst,
  assertFresh,
  assertGradientsMatch,
  explain,
  numericalGradient,
  Rng,
  Tensor,
  timeLimit,
} from "../../lib/testing/mod.ts";

/** The book's "you say goodbye and i say hello .": 7 words, "say" (1) twice. */
const CORPUS = [0, 1, 2, 3, 4, 1, 5, 6];
const V = 7;
const H = 3;

/** The book's corpus with a window of 1: each word between its neighbours. */
const CONTEXTS = [[0, 2], [1, 3], [2, 4], [3, 1], [4, 5], [1, 6]];
const TARGET = [1, 2, 3, 4, 1, 5];

/**
 * The negatives the loss must draw, computed here independently: for each
 * target in turn, one `rng.choice(V, sampleSize, { replace: false, p })` with
 * p ∝ count ** 0.75 over the words other than the target.
 */
function expectedNegatives(rng: Rng, targets: number[]): number[][] {
  const counts: number[] = Array(V).fill(0);
  for (const id of CORPUS) counts[id]++;
  return targets.map((t) => {
    const weights = counts.map((c, id) => (id === t ? 0 : c ** 0.75));
    const total = weights.reduce((a, b) => a + b);
    return rng.choice(V, 5, {
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
 * CBOW's loss from its definition: h is the mean of the context words' rows of
 * W_in; then the negative-sampling loss of h against the targets (label 1)
 * and each column of negatives (label 0), with W_out.
 */
function expectedLoss(
  W_in: Tensor,
  W_out: Tensor,
  contexts: number[][],
  target: number[],
  negatives: number[][],
): number {
  const h = contexts.map((row) => W_in.rows(row).mean(0) as Tensor);
  const score = (i: number, id: number) =>
    h[i].mul(W_out.rows([id]).reshape(-1)).sum() as number;
  const n = target.length;
  let loss = target.reduce((sum, t, i) => sum + softplus(-score(i, t)), 0) / n;
  for (let k = 0; k < negatives[0].length; k++) {
    loss += negatives.reduce((sum, row, i) =>
      sum + softplus(score(i, row[k])), 0) / n;
  }
  return loss;
}

/**
 * A model whose weights are set to the given tensors (copied in, so a
 * numerical gradient may perturb them), with the negatives of `seed`.
 */
function modelWith(
  W_in: Tensor,
  W_out: Tensor,
  windowSize: number,
  seed: number,
): CBOW {
  const model = new CBOW(V, H, windowSize, CORPUS, new Rng(seed));
  model.params.W_in.assignInPlace(W_in);
  model.params.W_out.assignInPlace(W_out);
  return model;
}

/** Weights of a useful size: the 0.01 of the initialisation hides most mistakes. */
function weights(seed: number) {
  const rng = new Rng(seed);
  return {
    W_in: Tensor.randn([V, H], rng, 0.5),
    W_out: Tensor.randn([V, H], rng, 0.5),
  };
}

Deno.test(
  "new CBOW draws W_in, then W_out, from rng: normal, standard deviation 0.01, shape [V, H]",
  timeLimit,
  () => {
    const model = new CBOW(V, H, 1, CORPUS, new Rng(1));
    const rng = new Rng(1);
    assertClose(model.params.W_in, Tensor.randn([V, H], rng, 0.01), {
      msg: "new CBOW(7, 3, 1, corpus, new Rng(1)).params.W_in",
    });
    assertClose(model.params.W_out, Tensor.randn([V, H], rng, 0.01), {
      msg: "new CBOW(7, 3, 1, corpus, new Rng(1)).params.W_out: the next draws",
    });
    assert(
      model.wordVecs === model.params.W_in,
      "CBOW.wordVecs must be params.W_in itself: the word vectors are its rows",
    );
  },
);

Deno.test(
  "grads holds zeros in the shapes of W_in and W_out, tensors of their own",
  timeLimit,
  () => {
    const model = new CBOW(V, H, 1, CORPUS, new Rng(2));
    for (const key of ["W_in", "W_out"]) {
      assertClose(model.grads[key], Tensor.zeros([V, H]), {
        msg: `new CBOW(7, 3, 1, corpus, rng).grads.${key} before any backward`,
      });
      assertFresh(model.grads[key], model.params, `new CBOW(...).grads.${key}`);
    }
  },
);

Deno.test(
  "backward before any forward throws an error that says forward comes first",
  timeLimit,
  () =>
    assertForwardFirst(
      () => new CBOW(V, H, 1, CORPUS, new Rng(3)).backward(),
      "CBOW.backward() before any forward",
    ),
);

Deno.test(
  "forward is the negative-sampling loss of the mean of the context vectors, on the book's corpus",
  timeLimit,
  () => {
    const { W_in, W_out } = weights(4);
    const model = modelWith(W_in, W_out, 1, 5);
    // The generator, after the two initial draws, picks the negatives.
    const rng = new Rng(5);
    Tensor.randn([V, H], rng, 0.01);
    Tensor.randn([V, H], rng, 0.01);
    const negatives = expectedNegatives(rng, TARGET);
    const contexts = CONTEXTS.map((row) => [...row]);
    const target = [...TARGET];
    const what =
      'CBOW.forward(contexts, target) for "you say goodbye and i say hello .", window 1';
    const loss = explain(what, () => model.forward(contexts, target));
    assertEquals(contexts, CONTEXTS, `${what} changed its contexts`);
    assertEquals(target, TARGET, `${what} changed its targets`);
    // The book's 1e-7 inside each log moves the loss by less than 1e-5
    // relative here; either way of computing it passes.
    assertClose(loss, expectedLoss(W_in, W_out, CONTEXTS, TARGET, negatives), {
      rtol: 1e-5,
      msg: `${what}, with the negatives [${negatives.map((r) => `[${r}]`)}]`,
    });
  },
);

const cases = [
  {
    name: "the book's corpus, window 1",
    windowSize: 1,
    contexts: CONTEXTS,
    target: TARGET,
  },
  {
    name: "a context word repeated within a row and across rows, window 1",
    windowSize: 1,
    contexts: [[1, 1], [2, 1], [1, 0]],
    target: [0, 5, 2],
  },
  {
    name: "window 2 (four context words)",
    windowSize: 2,
    contexts: [[0, 1, 3, 4], [1, 2, 4, 1], [2, 3, 1, 5], [3, 4, 5, 6]],
    target: [2, 3, 4, 1],
  },
];

for (const { name, windowSize, contexts, target } of cases) {
  Deno.test(
    `backward agrees with numerical gradients for W_in and W_out: ${name}`,
    timeLimit,
    () => {
      const { W_in, W_out } = weights(6);
      // A new model with the same seed for every evaluation: the same
      // negatives each time, so the loss is one fixed function of the weights.
      const loss = () =>
        modelWith(W_in, W_out, windowSize, 7).forward(contexts, target);
      const numericIn = numericalGradient(loss, W_in);
      const numericOut = numericalGradient(loss, W_out);
      const model = modelWith(W_in, W_out, windowSize, 7);
      model.forward(contexts, target);
      const what = `CBOW.backward() for ${name}`;
      explain(what, () => model.backward());
      // The 1e-7 inside the book's log moves each term's slope by about
      // 1e-7 / p; where the terms of a gradient nearly cancel, that is up to
      // 4e-6 relative here. 1e-4 holds it; a wrong term scores 1e-2 or more.
      assertGradientsMatch(model.grads.W_in, numericIn, {
        tolerance: 1e-4,
        msg: `${what}: grads.W_in`,
      });
      assertGradientsMatch(model.grads.W_out, numericOut, {
        tolerance: 1e-4,
        msg: `${what}: grads.W_out`,
      });
    },
  );
}

Deno.test(
  "backward scales by dout",
  timeLimit,
  () => {
    const { W_in, W_out } = weights(8);
    const once = modelWith(W_in, W_out, 1, 9);
    once.forward(CONTEXTS, TARGET);
    explain("CBOW.backward()", () => once.backward());
    const twice = modelWith(W_in, W_out, 1, 9);
    twice.forward(CONTEXTS, TARGET);
    explain("CBOW.backward(2)", () => twice.backward(2));
    for (const key of ["W_in", "W_out"]) {
      assertClose(twice.grads[key], once.grads[key].mul(2), {
        msg: `CBOW.backward(2): grads.${key}, twice that of backward()`,
      });
    }
  },
);

Deno.test(
  "backward writes into the grads tensors the model already has, and overwrites them each time",
  timeLimit,
  () => {
    const { W_in, W_out } = weights(10);
    const model = modelWith(W_in, W_out, 1, 11);
    const held = { W_in: model.grads.W_in, W_out: model.grads.W_out };
    model.forward(CONTEXTS, TARGET);
    explain("CBOW.backward", () => model.backward());
    const first = { W_in: held.W_in.clone(), W_out: held.W_out.clone() };
    explain("CBOW.backward", () => model.backward());
    for (const key of ["W_in", "W_out"] as const) {
      assert(
        model.grads[key] === held[key],
        `CBOW.backward replaced grads.${key} with another tensor: a trainer ` +
          `that gathered grads before backward still holds the old one. ` +
          `Write into the existing tensor (in place)`,
      );
      assertClose(held[key], first[key], {
        msg:
          `grads.${key} after a second backward: the same as after the first, not twice it`,
      });
    }
  },
);

Deno.test(
  "forward refuses a row of contexts without 2 × windowSize words, with an error naming contexts",
  timeLimit,
  () => {
    const model = new CBOW(V, H, 1, CORPUS, new Rng(12));
    for (const contexts of [[[0], [1, 3]], [[0, 2], [1, 3, 4]]]) {
      assertClearError(
        () => model.forward(contexts, [1, 2]),
        `CBOW(window 1).forward(${JSON.stringify(contexts)}, [1, 2])`,
        {
          includes: "contexts",
          says: "name contexts",
          fix: "check the length of every row of contexts and throw an Error",
        },
      );
    }
  },
);
