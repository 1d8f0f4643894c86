import { Decoder, Encoder, Seq2seq } from "./seq2seq.ts";
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
  lstm_Wx: [D, 4 * H],
  lstm_Wh: [H, 4 * H],
  lstm_b: [4 * H],
  affine_W: [H, V],
  affine_b: [V],
};

/** σ, elementwise. */
function sigmoid(x: Tensor): Tensor {
  return x.neg().exp().add(1).pow(-1);
}

/**
 * The LSTM of the earlier katas, written out for the spec: the hidden states
 * `[N, T, H]` of the ids `xs` from `h` (and a memory cell of zeros), the
 * gates f, g, i, o side by side.
 */
function referenceLstm(
  p: Record<string, Tensor>,
  xs: readonly (readonly number[])[],
  h: Tensor,
): Tensor {
  const [N, T, H] = [xs.length, xs[0].length, h.shape[1]];
  let c = Tensor.zeros(h.shape);
  const hs = Tensor.zeros([N, T, h.shape[1]]);
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

/** The decoder's scores by the reference: the LSTM from `h`, then the affine layer. */
function referenceScores(
  p: Record<string, Tensor>,
  xs: readonly (readonly number[])[],
  h: Tensor,
): Tensor {
  const hs = referenceLstm(p, xs, h);
  const [N, T, H] = hs.shape;
  return hs.reshape(N * T, H).matmul(p.affine_W).add(p.affine_b).reshape(
    N,
    T,
    V,
  );
}

/** The mean cross-entropy of softmax(scores) `[N, T, V]` against `ts`. */
function referenceLoss(scores: Tensor, ts: number[][]): number {
  const x = scores.reshape(-1, V);
  const shifted = x.sub(x.max(1, true));
  const logYs = shifted.sub(shifted.exp().sum(1, true).log());
  return -logYs.takePerRow(ts.flat()).sum() / ts.flat().length;
}

/** Fails unless `record` holds `names` with the shapes of SHAPES. */
function assertRecord(
  record: Record<string, Tensor>,
  names: string[],
  prefix: string,
  what: string,
): void {
  assertEquals(
    Object.keys(record).sort(),
    names.map((n) => prefix + n).sort(),
    `${what}'s names`,
  );
  for (const name of names) {
    assertEquals(
      [...record[prefix + name].shape],
      SHAPES[name],
      `${what}.${prefix}${name}'s shape`,
    );
  }
}

// -------------------------------------------------------------------- Encoder

Deno.test(
  "Encoder: params and grads hold embed_W and the LSTM's Wx, Wh, b, grads zeros of their own",
  timeLimit,
  () => {
    const encoder = new Encoder(V, D, H, new Rng(1));
    assertRecord(
      encoder.params,
      ENCODER_NAMES,
      "",
      "new Encoder(6, 3, 2, rng).params",
    );
    assertRecord(
      encoder.grads,
      ENCODER_NAMES,
      "",
      "new Encoder(6, 3, 2, rng).grads",
    );
    for (const name of ENCODER_NAMES) {
      assertClose(encoder.grads[name], Tensor.zeros(SHAPES[name]), {
        msg: `new Encoder(6, 3, 2, rng).grads.${name} before any backward`,
      });
      assertFresh(encoder.grads[name], encoder.params, `Encoder grads.${name}`);
    }
  },
);

Deno.test(
  "Encoder: the weights are drawn from rng in the order embed_W, lstm_Wx, lstm_Wh, with the book's scales, and the bias is zeros",
  timeLimit,
  () => {
    const encoder = new Encoder(V, D, H, new Rng(2));
    const rng = new Rng(2);
    const expected = {
      embed_W: Tensor.randn([V, D], rng, 0.01),
      lstm_Wx: Tensor.randn([D, 4 * H], rng, 1 / Math.sqrt(D)),
      lstm_Wh: Tensor.randn([H, 4 * H], rng, 1 / Math.sqrt(H)),
      lstm_b: Tensor.zeros([4 * H]),
    };
    for (const [name, t] of Object.entries(expected)) {
      assertClose(encoder.params[name], t, {
        msg: `new Encoder(6, 3, 2, new Rng(2)).params.${name}`,
      });
    }
  },
);

Deno.test(
  "Encoder: forward returns the last step's hidden state, [N, H], from zeros at every call",
  timeLimit,
  () => {
    const encoder = new Encoder(V, D, H, new Rng(3));
    encoder.params.embed_W.mulInPlace(100);
    const expected = referenceLstm(encoder.params, XS, Tensor.zeros([2, H]))
      .slice(null, -1);
    const what = `Encoder.forward(${JSON.stringify(XS)})`;
    const h = explain(what, () => encoder.forward(XS));
    assertEquals([...h.shape], [2, H], `${what}'s shape`);
    assertClose(h, expected, { msg: what });
    assertClose(explain(what, () => encoder.forward(XS)), expected, {
      msg: `${what} a second time: every question starts from zeros, not ` +
        "from the state the last one ended with",
    });
  },
);

Deno.test(
  "Encoder: backward before forward, or with a dh not [N, H], is refused with an error that says so",
  timeLimit,
  () => {
    const encoder = new Encoder(V, D, H, new Rng(4));
    assertForwardFirst(
      () => encoder.backward(Tensor.ones([2, H])),
      "Encoder.backward(ones([2, 2])) before any forward",
    );
    encoder.forward(XS);
    const error = assertClearError(
      // [1, 2] would broadcast to both rows without a word.
      () => encoder.backward(Tensor.ones([1, H])),
      "Encoder.backward(dh of shape [1, 2]) after a forward of 2 rows",
      {
        includes: "[1, 2]",
        says: "name the shape of dh",
        fix: "compare dh's shape with [N, H] and throw an Error that names it",
      },
    );
    assert(
      error.message.includes("[2, 2]"),
      `Encoder.backward(dh of shape [1, 2]) threw "${error.message}", which ` +
        "does not say the shape dh must have, [N, H] = [2, 2]",
    );
  },
);

Deno.test(
  "Encoder: backward agrees with the numerical gradient of every parameter through 4 steps, and leaves dh unchanged",
  timeLimit,
  () => {
    const encoder = new Encoder(V, D, H, new Rng(5));
    // Larger vectors than the book's 0.01, so that every gradient is well
    // above the central difference's rounding.
    encoder.params.embed_W.mulInPlace(50);
    const dh = Tensor.randn([2, H], new Rng(6));
    const loss = () => encoder.forward(XS).mul(dh).sum();
    const numeric = Object.fromEntries(
      ENCODER_NAMES.map((n) => [n, numericalGradient(loss, encoder.params[n])]),
    );
    const held = { ...encoder.grads };
    encoder.forward(XS);
    const what = "Encoder.backward(dh) after forward(2 rows of 4 ids)";
    assertUnchanged(
      { dh },
      () => explain(what, () => encoder.backward(dh)),
      what,
    );
    for (const name of ENCODER_NAMES) {
      assert(
        encoder.grads[name] === held[name],
        `${what} replaced grads.${name} with another tensor: write into it`,
      );
      // The layers' own checks hold each part to 1e-7.
      assertGradientsMatch(encoder.grads[name], numeric[name], {
        tolerance: 1e-6,
        msg: `${what}: grads.${name}`,
      });
    }
  },
);

// -------------------------------------------------------------------- Decoder

Deno.test(
  "Decoder: params and grads hold embed_W, the LSTM's Wx, Wh, b and the affine W, b, grads zeros of their own",
  timeLimit,
  () => {
    const decoder = new Decoder(V, D, H, new Rng(7));
    assertRecord(
      decoder.params,
      DECODER_NAMES,
      "",
      "new Decoder(6, 3, 2, rng).params",
    );
    assertRecord(
      decoder.grads,
      DECODER_NAMES,
      "",
      "new Decoder(6, 3, 2, rng).grads",
    );
    for (const name of DECODER_NAMES) {
      assertClose(decoder.grads[name], Tensor.zeros(SHAPES[name]), {
        msg: `new Decoder(6, 3, 2, rng).grads.${name} before any backward`,
      });
      assertFresh(decoder.grads[name], decoder.params, `Decoder grads.${name}`);
    }
  },
);

Deno.test(
  "Decoder: the weights are drawn from rng in the order embed_W, lstm_Wx, lstm_Wh, affine_W, with the book's scales, and the biases are zeros",
  timeLimit,
  () => {
    const decoder = new Decoder(V, D, H, new Rng(8));
    const rng = new Rng(8);
    const expected = {
      embed_W: Tensor.randn([V, D], rng, 0.01),
      lstm_Wx: Tensor.randn([D, 4 * H], rng, 1 / Math.sqrt(D)),
      lstm_Wh: Tensor.randn([H, 4 * H], rng, 1 / Math.sqrt(H)),
      affine_W: Tensor.randn([H, V], rng, 1 / Math.sqrt(H)),
      lstm_b: Tensor.zeros([4 * H]),
      affine_b: Tensor.zeros([V]),
    };
    for (const [name, t] of Object.entries(expected)) {
      assertClose(decoder.params[name], t, {
        msg: `new Decoder(6, 3, 2, new Rng(8)).params.${name}`,
      });
    }
  },
);

Deno.test(
  "Decoder: forward gives the scores [N, T, V] of an LSTM that starts from the h given, at every call",
  timeLimit,
  () => {
    const decoder = new Decoder(V, D, H, new Rng(9));
    decoder.params.embed_W.mulInPlace(100);
    const rng = new Rng(10);
    const [h1, h2] = [Tensor.randn([2, H], rng), Tensor.randn([2, H], rng)];
    const xs = TS.map((row) => row.slice(0, -1));
    for (
      const [h, which] of [[h1, "h1"], [h2, "h2"], [h1, "h1 again"]] as const
    ) {
      const what = `Decoder.forward(${JSON.stringify(xs)}, ${which})`;
      const scores = explain(what, () => decoder.forward(xs, h));
      assertEquals([...scores.shape], [2, 3, V], `${what}'s shape`);
      assertClose(scores, referenceScores(decoder.params, xs, h), {
        msg: `${what}: the first step's LSTM starts from the h given (and ` +
          "a memory cell of zeros), not from the state the last call ended with",
      });
    }
  },
);

Deno.test(
  "Decoder: backward agrees with the numerical gradient of every parameter and of h through 3 steps",
  timeLimit,
  () => {
    const decoder = new Decoder(V, D, H, new Rng(11));
    decoder.params.embed_W.mulInPlace(50);
    const rng = new Rng(12);
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
    const what = "Decoder.backward(dscore) after forward(2 rows of 3 ids, h)";
    const dh = assertUnchanged(
      { dscore, h },
      () => explain(what, () => decoder.backward(dscore)),
      what,
    );
    assert(dh instanceof Tensor, `${what} must return the gradient of h`);
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
  "Decoder: generate feeds each step's most likely id to the next, from the start id and the h given",
  timeLimit,
  () => {
    // Six hidden values and weights far from the book's small start, so that
    // the ids generated differ from step to step and from row to row.
    const decoder = new Decoder(V, D, 6, new Rng(13));
    const rng = new Rng(34);
    for (const w of Object.values(decoder.params)) {
      w.assignInPlace(Tensor.randn(w.shape, rng, 2));
    }
    const h = Tensor.randn([2, 6], rng);
    // A forward from another state first: generate must start from its own h.
    decoder.forward([[1], [2]], Tensor.randn([2, 6], rng));
    const what = `Decoder.generate(h, ${START}, 5)`;
    const ids = explain(what, () => decoder.generate(h, START, 5));
    assertEquals(ids.length, 2, `${what}: one row of ids per row of h`);
    ids.forEach((row, n) =>
      assertEquals(row.length, 5, `${what}: row ${n}'s length`)
    );
    // Greedy decoding, by the reference: the scores of the ids generated so
    // far, the start id first, and the best id of every step.
    const inputs = ids.map((row) => [START, ...row.slice(0, -1)]);
    const best = referenceScores(decoder.params, inputs, h).argmax(2);
    assertEquals(
      ids,
      best.toArray(),
      `${what}: each id must be the argmax of its step's scores, each step's ` +
        `input the id before it (the start id first); got ${
          JSON.stringify(ids)
        }`,
    );
    assert(
      new Set(ids.flat()).size > 3,
      `the spec's example must generate different ids, got ${
        JSON.stringify(ids)
      }`,
    );
    assertEquals(
      explain(what, () => decoder.generate(h, START, 5)),
      ids,
      `${what} a second time: every call starts again from h`,
    );
  },
);

// -------------------------------------------------------------------- Seq2seq

Deno.test(
  "Seq2seq: params and grads hold the encoder's under encoder_ and the decoder's under decoder_, the very tensors",
  timeLimit,
  () => {
    const model = new Seq2seq(V, D, H, new Rng(15));
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
            `new Seq2seq(...).${record}.${prefix}${name} must be the very ` +
              `tensor of ${prefix.slice(0, -1)}.${record}.${name}`,
          );
        }
      }
    }
    assertEquals(
      Object.keys(model.params).length,
      10,
      "the number of entries of Seq2seq params",
    );
    assertEquals(
      Object.keys(model.grads).length,
      10,
      "the number of entries of Seq2seq grads",
    );
  },
);

Deno.test(
  "Seq2seq: the encoder's weights are drawn from rng first, then the decoder's",
  timeLimit,
  () => {
    const model = new Seq2seq(V, D, H, new Rng(16));
    const rng = new Rng(16);
    assertClose(model.params.encoder_embed_W, Tensor.randn([V, D], rng, 0.01), {
      msg: "new Seq2seq(6, 3, 2, new Rng(16)).params.encoder_embed_W",
    });
    // The encoder's lstm_Wx and lstm_Wh come between the two.
    Tensor.randn([D, 4 * H], rng);
    Tensor.randn([H, 4 * H], rng);
    assertClose(model.params.decoder_embed_W, Tensor.randn([V, D], rng, 0.01), {
      msg: "new Seq2seq(6, 3, 2, new Rng(16)).params.decoder_embed_W",
    });
  },
);

Deno.test(
  "Seq2seq: forward is the loss of the decoder reading the answers without their last id and predicting them without their first",
  timeLimit,
  () => {
    const model = new Seq2seq(V, D, H, new Rng(17));
    for (const name of ["encoder_embed_W", "decoder_embed_W"]) {
      model.params[name].mulInPlace(100);
    }
    const strip = (prefix: string) =>
      Object.fromEntries(
        Object.entries(model.params).flatMap(([k, t]) =>
          k.startsWith(prefix) ? [[k.slice(prefix.length), t]] : []
        ),
      );
    const h = referenceLstm(strip("encoder_"), XS, Tensor.zeros([2, H]))
      .slice(null, -1);
    const scores = referenceScores(
      strip("decoder_"),
      TS.map((row) => row.slice(0, -1)),
      h,
    );
    const expected = referenceLoss(scores, TS.map((row) => row.slice(1)));
    const what = `Seq2seq.forward(${JSON.stringify(XS)}, ${
      JSON.stringify(TS)
    })`;
    const loss = explain(what, () => model.forward(XS, TS));
    assertClose(loss, expected, { msg: what });
  },
);

Deno.test(
  "Seq2seq: an untrained model's loss is close to log V",
  timeLimit,
  () => {
    const model = new Seq2seq(V, D, H, new Rng(18));
    const loss = explain("Seq2seq.forward", () => model.forward(XS, TS));
    // Vectors of 0.01 keep the scores near 0: every id about equally likely.
    assert(
      Math.abs(loss - Math.log(V)) < 0.2,
      `Seq2seq.forward of an untrained model of 6 ids gave ${loss}, not near log 6 = ${
        Math.log(V).toFixed(3)
      }`,
    );
  },
);

Deno.test(
  "Seq2seq: backward before any forward throws an error that says forward comes first",
  timeLimit,
  () => {
    const model = new Seq2seq(V, D, H, new Rng(19));
    assertForwardFirst(
      () => model.backward(),
      "Seq2seq.backward() before any forward",
    );
  },
);

Deno.test(
  "Seq2seq: backward agrees with the numerical gradient of all ten parameters, through the encoder's 4 steps and the decoder's 3",
  timeLimit,
  () => {
    const model = new Seq2seq(V, D, H, new Rng(20));
    for (const name of ["encoder_embed_W", "decoder_embed_W"]) {
      model.params[name].mulInPlace(50);
    }
    const loss = () => model.forward(XS, TS);
    const names = Object.keys(model.params);
    const numeric = Object.fromEntries(
      names.map((n) => [n, numericalGradient(loss, model.params[n])]),
    );
    const what = `Seq2seq.backward() after forward(${JSON.stringify(XS)}, ${
      JSON.stringify(TS)
    })`;
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
  "Seq2seq: generate is the decoder's generation from the encoder's reading of xs",
  timeLimit,
  () => {
    const model = new Seq2seq(V, D, H, new Rng(21));
    const rng = new Rng(23);
    for (const w of Object.values(model.params)) {
      w.assignInPlace(Tensor.randn(w.shape, rng, 3));
    }
    const what = `Seq2seq.generate(${JSON.stringify(XS)}, ${START}, 4)`;
    const ids = explain(what, () => model.generate(XS, START, 4));
    const expected = model.decoder.generate(
      model.encoder.forward(XS),
      START,
      4,
    );
    assertEquals(ids, expected, what);
  },
);

Deno.test(
  "Seq2seq: forward, backward and generate leave the ids unchanged",
  timeLimit,
  () => {
    const model = new Seq2seq(V, D, H, new Rng(22));
    const xs = XS.map((row) => [...row]);
    const ts = TS.map((row) => [...row]);
    model.forward(xs, ts);
    model.backward();
    model.generate(xs, START, 3);
    assertEquals(xs, XS, "Seq2seq.forward, backward and generate changed xs");
    assertEquals(ts, TS, "Seq2seq.forward and backward changed ts");
  },
);
