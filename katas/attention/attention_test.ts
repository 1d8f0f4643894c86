import { Attention, AttentionWeight, WeightSum } from "./attention.ts";
import {
  assert,
  assertClearError,
  assertClose,
  assertEquals,
  assertForwardFirst,
  assertFresh,
  assertGradientsMatch,
  assertUnchanged,
  explain,
  numericalGradient,
  Rng,
  Tensor,
  tensor,
  timeLimit,
} from "../../lib/testing/mod.ts";

/** The weights of the README, written out for the spec: softmax over t of hs[:, t] · h. */
function referenceWeights(hs: Tensor, h: Tensor): Tensor {
  const [N, T] = hs.shape;
  const a = Tensor.zeros([N, T]);
  for (let n = 0; n < N; n++) {
    const scores = Array.from(
      { length: T },
      (_, t) => hs.slice(n, t).mul(h.slice(n)).sum(),
    );
    const top = Math.max(...scores);
    const exps = scores.map((s) => Math.exp(s - top));
    const total = exps.reduce((x, y) => x + y, 0);
    exps.forEach((e, t) => a.setInPlace([n, t], e / total));
  }
  return a;
}

/** The context of the README, written out for the spec: Σ over t of a[:, t] · hs[:, t]. */
function referenceSum(hs: Tensor, a: Tensor): Tensor {
  const [N, T, H] = hs.shape;
  let c = Tensor.zeros([N, H]);
  for (let t = 0; t < T; t++) {
    c = c.add(hs.slice(null, t).mul(a.slice(null, [t, t + 1])));
  }
  return c;
}

/** Three hidden states of two values, and weights that favour the first. */
const HS = tensor([[[1, 2], [3, 4], [5, 6]]]);
const A = tensor([[0.5, 0.25, 0.25]]);

// ------------------------------------------------------------------ WeightSum

Deno.test(
  "WeightSum: forward is the sum of the hidden states weighted by a, on an example to follow by hand",
  timeLimit,
  () => {
    const what =
      "WeightSum.forward(hs [[[1, 2], [3, 4], [5, 6]]], a [[0.5, 0.25, 0.25]])";
    const c = explain(what, () => new WeightSum().forward(HS, A));
    // 0.5·[1, 2] + 0.25·[3, 4] + 0.25·[5, 6]
    assertClose(c, [[2.5, 3.5]], { msg: what });
  },
);

Deno.test(
  "WeightSum: forward of a batch of 2 sequences of 4 steps, each row with its own weights",
  timeLimit,
  () => {
    const rng = new Rng(1);
    const hs = Tensor.randn([2, 4, 3], rng);
    const a = Tensor.randn([2, 4], rng);
    const what = "WeightSum.forward(hs [2, 4, 3], a [2, 4])";
    const c = assertUnchanged(
      { hs, a },
      () => explain(what, () => new WeightSum().forward(hs, a)),
      what,
    );
    assertEquals([...c.shape], [2, 3], `${what}'s shape`);
    assertClose(c, referenceSum(hs, a), { msg: what });
    assertFresh(c, { hs, a }, what);
  },
);

Deno.test(
  "WeightSum: backward agrees with the numerical gradients of hs and a, and leaves dc unchanged",
  timeLimit,
  () => {
    const rng = new Rng(2);
    const hs = Tensor.randn([2, 4, 3], rng);
    const a = Tensor.randn([2, 4], rng);
    const dc = Tensor.randn([2, 3], rng);
    const layer = new WeightSum();
    const loss = () => layer.forward(hs, a).mul(dc).sum();
    const numeric = {
      dhs: numericalGradient(loss, hs),
      da: numericalGradient(loss, a),
    };
    layer.forward(hs, a);
    const what =
      "WeightSum.backward(dc [2, 3]) after forward(hs [2, 4, 3], a [2, 4])";
    const grads = assertUnchanged(
      { dc, hs, a },
      () => explain(what, () => layer.backward(dc)),
      what,
    );
    for (const name of ["dhs", "da"] as const) {
      assert(
        grads?.[name] instanceof Tensor,
        `${what} must return { dhs, da }`,
      );
      // A sum of products: the central difference is exact up to rounding.
      assertGradientsMatch(grads[name], numeric[name], {
        tolerance: 1e-7,
        msg: `${what}: ${name}`,
      });
    }
  },
);

Deno.test(
  "WeightSum: backward uses the most recent forward, and refuses to run before one or with a dc of another shape",
  timeLimit,
  () => {
    const layer = new WeightSum();
    assertForwardFirst(
      () => layer.backward(Tensor.ones([1, 2])),
      "WeightSum.backward(ones([1, 2])) before any forward",
    );
    const rng = new Rng(3);
    layer.forward(Tensor.randn([1, 2, 2], rng), Tensor.randn([1, 2], rng));
    layer.forward(HS, A);
    const { dhs, da } = explain(
      "WeightSum.backward",
      () => layer.backward(tensor([[1, 0]])),
    );
    assertClose(dhs, [[[0.5, 0], [0.25, 0], [0.25, 0]]], {
      msg: "WeightSum.backward([[1, 0]]) after forward(HS, A): dhs, each " +
        "step's weight times dc",
    });
    assertClose(da, [[1, 3, 5]], {
      msg: "WeightSum.backward([[1, 0]]) after forward(HS, A): da, each " +
        "step's hidden state · dc",
    });
    // A dc of [2] would fill [N, H] = [1, 2] without a word.
    const dcError = assertClearError(
      () => layer.backward(Tensor.ones([2])),
      "WeightSum.backward(dc of shape [2]) after a forward of hs [1, 3, 2]",
      {
        includes: "[2]",
        says: "name the shape of dc",
        fix: "compare dc's shape with [N, H] and throw an Error that names it",
      },
    );
    assert(
      dcError.message.includes("[1, 2]"),
      `WeightSum.backward(dc of shape [2]) threw "${dcError.message}", ` +
        "which does not say the shape dc must have, [N, H] = [1, 2]",
    );
  },
);

Deno.test(
  "WeightSum: forward refuses weights that are not [N, T] for hs [N, T, H], and hs that is not 3-D",
  timeLimit,
  () => {
    // Weights of shape [3] would fill [N, T] = [1, 3] without a word.
    assertClearError(
      () => new WeightSum().forward(HS, tensor([0.5, 0.25, 0.25])),
      "WeightSum.forward(hs [1, 3, 2], a [3])",
      {
        includes: "[3]",
        says: "name the shape of a",
        fix: "compare a's shape with hs's first two and throw an Error",
      },
    );
    // [1, 3] for a is [N, T] of hs [1, 3]: only hs's own rank is wrong.
    assertClearError(
      () => new WeightSum().forward(tensor([[1, 2, 3]]), tensor([[1, 0, 0]])),
      "WeightSum.forward(hs [1, 3], a [1, 3])",
      {
        includes: "hs",
        says: "say that hs must be [N, T, H]",
        fix: "check that hs has three axes and throw an Error that names hs",
      },
    );
  },
);

// ------------------------------------------------------------ AttentionWeight

Deno.test(
  "AttentionWeight: forward is the softmax over the steps of each hidden state's dot product with h, by hand",
  timeLimit,
  () => {
    const hs = tensor([[[1, 0], [0, 1], [1, 1]]]);
    const h = tensor([[2, 0]]);
    const what =
      "AttentionWeight.forward(hs [[[1, 0], [0, 1], [1, 1]]], h [[2, 0]])";
    const a = explain(what, () => new AttentionWeight().forward(hs, h));
    // Dot products 2, 0, 2: softmax gives e² / (2e² + 1) to the first and
    // the last, 1 / (2e² + 1) to the middle.
    const e2 = Math.exp(2);
    assertClose(
      a,
      [[e2 / (2 * e2 + 1), 1 / (2 * e2 + 1), e2 / (2 * e2 + 1)]],
      { msg: what },
    );
  },
);

Deno.test(
  "AttentionWeight: forward of a batch gives each row its own distribution over the steps",
  timeLimit,
  () => {
    const rng = new Rng(4);
    const hs = Tensor.randn([2, 4, 3], rng);
    const h = Tensor.randn([2, 3], rng);
    const what = "AttentionWeight.forward(hs [2, 4, 3], h [2, 3])";
    const a = assertUnchanged(
      { hs, h },
      () => explain(what, () => new AttentionWeight().forward(hs, h)),
      what,
    );
    assertEquals([...a.shape], [2, 4], `${what}'s shape`);
    assertClose(a, referenceWeights(hs, h), { msg: what });
    assertClose(a.sum(1), [1, 1], { msg: `${what}: each row's sum` });
  },
);

Deno.test(
  "AttentionWeight: a hidden state far more like h than the others takes all the weight, without NaN",
  timeLimit,
  () => {
    const hs = tensor([[[1000, 0], [0, 1000], [-1000, 0]]]);
    const h = tensor([[1, 0.5]]);
    const what =
      "AttentionWeight.forward(hs with dot products 1000, 500, -1000)";
    const a = explain(what, () => new AttentionWeight().forward(hs, h));
    assertClose(a, [[1, 0, 0]], {
      msg: `${what}: exp(1000) overflows unless each row's maximum is ` +
        "subtracted first",
    });
  },
);

Deno.test(
  "AttentionWeight: backward agrees with the numerical gradients of hs and h through the softmax",
  timeLimit,
  () => {
    const rng = new Rng(5);
    const hs = Tensor.randn([2, 4, 3], rng);
    const h = Tensor.randn([2, 3], rng);
    const da = Tensor.randn([2, 4], rng);
    const layer = new AttentionWeight();
    const loss = () => layer.forward(hs, h).mul(da).sum();
    const numeric = {
      dhs: numericalGradient(loss, hs),
      dh: numericalGradient(loss, h),
    };
    layer.forward(hs, h);
    const what =
      "AttentionWeight.backward(da [2, 4]) after forward(hs [2, 4, 3], h [2, 3])";
    const grads = assertUnchanged(
      { da, hs, h },
      () => explain(what, () => layer.backward(da)),
      what,
    );
    for (const name of ["dhs", "dh"] as const) {
      assert(
        grads?.[name] instanceof Tensor,
        `${what} must return { dhs, dh }`,
      );
      assertGradientsMatch(grads[name], numeric[name], {
        tolerance: 1e-7,
        msg: `${what}: ${name}`,
      });
    }
  },
);

Deno.test(
  "AttentionWeight: a da the same at every step gives no gradient (the weights always sum to 1)",
  timeLimit,
  () => {
    const rng = new Rng(6);
    const layer = new AttentionWeight();
    layer.forward(Tensor.randn([2, 3, 2], rng), Tensor.randn([2, 2], rng));
    const what = "AttentionWeight.backward(ones([2, 3]))";
    const { dhs, dh } = explain(
      what,
      () => layer.backward(Tensor.ones([2, 3])),
    );
    assertClose(dhs, Tensor.zeros([2, 3, 2]), { msg: `${what}: dhs` });
    assertClose(dh, Tensor.zeros([2, 2]), { msg: `${what}: dh` });
  },
);

Deno.test(
  "AttentionWeight: refuses to run backward before forward, an h not [N, H], an hs not 3-D or a da not [N, T]",
  timeLimit,
  () => {
    const layer = new AttentionWeight();
    assertForwardFirst(
      () => layer.backward(Tensor.ones([1, 3])),
      "AttentionWeight.backward(ones([1, 3])) before any forward",
    );
    // An h of [2] would fill [N, H] = [1, 2] without a word.
    assertClearError(
      () => layer.forward(HS, tensor([1, 2])),
      "AttentionWeight.forward(hs [1, 3, 2], h [2])",
      {
        includes: "[2]",
        says: "name the shape of h",
        fix: "compare h's shape with [N, H] of hs and throw an Error",
      },
    );
    // hs [1, 3, 2, 2] would broadcast with h [1, 2] into weights of the
    // wrong rank without a word.
    assertClearError(
      () => layer.forward(Tensor.ones([1, 3, 2, 2]), tensor([[1, 2]])),
      "AttentionWeight.forward(hs [1, 3, 2, 2], h [1, 2])",
      {
        includes: "[1, 3, 2, 2]",
        says: "say that hs must be [N, T, H]",
        fix: "check that hs has three axes and throw an Error that names hs",
      },
    );
    layer.forward(HS, tensor([[1, 0]]));
    // A da of [1, 1] would broadcast over the 3 steps without a word.
    assertClearError(
      () => layer.backward(Tensor.ones([1, 1])),
      "AttentionWeight.backward(da of shape [1, 1]) after a forward of 3 steps",
      {
        includes: "[1, 1]",
        says: "name the shape of da",
        fix: "compare da's shape with that of the weights and throw an Error",
      },
    );
  },
);

// ------------------------------------------------------------------ Attention

Deno.test(
  "Attention: forward is the weighted sum of hs by the attention weights for h, which it keeps",
  timeLimit,
  () => {
    const rng = new Rng(7);
    const hs = Tensor.randn([2, 4, 3], rng);
    const h = Tensor.randn([2, 3], rng);
    const layer = new Attention();
    assertEquals(
      explain("Attention.attentionWeight", () => layer.attentionWeight),
      undefined,
      "Attention.attentionWeight before any forward",
    );
    const what = "Attention.forward(hs [2, 4, 3], h [2, 3])";
    const c = assertUnchanged(
      { hs, h },
      () => explain(what, () => layer.forward(hs, h)),
      what,
    );
    const a = referenceWeights(hs, h);
    assertClose(c, referenceSum(hs, a), { msg: what });
    assertClose(layer.attentionWeight!, a, {
      msg: `${what}: attentionWeight, the weights it used`,
    });
  },
);

Deno.test(
  "Attention: backward agrees with the numerical gradient of hs, by both its roads, and of h",
  timeLimit,
  () => {
    const rng = new Rng(8);
    const hs = Tensor.randn([2, 4, 3], rng);
    const h = Tensor.randn([2, 3], rng);
    const dc = Tensor.randn([2, 3], rng);
    const layer = new Attention();
    const loss = () => layer.forward(hs, h).mul(dc).sum();
    const numeric = {
      dhs: numericalGradient(loss, hs),
      dh: numericalGradient(loss, h),
    };
    layer.forward(hs, h);
    const what =
      "Attention.backward(dc [2, 3]) after forward(hs [2, 4, 3], h [2, 3])";
    const grads = assertUnchanged(
      { dc, hs, h },
      () => explain(what, () => layer.backward(dc)),
      what,
    );
    for (const name of ["dhs", "dh"] as const) {
      assert(
        grads?.[name] instanceof Tensor,
        `${what} must return { dhs, dh }`,
      );
      // hs is read twice, by the weights and by the sum: both gradients add.
      assertGradientsMatch(grads[name], numeric[name], {
        tolerance: 1e-7,
        msg: `${what}: ${name}`,
      });
    }
  },
);

Deno.test(
  "Attention: backward before any forward throws an error that says forward comes first",
  timeLimit,
  () => {
    assertForwardFirst(
      () => new Attention().backward(Tensor.ones([1, 2])),
      "Attention.backward(ones([1, 2])) before any forward",
    );
  },
);
