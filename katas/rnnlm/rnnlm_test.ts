import { clipGrads, Rnnlm } from "./rnnlm.ts";
import {
  assert,
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

/** The global L2 norm of a record of tensors. */
function globalNorm(grads: Record<string, Tensor>): number {
  return Math.sqrt(
    Object.values(grads).reduce((s, g) => s + g.pow(2).sum(), 0),
  );
}

const NAMES = [
  "embed_W",
  "lstm_Wx",
  "lstm_Wh",
  "lstm_b",
  "affine_W",
  "affine_b",
];

const [V, D, H] = [6, 3, 2];
const XS = [[0, 4, 2, 5], [3, 3, 1, 0]];
const TS = [[4, 2, 5, 1], [3, 1, 0, 2]];

// ------------------------------------------------------------------ clipGrads

Deno.test(
  "clipGrads leaves gradients whose global norm is within maxNorm as they were",
  timeLimit,
  () => {
    const grads = { a: tensor([0.3, 0]), b: tensor([[0.4]]) };
    explain("clipGrads", () => clipGrads(grads, 1));
    assertClose(grads.a, [0.3, 0], {
      msg: "clipGrads({ a: [0.3, 0], b: [[0.4]] }, 1): a",
    });
    assertClose(grads.b, [[0.4]], { msg: "the same call: b" });
  },
);

Deno.test(
  "clipGrads scales every gradient by maxNorm over the global norm of them all, in place",
  timeLimit,
  () => {
    // Each alone is within 4.5, together their norm is 5: the whole set is
    // scaled by 4.5 / 5, each gradient alike, so the direction is kept.
    const a = tensor([3, 0]);
    const b = tensor([[4]]);
    const grads = { a, b };
    explain("clipGrads", () => clipGrads(grads, 4.5));
    assert(
      grads.a === a && grads.b === b,
      "clipGrads replaced a gradient with another tensor: scale the existing " +
        "ones in place, the layers hold them",
    );
    // The book's 4.5 / (5 + 1e-6) is within the relative 1e-6 allowed.
    assertClose(a, [2.7, 0], {
      rtol: 1e-6,
      msg: "clipGrads({ a: [3, 0], b: [[4]] }, 4.5): a (global norm 5)",
    });
    assertClose(b, [[3.6]], { rtol: 1e-6, msg: "the same call: b" });
  },
);

Deno.test(
  "clipGrads brings a large set of gradients to the global norm maxNorm",
  timeLimit,
  () => {
    const rng = new Rng(1);
    const grads = {
      W: Tensor.randn([4, 5], rng, 10),
      b: Tensor.randn([5], rng, 10),
      c: Tensor.randn([2, 2, 2], rng, 10),
    };
    const before = Object.fromEntries(
      Object.entries(grads).map(([k, g]) => [k, g.clone()]),
    );
    const norm = globalNorm(grads);
    explain("clipGrads", () => clipGrads(grads, 0.25));
    assertClose(globalNorm(grads), 0.25, {
      rtol: 1e-6,
      msg: `the global norm after clipGrads(gradients of norm ${
        norm.toFixed(1)
      }, 0.25)`,
    });
    for (const [name, g] of Object.entries(grads)) {
      assertClose(g, before[name].mul(0.25 / norm), {
        rtol: 1e-5,
        msg:
          `clipGrads(..., 0.25): ${name}, the same factor for every gradient`,
      });
    }
  },
);

// ---------------------------------------------------------------------- Rnnlm

Deno.test(
  "Rnnlm: params and grads hold the six tensors under the same names and shapes, grads zeros",
  timeLimit,
  () => {
    const model = new Rnnlm(V, D, H, new Rng(2));
    assertEquals(
      Object.keys(model.params).sort(),
      [...NAMES].sort(),
      "Rnnlm params' names",
    );
    assertEquals(
      Object.keys(model.grads).sort(),
      [...NAMES].sort(),
      "Rnnlm grads' names",
    );
    const shapes: Record<string, number[]> = {
      embed_W: [V, D],
      lstm_Wx: [D, 4 * H],
      lstm_Wh: [H, 4 * H],
      lstm_b: [4 * H],
      affine_W: [H, V],
      affine_b: [V],
    };
    for (const name of NAMES) {
      assertEquals(
        [...model.params[name].shape],
        shapes[name],
        `new Rnnlm(6, 3, 2, rng).params.${name}'s shape`,
      );
      assertClose(model.grads[name], Tensor.zeros(shapes[name]), {
        msg: `new Rnnlm(6, 3, 2, rng).grads.${name} before any backward`,
      });
      assertFresh(
        model.grads[name],
        model.params,
        `new Rnnlm(...).grads.${name}`,
      );
    }
  },
);

Deno.test(
  "Rnnlm: the weights are drawn from rng in the order embed_W, lstm_Wx, lstm_Wh, affine_W, with the book's scales, and the biases are zeros",
  timeLimit,
  () => {
    const model = new Rnnlm(V, D, H, new Rng(3));
    const rng = new Rng(3);
    const expected = {
      embed_W: Tensor.randn([V, D], rng, 0.01),
      lstm_Wx: Tensor.randn([D, 4 * H], rng, 1 / Math.sqrt(D)),
      lstm_Wh: Tensor.randn([H, 4 * H], rng, 1 / Math.sqrt(H)),
      affine_W: Tensor.randn([H, V], rng, 1 / Math.sqrt(H)),
      lstm_b: Tensor.zeros([4 * H]),
      affine_b: Tensor.zeros([V]),
    };
    for (const [name, t] of Object.entries(expected)) {
      assertClose(model.params[name], t, {
        msg: `new Rnnlm(6, 3, 2, new Rng(3)).params.${name}`,
      });
    }
  },
);

Deno.test(
  "Rnnlm: predict gives [N, T, V] scores, and an untrained model's loss is close to log V",
  timeLimit,
  () => {
    const model = new Rnnlm(V, D, H, new Rng(4));
    const scores = explain("Rnnlm.predict", () => model.predict(XS));
    assertEquals(
      [...scores.shape],
      [2, 4, V],
      "Rnnlm.predict(2 rows of 4 ids)'s shape",
    );
    model.resetState();
    const loss = explain("Rnnlm.forward", () => model.forward(XS, TS));
    // Word vectors of 0.01 make the LSTM's output small, so the scores are
    // near 0 and every word about equally likely: a loss near log 6 = 1.79.
    assert(
      Math.abs(loss - Math.log(V)) < 0.2,
      `Rnnlm.forward of an untrained model of 6 words gave ${loss}, not near log 6 = ${
        Math.log(V).toFixed(3)
      }`,
    );
  },
);

Deno.test(
  "Rnnlm: backward before any forward throws an error that says forward comes first",
  timeLimit,
  () => {
    const model = new Rnnlm(V, D, H, new Rng(5));
    assertForwardFirst(
      () => model.backward(),
      "Rnnlm.backward() before any forward",
    );
  },
);

for (const ts of [TS, [[4, -1, 5, 1], [-1, 1, 0, -1]]]) {
  Deno.test(
    `Rnnlm: backward agrees with the numerical gradient of every parameter, through 4 steps, for the labels ${
      JSON.stringify(ts)
    }`,
    timeLimit,
    () => {
      const model = new Rnnlm(V, D, H, new Rng(6));
      // Larger word vectors than the book's 0.01, so that every gradient is
      // well above the central difference's rounding.
      model.params.embed_W.mulInPlace(50);
      const loss = () => {
        model.resetState();
        return model.forward(XS, ts);
      };
      const numeric = Object.fromEntries(
        NAMES.map((
          name,
        ) => [name, numericalGradient(loss, model.params[name])]),
      );
      const what = `Rnnlm.backward after forward(${JSON.stringify(XS)}, ${
        JSON.stringify(ts)
      })`;
      loss();
      explain(what, () => model.backward());
      for (const name of NAMES) {
        // The layers' checks hold each part to 1e-7; 1e-5 leaves room for
        // a softmax with the first book's delta inside the log.
        assertGradientsMatch(model.grads[name], numeric[name], {
          tolerance: 1e-5,
          msg: `${what}: grads.${name}`,
        });
      }
    },
  );
}

Deno.test(
  "Rnnlm: the LSTM is stateful, so a second forward continues the text, and resetState starts a new one",
  timeLimit,
  () => {
    const model = new Rnnlm(V, D, H, new Rng(7));
    model.params.embed_W.mulInPlace(100);
    const first = explain("Rnnlm.forward", () => model.forward(XS, TS));
    const continued = model.forward(XS, TS);
    assert(
      Math.abs(continued - first) > 1e-6,
      "Rnnlm.forward of the same block twice gave the same loss: the second " +
        "must start from the LSTM state the first ended with (stateful)",
    );
    model.resetState();
    assertClose(model.forward(XS, TS), first, {
      msg: "Rnnlm.forward after resetState, against the first forward",
    });
  },
);

Deno.test(
  "Rnnlm: grads are the tensors backward writes into, and an update of params in place changes the next forward",
  timeLimit,
  () => {
    const model = new Rnnlm(V, D, H, new Rng(8));
    const held = { ...model.grads };
    const before = model.forward(XS, TS);
    model.backward();
    for (const name of NAMES) {
      assert(
        model.grads[name] === held[name],
        `Rnnlm.backward replaced grads.${name} with another tensor`,
      );
      assert(
        held[name].abs().sum() > 0,
        `Rnnlm.backward left grads.${name} all zeros: the gradient must be ` +
          "written into the tensor the record held before backward",
      );
    }
    for (const name of NAMES) {
      model.params[name].subInPlace(held[name].mul(0.5));
    }
    model.resetState();
    const after = model.forward(XS, TS);
    assert(
      after < before,
      `Rnnlm.forward after a step of 0.5 against the gradient gave ${after}, ` +
        `not less than ${before}: params must be the layers' own tensors`,
    );
  },
);

Deno.test(
  "Rnnlm: forward and backward leave the ids unchanged",
  timeLimit,
  () => {
    const model = new Rnnlm(V, D, H, new Rng(9));
    const xs = XS.map((row) => [...row]);
    const ts = TS.map((row) => [...row]);
    const embedW = model.params.embed_W;
    assertUnchanged({ embedW }, () => model.forward(xs, ts), "Rnnlm.forward");
    model.backward();
    assertEquals(xs, XS, "Rnnlm.forward and backward changed xs");
    assertEquals(ts, TS, "Rnnlm.forward and backward changed ts");
  },
);
