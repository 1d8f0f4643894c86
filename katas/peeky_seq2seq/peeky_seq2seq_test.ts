import { PeekyDecoder, PeekySeq2seq } from "./peeky_seq2seq.ts";
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
  timeLimit,
} from "../../lib/testing/mod.ts";

const [V, D, H] = [6, 3, 2];
/** Two questions of 4 ids. */
const XS = [[0, 4, 2, 5], [3, 3, 1, 0]];
/** Their answers, each starting with the start id 5: the decoder reads 3 of them. */
const START = 5;
const TS = [[START, 1, 2, 3], [START, 0, 4, 4]];

const ENCODER_NAMES = ["embed_W", "lstm_Wx", "lstm_Wh", "lstm_b"];
const DECODER_NAMES = [...ENCODER_NAMES, "affine_W", "affine_b"];
const SHAPES: Record<string, number[]> = {
  embed_W: [V, D],
  lstm_Wx: [H + D, 4 * H],
  lstm_Wh: [H, 4 * H],
  lstm_b: [4 * H],
  affine_W: [2 * H, V],
  affine_b: [V],
};

/** σ, elementwise. */
function sigmoid(x: Tensor): Tensor {
  return x.neg().exp().add(1).pow(-1);
}

/** The rows of `a` `[N, A]` and `b` `[N, B]` side by side, `[N, A + B]`. */
function sideBySide(a: Tensor, b: Tensor): Tensor {
  const [N, A] = a.shape;
  return Tensor.zeros([N, A + b.shape[1]])
    .setSliceInPlace([null, [0, A]], a)
    .setSliceInPlace([null, [A, null]], b);
}

/**
 * The LSTM of the earlier katas, written out for the spec, for the ids `xs`
 * from `h` (and a memory cell of zeros); with `peek`, each step's input is
 * `[h0, x_t]`, h0 the `h` it started from. The hidden states, `[N, T, H]`.
 */
function referenceLstm(
  p: Record<string, Tensor>,
  xs: readonly (readonly number[])[],
  h: Tensor,
  peek: boolean,
): Tensor {
  const [N, T, H] = [xs.length, xs[0].length, h.shape[1]];
  const h0 = h;
  let c = Tensor.zeros(h.shape);
  const hs = Tensor.zeros([N, T, H]);
  for (let t = 0; t < T; t++) {
    const vector = p.embed_W.rows(xs.map((row) => row[t]));
    const x = peek ? sideBySide(h0, vector) : vector;
    const A = x.matmul(p.lstm_Wx).add(h.matmul(p.lstm_Wh)).add(p.lstm_b);
    const gate = (k: number) => A.slice(null, [k * H, (k + 1) * H]);
    c = sigmoid(gate(0)).mul(c).add(
      gate(1).map(Math.tanh).mul(sigmoid(gate(2))),
    );
    h = sigmoid(gate(3)).mul(c.map(Math.tanh));
    hs.setSliceInPlace([null, t], h);
  }
  return hs;
}

/** The peeky decoder's scores by the reference: the affine layer on `[h0, h_t]` at every step. */
function referenceScores(
  p: Record<string, Tensor>,
  xs: readonly (readonly number[])[],
  h: Tensor,
): Tensor {
  const hs = referenceLstm(p, xs, h, true);
  const [N, T] = hs.shape;
  const scores = Tensor.zeros([N, T, p.affine_b.shape[0]]);
  for (let t = 0; t < T; t++) {
    scores.setSliceInPlace(
      [null, t],
      sideBySide(h, hs.slice(null, t)).matmul(p.affine_W).add(p.affine_b),
    );
  }
  return scores;
}

/** The mean cross-entropy of softmax(scores) `[N, T, V]` against `ts`. */
function referenceLoss(scores: Tensor, ts: number[][]): number {
  const x = scores.reshape(-1, V);
  const shifted = x.sub(x.max(1, true));
  const logYs = shifted.sub(shifted.exp().sum(1, true).log());
  return -logYs.takePerRow(ts.flat()).sum() / ts.flat().length;
}

// --------------------------------------------------------------- PeekyDecoder

Deno.test(
  "PeekyDecoder: params and grads hold the six tensors, the LSTM's Wx [H + D, 4H] and the affine W [2H, V] wider for the peeks",
  timeLimit,
  () => {
    const decoder = new PeekyDecoder(V, D, H, new Rng(1));
    for (const record of ["params", "grads"] as const) {
      const what = `new PeekyDecoder(6, 3, 2, rng).${record}`;
      assertEquals(
        Object.keys(decoder[record]).sort(),
        [...DECODER_NAMES].sort(),
        `${what}'s names`,
      );
      for (const name of DECODER_NAMES) {
        assertEquals(
          [...decoder[record][name].shape],
          SHAPES[name],
          `${what}.${name}'s shape`,
        );
      }
    }
    for (const name of DECODER_NAMES) {
      assertClose(decoder.grads[name], Tensor.zeros(SHAPES[name]), {
        msg: `new PeekyDecoder(6, 3, 2, rng).grads.${name} before any backward`,
      });
      assertFresh(
        decoder.grads[name],
        decoder.params,
        `PeekyDecoder grads.${name}`,
      );
    }
  },
);

Deno.test(
  "PeekyDecoder: the weights are drawn from rng in the order embed_W, lstm_Wx, lstm_Wh, affine_W, scaled by their number of inputs, and the biases are zeros",
  timeLimit,
  () => {
    const decoder = new PeekyDecoder(V, D, H, new Rng(2));
    const rng = new Rng(2);
    const expected = {
      embed_W: Tensor.randn([V, D], rng, 0.01),
      lstm_Wx: Tensor.randn([H + D, 4 * H], rng, 1 / Math.sqrt(H + D)),
      lstm_Wh: Tensor.randn([H, 4 * H], rng, 1 / Math.sqrt(H)),
      affine_W: Tensor.randn([2 * H, V], rng, 1 / Math.sqrt(2 * H)),
      lstm_b: Tensor.zeros([4 * H]),
      affine_b: Tensor.zeros([V]),
    };
    for (const [name, t] of Object.entries(expected)) {
      assertClose(decoder.params[name], t, {
        msg: `new PeekyDecoder(6, 3, 2, new Rng(2)).params.${name}`,
      });
    }
  },
);

Deno.test(
  "PeekyDecoder: forward gives h beside every step's input to the LSTM and to the affine layer, from the h given at every call",
  timeLimit,
  () => {
    const decoder = new PeekyDecoder(V, D, H, new Rng(3));
    decoder.params.embed_W.mulInPlace(100);
    const rng = new Rng(4);
    const [h1, h2] = [Tensor.randn([2, H], rng), Tensor.randn([2, H], rng)];
    const xs = TS.map((row) => row.slice(0, -1));
    for (
      const [h, which] of [[h1, "h1"], [h2, "h2"], [h1, "h1 again"]] as const
    ) {
      const what = `PeekyDecoder.forward(${JSON.stringify(xs)}, ${which})`;
      const scores = explain(what, () => decoder.forward(xs, h));
      assertEquals([...scores.shape], [2, 3, V], `${what}'s shape`);
      assertClose(scores, referenceScores(decoder.params, xs, h), {
        msg: `${what}: each step's LSTM input is [h, x_t] and its affine ` +
          "input [h, h_t], h first; the LSTM starts from h (and a memory " +
          "cell of zeros) at every call",
      });
    }
  },
);

Deno.test(
  "PeekyDecoder: backward before any forward throws an error that says forward comes first",
  timeLimit,
  () => {
    const decoder = new PeekyDecoder(V, D, H, new Rng(5));
    assertForwardFirst(
      () => decoder.backward(Tensor.ones([2, 3, V])),
      "PeekyDecoder.backward(ones([2, 3, 6])) before any forward",
    );
  },
);

Deno.test(
  "PeekyDecoder: backward agrees with the numerical gradient of every parameter and of h, which reaches every step, through 3 steps",
  timeLimit,
  () => {
    const decoder = new PeekyDecoder(V, D, H, new Rng(6));
    decoder.params.embed_W.mulInPlace(50);
    const rng = new Rng(7);
    const h = Tensor.randn([2, H], rng);
    const dscore = Tensor.randn([2, 3, V], rng);
    const xs = TS.map((row) => row.slice(0, -1));
    const loss = () => decoder.forward(xs, h).mul(dscore).sum();
    const numeric = Object.fromEntries(
      DECODER_NAMES.map((n) => [n, numericalGradient(loss, decoder.params[n])]),
    );
    const numericH = numericalGradient(loss, h);
    const held = { ...decoder.grads };
    decoder.forward(xs, h);
    const what =
      "PeekyDecoder.backward(dscore) after forward(2 rows of 3 ids, h)";
    const dh = assertUnchanged(
      { dscore, h },
      () => explain(what, () => decoder.backward(dscore)),
      what,
    );
    assert(dh instanceof Tensor, `${what} must return the gradient of h`);
    // h reaches the scores by three roads: the LSTM's first step, every
    // step's LSTM input and every step's affine input.
    assertGradientsMatch(dh, numericH, {
      tolerance: 1e-6,
      msg: `${what}: the returned dh`,
    });
    for (const name of DECODER_NAMES) {
      assert(
        decoder.grads[name] === held[name],
        `${what} replaced grads.${name} with another tensor: write into it`,
      );
      assertGradientsMatch(decoder.grads[name], numeric[name], {
        tolerance: 1e-6,
        msg: `${what}: grads.${name}`,
      });
    }
  },
);

Deno.test(
  "PeekyDecoder: generate feeds each step's most likely id to the next, peeking at the h given at every step",
  timeLimit,
  () => {
    // Six hidden values and weights far from the book's small start, so that
    // the ids generated differ from step to step and from row to row.
    const decoder = new PeekyDecoder(V, D, 6, new Rng(8));
    const rng = new Rng(16);
    for (const w of Object.values(decoder.params)) {
      w.assignInPlace(Tensor.randn(w.shape, rng, 2));
    }
    const h = Tensor.randn([2, 6], rng);
    // A forward from another state first: generate must start from its own h.
    decoder.forward([[1], [2]], Tensor.randn([2, 6], rng));
    const what = `PeekyDecoder.generate(h, ${START}, 5)`;
    const ids = explain(what, () => decoder.generate(h, START, 5));
    assertEquals(ids.length, 2, `${what}: one row of ids per row of h`);
    ids.forEach((row, n) =>
      assertEquals(row.length, 5, `${what}: row ${n}'s length`)
    );
    const inputs = ids.map((row) => [START, ...row.slice(0, -1)]);
    const best = referenceScores(decoder.params, inputs, h).argmax(2);
    assertEquals(
      ids,
      best.toArray(),
      `${what}: each id must be the argmax of its step's scores, each step ` +
        "peeking at h and reading the id before it (the start id first); " +
        `got ${JSON.stringify(ids)}`,
    );
    assert(
      new Set(ids.flat()).size > 3,
      `the spec's example must generate different ids, got ${
        JSON.stringify(ids)
      }`,
    );
  },
);

// --------------------------------------------------------------- PeekySeq2seq

Deno.test(
  "PeekySeq2seq: params and grads hold the encoder's under encoder_ and the peeky decoder's under decoder_, the very tensors",
  timeLimit,
  () => {
    const model = new PeekySeq2seq(V, D, H, new Rng(9));
    assert(
      model.decoder instanceof PeekyDecoder,
      "PeekySeq2seq.decoder must be a PeekyDecoder",
    );
    for (
      const [prefix, part, names] of [
        ["encoder_", model.encoder, ENCODER_NAMES],
        ["decoder_", model.decoder, DECODER_NAMES],
      ] as const
    ) {
      for (const name of names) {
        for (const record of ["params", "grads"] as const) {
          assert(
            model[record][prefix + name] === part[record][name],
            `new PeekySeq2seq(...).${record}.${prefix}${name} must be the ` +
              `very tensor of ${prefix.slice(0, -1)}.${record}.${name}`,
          );
        }
      }
    }
    for (const record of ["params", "grads"] as const) {
      assertEquals(
        Object.keys(model[record]).length,
        10,
        `the number of entries of PeekySeq2seq ${record}`,
      );
    }
  },
);

Deno.test(
  "PeekySeq2seq: the encoder's weights are drawn from rng first, then the peeky decoder's",
  timeLimit,
  () => {
    const model = new PeekySeq2seq(V, D, H, new Rng(10));
    const rng = new Rng(10);
    assertClose(
      model.params.encoder_embed_W,
      Tensor.randn([V, D], rng, 0.01),
      { msg: "new PeekySeq2seq(6, 3, 2, new Rng(10)).params.encoder_embed_W" },
    );
    // The encoder's lstm_Wx and lstm_Wh come between the two.
    Tensor.randn([D, 4 * H], rng);
    Tensor.randn([H, 4 * H], rng);
    assertClose(
      model.params.decoder_embed_W,
      Tensor.randn([V, D], rng, 0.01),
      { msg: "new PeekySeq2seq(6, 3, 2, new Rng(10)).params.decoder_embed_W" },
    );
  },
);

Deno.test(
  "PeekySeq2seq: forward is the loss of the peeky decoder reading the answers without their last id and predicting them without their first",
  timeLimit,
  () => {
    const model = new PeekySeq2seq(V, D, H, new Rng(11));
    for (const name of ["encoder_embed_W", "decoder_embed_W"]) {
      model.params[name].mulInPlace(100);
    }
    const strip = (prefix: string) =>
      Object.fromEntries(
        Object.entries(model.params).flatMap(([k, t]) =>
          k.startsWith(prefix) ? [[k.slice(prefix.length), t]] : []
        ),
      );
    const h = referenceLstm(strip("encoder_"), XS, Tensor.zeros([2, H]), false)
      .slice(null, -1);
    const scores = referenceScores(
      strip("decoder_"),
      TS.map((row) => row.slice(0, -1)),
      h,
    );
    const expected = referenceLoss(scores, TS.map((row) => row.slice(1)));
    const what = `PeekySeq2seq.forward(${JSON.stringify(XS)}, ${
      JSON.stringify(TS)
    })`;
    assertClose(explain(what, () => model.forward(XS, TS)), expected, {
      msg: what,
    });
  },
);

Deno.test(
  "PeekySeq2seq: backward before any forward throws an error that says forward comes first",
  timeLimit,
  () => {
    const model = new PeekySeq2seq(V, D, H, new Rng(12));
    assertForwardFirst(
      () => model.backward(),
      "PeekySeq2seq.backward() before any forward",
    );
  },
);

Deno.test(
  "PeekySeq2seq: backward agrees with the numerical gradient of all ten parameters, through the encoder's 4 steps and the decoder's 3",
  timeLimit,
  () => {
    const model = new PeekySeq2seq(V, D, H, new Rng(13));
    for (const name of ["encoder_embed_W", "decoder_embed_W"]) {
      model.params[name].mulInPlace(50);
    }
    const loss = () => model.forward(XS, TS);
    const names = Object.keys(model.params);
    const numeric = Object.fromEntries(
      names.map((n) => [n, numericalGradient(loss, model.params[n])]),
    );
    const what = `PeekySeq2seq.backward() after forward(${
      JSON.stringify(XS)
    }, ${JSON.stringify(TS)})`;
    loss();
    explain(what, () => model.backward());
    for (const name of names) {
      // 1e-5 as for the language model: a softmax with the loss inside.
      assertGradientsMatch(model.grads[name], numeric[name], {
        tolerance: 1e-5,
        msg: `${what}: grads.${name}`,
      });
    }
  },
);

Deno.test(
  "PeekySeq2seq: generate is the peeky decoder's generation from the encoder's reading of xs, and leaves xs unchanged",
  timeLimit,
  () => {
    const model = new PeekySeq2seq(V, D, H, new Rng(14));
    const rng = new Rng(15);
    for (const w of Object.values(model.params)) {
      w.assignInPlace(Tensor.randn(w.shape, rng, 3));
    }
    const xs = XS.map((row) => [...row]);
    const what = `PeekySeq2seq.generate(${JSON.stringify(XS)}, ${START}, 4)`;
    const ids = explain(what, () => model.generate(xs, START, 4));
    const expected = model.decoder.generate(
      model.encoder.forward(XS),
      START,
      4,
    );
    assertEquals(ids, expected, what);
    assertEquals(xs, XS, `${what} changed xs`);
  },
);
