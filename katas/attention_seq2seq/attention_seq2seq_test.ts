import {
  AttentionDecoder,
  AttentionEncoder,
  AttentionSeq2seq,
  TimeAttention,
} from "./attention_seq2seq.ts";
import {
  assert,
  assertClose,
  assertEquals,
  assertForwardFirst,
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
const DECODER_NAMES = [
  "embed_W",
  "lstm_Wx",
  "lstm_Wh",
  "lstm_b",
  "affine_W",
  "affine_b",
];

/** σ, elementwise. */
function sigmoid(x: Tensor): Tensor {
  return x.neg().exp().add(1).pow(-1);
}

/** The LSTM of the earlier katas, written out: hidden states `[N, T, H]` of `xs` from `h` (c zeros). */
function referenceLstm(
  p: Record<string, Tensor>,
  xs: readonly (readonly number[])[],
  h: Tensor,
): Tensor {
  const [N, T, H] = [xs.length, xs[0].length, h.shape[1]];
  let c = Tensor.zeros(h.shape);
  const hs = Tensor.zeros([N, T, H]);
  for (let t = 0; t < T; t++) {
    const x = p.embed_W.rows(xs.map((row) => row[t]));
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

/** The attention kata's layer, written out: the context `[N, H]` of `hs` for `h`. */
function referenceContext(hs: Tensor, h: Tensor): Tensor {
  const [N, T, H] = hs.shape;
  const scores = hs.mul(h.reshape(N, 1, H)).sum(2);
  const e = scores.sub(scores.max(1, true)).exp();
  const a = e.div(e.sum(1, true));
  return hs.mul(a.reshape(N, T, 1)).sum(1);
}

/** The contexts `[N, T, H]`, one per step of `hsDec`. */
function referenceTimeAttention(hsEnc: Tensor, hsDec: Tensor): Tensor {
  const [N, T, H] = hsDec.shape;
  const out = Tensor.zeros([N, T, H]);
  for (let t = 0; t < T; t++) {
    out.setSliceInPlace(
      [null, t],
      referenceContext(hsEnc, hsDec.slice(null, t)),
    );
  }
  return out;
}

/** The decoder's scores by the README's formulas. */
function referenceScores(
  p: Record<string, Tensor>,
  xs: readonly (readonly number[])[],
  encHs: Tensor,
): Tensor {
  const decHs = referenceLstm(p, xs, encHs.slice(null, -1));
  const c = referenceTimeAttention(encHs, decHs);
  const [N, T, H] = decHs.shape;
  const rec = Tensor.zeros([N, T, 2 * H])
    .setSliceInPlace([null, null, [0, H]], c)
    .setSliceInPlace([null, null, [H, null]], decHs);
  return rec.reshape(N * T, 2 * H).matmul(p.affine_W).add(p.affine_b)
    .reshape(N, T, -1);
}

// -------------------------------------------------------------- TimeAttention

Deno.test(
  "TimeAttention: forward gives each decoder step the context of all the encoder's states, and keeps each step's weights",
  timeLimit,
  () => {
    const rng = new Rng(1);
    const hsEnc = Tensor.randn([2, 4, 3], rng);
    const hsDec = Tensor.randn([2, 3, 3], rng);
    const layer = new TimeAttention();
    assertEquals(
      explain("TimeAttention.attentionWeights", () => layer.attentionWeights),
      [],
      "TimeAttention.attentionWeights before any forward",
    );
    const what = "TimeAttention.forward(hsEnc [2, 4, 3], hsDec [2, 3, 3])";
    const out = assertUnchanged(
      { hsEnc, hsDec },
      () => explain(what, () => layer.forward(hsEnc, hsDec)),
      what,
    );
    assertEquals([...out.shape], [2, 3, 3], `${what}'s shape`);
    assertClose(out, referenceTimeAttention(hsEnc, hsDec), { msg: what });
    const weights = layer.attentionWeights;
    assertEquals(weights.length, 3, `${what}: attentionWeights, one per step`);
    weights.forEach((a, t) =>
      assertClose(a.sum(1), [1, 1], {
        msg: `${what}: attentionWeights[${t}], each row summing to 1`,
      })
    );
  },
);

Deno.test(
  "TimeAttention: backward agrees with the numerical gradients of hsEnc, summed over the steps, and of hsDec",
  timeLimit,
  () => {
    const rng = new Rng(2);
    const hsEnc = Tensor.randn([2, 4, 3], rng);
    const hsDec = Tensor.randn([2, 3, 3], rng);
    const dout = Tensor.randn([2, 3, 3], rng);
    const layer = new TimeAttention();
    const loss = () => layer.forward(hsEnc, hsDec).mul(dout).sum();
    const numeric = {
      dhsEnc: numericalGradient(loss, hsEnc),
      dhsDec: numericalGradient(loss, hsDec),
    };
    layer.forward(hsEnc, hsDec);
    const what =
      "TimeAttention.backward(dout [2, 3, 3]) after forward(hsEnc [2, 4, 3], hsDec [2, 3, 3])";
    const grads = assertUnchanged(
      { dout },
      () => explain(what, () => layer.backward(dout)),
      what,
    );
    for (const name of ["dhsEnc", "dhsDec"] as const) {
      assert(
        grads?.[name] instanceof Tensor,
        `${what} must return { dhsEnc, dhsDec }`,
      );
      assertGradientsMatch(grads[name], numeric[name], {
        tolerance: 1e-7,
        msg: `${what}: ${name}`,
      });
    }
  },
);

Deno.test(
  "TimeAttention: backward before any forward throws an error that says forward comes first",
  timeLimit,
  () => {
    assertForwardFirst(
      () => new TimeAttention().backward(Tensor.ones([1, 2, 2])),
      "TimeAttention.backward(ones([1, 2, 2])) before any forward",
    );
  },
);

// ----------------------------------------------------------- AttentionEncoder

Deno.test(
  "AttentionEncoder: forward hands on every hidden state, and backward agrees with the numerical gradients",
  timeLimit,
  () => {
    const encoder = new AttentionEncoder(V, D, H, new Rng(3));
    encoder.params.embed_W.mulInPlace(50);
    const what = `AttentionEncoder.forward(${JSON.stringify(XS)})`;
    const hs = explain(what, () => encoder.forward(XS));
    assertClose(hs, referenceLstm(encoder.params, XS, Tensor.zeros([2, H])), {
      msg: `${what}: the hidden states of every step, from zeros`,
    });
    const dhs = Tensor.randn([2, 4, H], new Rng(4));
    const loss = () => encoder.forward(XS).mul(dhs).sum();
    const names = ["embed_W", "lstm_Wx", "lstm_Wh", "lstm_b"];
    const numeric = Object.fromEntries(
      names.map((n) => [n, numericalGradient(loss, encoder.params[n])]),
    );
    encoder.forward(XS);
    explain("AttentionEncoder.backward", () => encoder.backward(dhs));
    for (const name of names) {
      assertGradientsMatch(encoder.grads[name], numeric[name], {
        tolerance: 1e-6,
        msg: `AttentionEncoder.backward(dhs [2, 4, 2]): grads.${name}`,
      });
    }
  },
);

Deno.test(
  "AttentionEncoder: the weights are drawn from rng in the order embed_W, lstm_Wx, lstm_Wh, with the book's scales, and the bias is zeros",
  timeLimit,
  () => {
    const encoder = new AttentionEncoder(V, D, H, new Rng(15));
    const rng = new Rng(15);
    const expected: Record<string, Tensor> = {
      embed_W: Tensor.randn([V, D], rng, 0.01),
      lstm_Wx: Tensor.randn([D, 4 * H], rng, 1 / Math.sqrt(D)),
      lstm_Wh: Tensor.randn([H, 4 * H], rng, 1 / Math.sqrt(H)),
      lstm_b: Tensor.zeros([4 * H]),
    };
    assertEquals(
      Object.keys(encoder.params).sort(),
      Object.keys(expected).sort(),
      "new AttentionEncoder(6, 3, 2, rng).params' names",
    );
    for (const [name, t] of Object.entries(expected)) {
      assertClose(encoder.params[name], t, {
        msg: `new AttentionEncoder(6, 3, 2, new Rng(15)).params.${name}`,
      });
    }
  },
);

// ----------------------------------------------------------- AttentionDecoder

Deno.test(
  "AttentionDecoder: params hold the six tensors, affine_W [2H, V] for the context beside the hidden state, drawn in order",
  timeLimit,
  () => {
    const decoder = new AttentionDecoder(V, D, H, new Rng(5));
    const rng = new Rng(5);
    const expected: Record<string, Tensor> = {
      embed_W: Tensor.randn([V, D], rng, 0.01),
      lstm_Wx: Tensor.randn([D, 4 * H], rng, 1 / Math.sqrt(D)),
      lstm_Wh: Tensor.randn([H, 4 * H], rng, 1 / Math.sqrt(H)),
      affine_W: Tensor.randn([2 * H, V], rng, 1 / Math.sqrt(2 * H)),
      lstm_b: Tensor.zeros([4 * H]),
      affine_b: Tensor.zeros([V]),
    };
    for (const record of ["params", "grads"] as const) {
      assertEquals(
        Object.keys(decoder[record]).sort(),
        [...DECODER_NAMES].sort(),
        `new AttentionDecoder(6, 3, 2, rng).${record}'s names`,
      );
    }
    for (const name of DECODER_NAMES) {
      assertClose(decoder.params[name], expected[name], {
        msg: `new AttentionDecoder(6, 3, 2, new Rng(5)).params.${name}`,
      });
      assertClose(decoder.grads[name], Tensor.zeros(expected[name].shape), {
        msg: `new AttentionDecoder(...).grads.${name} before any backward`,
      });
    }
  },
);

Deno.test(
  "AttentionDecoder: forward starts from the encoder's last state and scores [context, hidden state] at every step, at every call",
  timeLimit,
  () => {
    const decoder = new AttentionDecoder(V, D, H, new Rng(6));
    decoder.params.embed_W.mulInPlace(100);
    const rng = new Rng(7);
    const [enc1, enc2] = [
      Tensor.randn([2, 4, H], rng),
      Tensor.randn([2, 4, H], rng),
    ];
    const xs = TS.map((row) => row.slice(0, -1));
    for (
      const [encHs, which] of [[enc1, "1"], [enc2, "2"], [
        enc1,
        "1 again",
      ]] as const
    ) {
      const what = `AttentionDecoder.forward(${
        JSON.stringify(xs)
      }, encHs ${which})`;
      const scores = explain(what, () => decoder.forward(xs, encHs));
      assertEquals([...scores.shape], [2, 3, V], `${what}'s shape`);
      assertClose(scores, referenceScores(decoder.params, xs, encHs), {
        msg: `${what}: the LSTM starts from encHs[:, -1] (memory cell zeros) ` +
          "at every call, and the affine layer reads [c_t, h_t], c first",
      });
    }
  },
);

Deno.test(
  "AttentionDecoder: backward agrees with the numerical gradients of every parameter and of encHs, by the attention and by the first state",
  timeLimit,
  () => {
    const decoder = new AttentionDecoder(V, D, H, new Rng(8));
    decoder.params.embed_W.mulInPlace(50);
    const rng = new Rng(9);
    const encHs = Tensor.randn([2, 4, H], rng);
    const dscore = Tensor.randn([2, 3, V], rng);
    const xs = TS.map((row) => row.slice(0, -1));
    const loss = () => decoder.forward(xs, encHs).mul(dscore).sum();
    const numeric = Object.fromEntries(
      DECODER_NAMES.map((n) => [n, numericalGradient(loss, decoder.params[n])]),
    );
    const numericEnc = numericalGradient(loss, encHs);
    decoder.forward(xs, encHs);
    const what =
      "AttentionDecoder.backward(dscore) after forward(2 rows of 3 ids, encHs)";
    const dEnc = assertUnchanged(
      { dscore, encHs },
      () => explain(what, () => decoder.backward(dscore)),
      what,
    );
    assert(dEnc instanceof Tensor, `${what} must return the gradient of encHs`);
    assertGradientsMatch(dEnc, numericEnc, {
      tolerance: 1e-6,
      msg: `${what}: the returned gradient of encHs (the last step's also ` +
        "has the LSTM's dh: it was the first state)",
    });
    for (const name of DECODER_NAMES) {
      assertGradientsMatch(decoder.grads[name], numeric[name], {
        tolerance: 1e-6,
        msg: `${what}: grads.${name}`,
      });
    }
  },
);

Deno.test(
  "AttentionDecoder: generate feeds each step's most likely id to the next, attending to encHs at every step",
  timeLimit,
  () => {
    const decoder = new AttentionDecoder(V, D, 6, new Rng(10));
    const rng = new Rng(47);
    for (const w of Object.values(decoder.params)) {
      w.assignInPlace(Tensor.randn(w.shape, rng, 2));
    }
    const encHs = Tensor.randn([2, 4, 6], rng);
    decoder.forward([[1], [2]], Tensor.randn([2, 4, 6], rng));
    const what = `AttentionDecoder.generate(encHs, ${START}, 5)`;
    const ids = explain(what, () => decoder.generate(encHs, START, 5));
    assertEquals(ids.length, 2, `${what}: one row of ids per row of encHs`);
    ids.forEach((row, n) =>
      assertEquals(row.length, 5, `${what}: row ${n}'s length`)
    );
    const inputs = ids.map((row) => [START, ...row.slice(0, -1)]);
    assertEquals(
      ids,
      referenceScores(decoder.params, inputs, encHs).argmax(2).toArray(),
      `${what}: each id the argmax of its step's scores, each step's input ` +
        `the id before it (the start id first); got ${JSON.stringify(ids)}`,
    );
    assert(
      new Set(ids.flat()).size > 3,
      `the spec's example must generate different ids, got ${
        JSON.stringify(ids)
      }`,
    );
  },
);

// ----------------------------------------------------------- AttentionSeq2seq

Deno.test(
  "AttentionSeq2seq: the ten parameters under encoder_ and decoder_, the very tensors, the encoder drawn first",
  timeLimit,
  () => {
    const model = new AttentionSeq2seq(V, D, H, new Rng(11));
    for (
      const [prefix, part] of [["encoder_", model.encoder], [
        "decoder_",
        model.decoder,
      ]] as const
    ) {
      for (const record of ["params", "grads"] as const) {
        for (const [name, t] of Object.entries(part[record])) {
          assert(
            model[record][prefix + name] === t,
            `AttentionSeq2seq.${record}.${prefix}${name} must be the very tensor of its part`,
          );
        }
      }
    }
    assertEquals(
      Object.keys(model.params).length,
      10,
      "the number of entries of params",
    );
    assertClose(
      model.params.encoder_embed_W,
      Tensor.randn([V, D], new Rng(11), 0.01),
      {
        msg:
          "new AttentionSeq2seq(6, 3, 2, new Rng(11)).params.encoder_embed_W, drawn first",
      },
    );
  },
);

Deno.test(
  "AttentionSeq2seq: backward before forward is refused, and backward agrees with the numerical gradient of all ten parameters",
  timeLimit,
  () => {
    const model = new AttentionSeq2seq(V, D, H, new Rng(12));
    assertForwardFirst(
      () => model.backward(),
      "AttentionSeq2seq.backward() before any forward",
    );
    for (const name of ["encoder_embed_W", "decoder_embed_W"]) {
      model.params[name].mulInPlace(50);
    }
    const loss = () => model.forward(XS, TS);
    const names = Object.keys(model.params);
    const numeric = Object.fromEntries(
      names.map((n) => [n, numericalGradient(loss, model.params[n])]),
    );
    const what = `AttentionSeq2seq.backward() after forward(${
      JSON.stringify(XS)
    }, ${JSON.stringify(TS)})`;
    loss();
    explain(what, () => model.backward());
    for (const name of names) {
      assertGradientsMatch(model.grads[name], numeric[name], {
        tolerance: 1e-5,
        msg: `${what}: grads.${name}`,
      });
    }
  },
);

Deno.test(
  "AttentionSeq2seq: generate is the decoder's generation attending to the encoder's states of xs",
  timeLimit,
  () => {
    const model = new AttentionSeq2seq(V, D, H, new Rng(13));
    const rng = new Rng(14);
    for (const w of Object.values(model.params)) {
      w.assignInPlace(Tensor.randn(w.shape, rng, 3));
    }
    const what = `AttentionSeq2seq.generate(${
      JSON.stringify(XS)
    }, ${START}, 4)`;
    const ids = explain(what, () => model.generate(XS, START, 4));
    assertEquals(
      ids,
      model.decoder.generate(model.encoder.forward(XS), START, 4),
      what,
    );
  },
);
