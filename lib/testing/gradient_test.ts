import {
  assert,
  assertEquals,
  assertStrictEquals,
  assertStringIncludes,
  assertThrows,
} from "./assert.ts";
import { assertIncludesAll, failure } from "./test_support.ts";
import { assertClose } from "./close.ts";
import {
  assertGradientsMatch,
  assertLayerGradients,
  numericalGradient,
  relativeError,
} from "./gradient.ts";
import { Rng } from "../random.ts";
import { Tensor } from "../tensor.ts";

function bits(t: Tensor): number[] {
  return Array.from(new Uint32Array(t.data.slice().buffer));
}

// ------------------------------------------------------ numericalGradient

Deno.test("numericalGradient of sum(x^2) is 2x", () => {
  const x = Tensor.from([[3, -4], [0.5, 0]]);
  const g = numericalGradient((v) => v.pow(2).sum(), x);
  // Central difference is exact for a quadratic, up to rounding.
  assertClose(g, x.mul(2), { rtol: 1e-7, atol: 1e-8 });
});

Deno.test("numericalGradient of sum(sin x) is cos x", () => {
  const x = Tensor.uniform([5], new Rng(1), -3, 3);
  const g = numericalGradient((v) => v.map(Math.sin).sum(), x);
  // The truncation error is h^2 / 6 * |cos| = 2e-11.
  assertClose(g, x.map(Math.cos), { rtol: 1e-6, atol: 1e-8 });
});

Deno.test("numericalGradient of a matrix function matches its known gradient", () => {
  const rng = new Rng(2);
  const x = Tensor.randn([3, 4], rng);
  const w = Tensor.randn([4, 2], rng);
  const dout = Tensor.randn([3, 2], rng);
  // L = sum((x W) * dout), so dL/dW = x^T dout: exactly linear in W.
  const g = numericalGradient((v) => x.matmul(v).mul(dout).sum(), w);
  assertEquals([...g.shape], [4, 2]);
  assertClose(g, x.T.matmul(dout), { rtol: 1e-7, atol: 1e-9 });
});

Deno.test("numericalGradient uses the step h it is given", () => {
  const x = Tensor.from([1]);
  // For x^3 the central difference is 3x^2 + h^2.
  const g = numericalGradient((v) => v.pow(3).sum(), x, 0.1);
  assertClose(g, [3.01], { rtol: 1e-9 });
});

Deno.test("numericalGradient leaves x bit-identical, even for f reading x by reference", () => {
  const x = Tensor.from([[0.1, 1 / 3], [-7e-12, 123456.789]]);
  const before = bits(x);
  const g = numericalGradient(() => x.sum(), x);
  assertEquals(bits(x), before);
  assertClose(g, Tensor.ones([2, 2]), { rtol: 1e-4 });
});

Deno.test("numericalGradient puts x back when f throws", () => {
  const x = Tensor.from([0.1, 0.2, 0.3]);
  const before = bits(x);
  let calls = 0;
  const error = assertThrows(
    () =>
      numericalGradient((v) => {
        if (++calls === 4) throw new RangeError("boom");
        return v.sum();
      }, x),
    RangeError,
    "boom",
  );
  assert(error instanceof RangeError);
  assertEquals(bits(x), before);
});

// ---------------------------------------------------------- relativeError

Deno.test("relativeError is max |a-b| / max(1e-8, |a|+|b|) and where it is", () => {
  const e = relativeError(Tensor.from([1, 2]), Tensor.from([1, 2.0002]));
  assertStrictEquals(e.max, Math.abs(2 - 2.0002) / (2 + 2.0002));
  assertEquals(e.index, [1]);
  const m = relativeError(
    Tensor.from([[1, -1], [3, 0]]),
    Tensor.from([[1, 1], [3, 0]]),
  );
  assertStrictEquals(m.max, 1);
  assertEquals(m.index, [0, 1]);
  // Near zero the denominator is 1e-8, not the tiny values themselves.
  const tiny = relativeError(Tensor.from([1e-10]), Tensor.from([0]));
  assertStrictEquals(tiny.max, 1e-10 / 1e-8);
  assertEquals(relativeError(Tensor.zeros([2]), Tensor.zeros([2])), {
    max: 0,
    index: [0],
  });
});

Deno.test("relativeError counts NaN as an error of 1", () => {
  const e = relativeError(Tensor.from([1, NaN]), Tensor.from([1, 1]));
  assertEquals(e, { max: 1, index: [1] });
});

Deno.test("relativeError refuses tensors of different sizes", () => {
  assertIncludesAll(
    failure(() => relativeError(Tensor.zeros([2]), Tensor.zeros([3]))),
    "2",
    "3",
  );
});

// --------------------------------------------------- assertGradientsMatch

Deno.test("assertGradientsMatch passes for a correct analytic gradient", () => {
  const x = Tensor.from([1, -2, 0.5]);
  const numeric = numericalGradient((v) => v.pow(3).sum(), x);
  assertGradientsMatch(x.pow(2).mul(3), numeric, { tolerance: 1e-8 });
  assertGradientsMatch([3, 12, 0.75], numeric, { tolerance: 1e-8 });
});

Deno.test("assertGradientsMatch fails with the analytic and numerical values", () => {
  const numeric = Tensor.from([[1, 2], [3, 4]]);
  const analytic = Tensor.from([[1, 2], [3, 4.5]]);
  const message = failure(() =>
    assertGradientsMatch(analytic, numeric, { msg: "Sigmoid.backward: dx" })
  );
  assertIncludesAll(
    message,
    "Sigmoid.backward: dx",
    "numerical gradient",
    "largest relative error 5.88e-2 at [1, 1]",
    "allowed 1e-7",
    "analytic 4.5, numerical 4",
    "analytic:\n    [[1.  2. ]",
    "numerical:\n    [[1 2]",
  );
  // A looser tolerance lets the same pair pass.
  assertGradientsMatch(analytic, numeric, { tolerance: 0.1 });
});

Deno.test("assertGradientsMatch fails when the shapes differ, naming both", () => {
  const message = failure(() =>
    assertGradientsMatch(Tensor.zeros([6]), Tensor.zeros([2, 3]), {
      msg: "Affine.backward: dx",
    })
  );
  assertIncludesAll(message, "Affine.backward: dx", "[6]", "[2, 3]");
});

Deno.test("assertGradientsMatch says so when backward returned nothing", () => {
  const message = failure(() =>
    assertGradientsMatch(undefined, Tensor.zeros([2]), { msg: "Relu.backward" })
  );
  assertIncludesAll(
    message,
    "Relu.backward",
    "did the function forget to return",
  );
});

// --------------------------------------------------- assertLayerGradients

/** y = x * w + b, with w and b broadcast along the batch: a toy layer. */
class ScaleShift {
  w = Tensor.from([0.5, -1.5, 2]);
  b = Tensor.from([0.1, 0.2, 0.3]);
  dw?: Tensor;
  db?: Tensor;
  #x?: Tensor;
  constructor(readonly wrong: "dx" | "dw" | "none" = "none") {}
  forward(x: Tensor): Tensor {
    this.#x = x.clone();
    return x.mul(this.w).add(this.b).pow(2);
  }
  backward(dout: Tensor): Tensor {
    const x = this.#x!;
    const dz = dout.mul(x.mul(this.w).add(this.b)).mul(2);
    this.dw = dz.mul(this.wrong === "dw" ? 1 : x).sum(0);
    this.db = dz.sum(0);
    return this.wrong === "dx" ? dz : dz.mul(this.w);
  }
}

function check(layer: ScaleShift, x: Tensor) {
  assertLayerGradients({
    forward: (v) => layer.forward(v),
    backward: (dout) => layer.backward(dout),
    x,
    rng: new Rng(7),
    params: {
      W: { value: layer.w, grad: () => layer.dw },
      b: { value: layer.b, grad: () => layer.db },
    },
    tolerance: 1e-7,
    layer: "ScaleShift",
  });
}

Deno.test("assertLayerGradients passes for a correct layer with parameters", () => {
  const x = Tensor.randn([4, 3], new Rng(3));
  const layer = new ScaleShift();
  const w = layer.w.data.slice();
  check(layer, x);
  assertEquals(Array.from(layer.w.data), Array.from(w));
});

Deno.test("assertLayerGradients fails for a wrong dx", () => {
  const x = Tensor.randn([4, 3], new Rng(3));
  const message = failure(() => check(new ScaleShift("dx"), x));
  assertIncludesAll(
    message,
    "ScaleShift.backward: dx",
    "analytic",
    "numerical",
  );
});

Deno.test("assertLayerGradients fails for a wrong parameter gradient", () => {
  const x = Tensor.randn([4, 3], new Rng(3));
  const message = failure(() => check(new ScaleShift("dw"), x));
  assertIncludesAll(
    message,
    "ScaleShift.backward: dW",
    "analytic",
    "numerical",
  );
});

Deno.test("assertLayerGradients without parameters checks dx alone", () => {
  assertLayerGradients({
    forward: (x) => x.exp(),
    backward: (dout) => dout.mul(Tensor.from([[0, 1, -1]]).exp()),
    x: Tensor.from([[0, 1, -1]]),
    rng: new Rng(0),
  });
  const message = failure(() =>
    assertLayerGradients({
      forward: (x) => x.exp(),
      backward: (dout) => dout,
      x: Tensor.from([[0, 1, -1]]),
      rng: new Rng(0),
    })
  );
  assertStringIncludes(message, "layer.backward: dx");
});

Deno.test(
  "assertLayerGradients reports a backward that scales dout in place as a mutation, before any value",
  () => {
    const message = failure(() =>
      assertLayerGradients({
        layer: "Sigmoid",
        forward: (x) => x.mul(3),
        backward: (dout) => dout.mulInPlace(3),
        x: Tensor.from([1, 2]),
        rng: new Rng(0),
      })
    );
    assertStringIncludes(message, "Sigmoid.backward changed its argument dout");
    assert(!message.includes("numerical"), message);
  },
);

Deno.test(
  "assertLayerGradients reports a forward that writes into x as a mutation",
  () => {
    const message = failure(() =>
      assertLayerGradients({
        layer: "Relu",
        forward: (x) => x.mulInPlace(1).addInPlace(1),
        backward: (dout) => dout.clone(),
        x: Tensor.from([1, 2]),
        rng: new Rng(0),
      })
    );
    assertStringIncludes(message, "Relu.forward changed its argument x");
  },
);

Deno.test(
  "assertGradientsMatch says 'same values, other places' for a transposed gradient, and not for a wrong one",
  () => {
    const numeric = Tensor.from([[1, 2, 3], [4, 5, 6]]);
    const transposed = numeric.T.reshape(2, 3);
    assertStringIncludes(
      failure(() => assertGradientsMatch(transposed, numeric)),
      "same values, other places",
    );
    const wrong = numeric.mul(2);
    assert(
      !failure(() => assertGradientsMatch(wrong, numeric)).includes(
        "same values",
      ),
    );
  },
);
