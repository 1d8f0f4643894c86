import { type CheckableNet, gradientCheck } from "./gradient_check.ts";
import {
  assert,
  assertClearError,
  assertClose,
  assertEquals,
  assertMatch,
  assertUnchanged,
  Rng,
  Tensor,
  tensor,
  timeLimit,
} from "../../lib/testing/mod.ts";

/**
 * A linear model `y = x·W + b` with the loss `sum((y - t)²) / 2N`, whose
 * gradient is short enough to write by hand: with `dy = (y - t) / N`,
 * `dW = xᵀ·dy` and `db = dy` summed over the batch. With `forgetN` its
 * gradient makes a classic mistake: dW without the 1 / N of the batch mean.
 */
class LinearNet implements CheckableNet {
  params: Record<string, Tensor>;
  #forgetN: boolean;

  constructor(W: Tensor, b: Tensor, forgetN = false) {
    this.params = { W, b };
    this.#forgetN = forgetN;
  }

  #predict(x: Tensor): Tensor {
    return x.matmul(this.params.W).add(this.params.b);
  }

  loss(x: Tensor, t: Tensor): number {
    return this.#predict(x).sub(t).pow(2).sum() / (2 * x.shape[0]);
  }

  gradient(x: Tensor, t: Tensor): Record<string, Tensor> {
    const n = x.shape[0];
    const dy = this.#predict(x).sub(t).div(n);
    const dW = x.T.matmul(this.#forgetN ? dy.mul(n) : dy);
    return { W: dW, b: dy.sum(0) };
  }
}

/** A random linear model and batch: N = 4 samples, 3 inputs, 2 outputs. */
function linearCase(seed: number, forgetN = false) {
  const rng = new Rng(seed);
  const W = Tensor.randn([3, 2], rng);
  const b = Tensor.randn([2], rng);
  const x = Tensor.randn([4, 3], rng);
  const t = Tensor.randn([4, 2], rng);
  return { W, b, x, t, net: new LinearNet(W, b, forgetN) };
}

/** A net whose loss and gradient are given as functions of its parameters. */
function netOf(
  params: Record<string, Tensor>,
  loss: (p: Record<string, Tensor>) => number,
  gradient: (p: Record<string, Tensor>) => Record<string, Tensor>,
): CheckableNet {
  return {
    params,
    loss: () => loss(params),
    gradient: () => gradient(params),
  };
}

// The losses here are quadratic, so the numerical gradient is exact up to
// rounding (about 1e-11 relative) and each expected error below (3/5, 1/3,
// 1) is met to about 1e-10. The rtol 1e-6 leaves room for that and still
// tells these values from the neighbouring formulas' (1/2, 3/4, 3, ...).

// x and t for the nets that ignore them.
const X = tensor([[0]]);
const T = tensor([0]);

// First, because a check that leaves the parameters moved spoils the
// network it checks, whatever errors it reports.
Deno.test(
  "the check nudges the very tensors in net.params and puts them back",
  timeLimit,
  () => {
    const w = tensor([1, 2]);
    const seen: number[] = [];
    const net = netOf(
      { w },
      (p) => {
        seen.push(p.w.get(0));
        return p.w.pow(2).sum();
      },
      (p) => ({ w: p.w.mul(2) }),
    );
    assertUnchanged(
      { w, x: X, t: T },
      () => gradientCheck(net, X, T),
      "gradientCheck",
    );
    assert(net.params.w === w, "gradientCheck replaced net.params.w");
    assert(
      seen.some((v) => v !== 1),
      "gradientCheck never changed net.params.w while it called net.loss: " +
        "nudge the parameter tensor itself (the net reads it by reference), " +
        "not a copy",
    );
  },
);

Deno.test(
  "a correct gradient scores below 1e-7 for every parameter, reported by name",
  timeLimit,
  () => {
    const { x, t, net } = linearCase(1);
    const errors = gradientCheck(net, x, t);
    assertEquals(
      Object.keys(errors).sort(),
      ["W", "b"],
      "gradientCheck must report one error per parameter, named as in net.params",
    );
    for (const name of ["W", "b"]) {
      // The loss is quadratic, so the central difference is exact up to
      // rounding (about 1e-16 |L| / h ≈ 1e-12): correct gradients score far
      // below 1e-7, wrong ones 1e-2 or more.
      assert(
        errors[name] < 1e-7,
        `gradientCheck on a linear model with a correct gradient reported ` +
          `${errors[name]} for ${name}; expected below 1e-7`,
      );
    }
  },
);

Deno.test(
  "a gradient that forgets the 1/N of the batch mean scores 0.6 for W, while b still passes",
  timeLimit,
  () => {
    const { x, t, net } = linearCase(2, true);
    const errors = gradientCheck(net, x, t);
    // dW is N = 4 times too large: |4g - g| / (|4g| + |g|) = 3/5 everywhere.
    assertClose(errors.W, 0.6, {
      rtol: 1e-6,
      msg: "gradientCheck(...).W for dW = xᵀ·(y - t), the 1/N forgotten",
    });
    assert(
      errors.b < 1e-7,
      `gradientCheck(...).b for a correct db reported ${errors.b}; expected below 1e-7`,
    );
  },
);

Deno.test(
  "the error is |a - b| / (|a| + |b|): half the true gradient scores 1/3",
  timeLimit,
  () => {
    // loss = sum(w²) has gradient 2w; this net claims w.
    const net = netOf(
      { w: tensor([1.5, 2, 0.5]) },
      (p) => p.w.pow(2).sum(),
      (p) => ({ w: p.w.clone() }),
    );
    assertClose(gradientCheck(net, X, T).w, 1 / 3, {
      rtol: 1e-6,
      msg:
        "gradientCheck for loss sum(w²), w = [1.5, 2, 0.5], claimed gradient w",
    });
  },
);

Deno.test(
  "at small scales the error is still relative: half the true gradient scores 1/3 when the gradient is about 1e-6",
  timeLimit,
  () => {
    // loss = 1e-6 sum(w²) has gradient 2e-6 w; this net claims 1e-6 w. The
    // numerical gradient is exact up to rounding (1e-22 / h, about 1e-12 of
    // the gradient), so only the formula decides: a floor added to
    // |a| + |b|, or one above 1e-6, moves the error off 1/3.
    const net = netOf(
      { w: tensor([1.5, 2, 0.5]) },
      (p) => p.w.pow(2).sum() * 1e-6,
      (p) => ({ w: p.w.mul(1e-6) }),
    );
    assertClose(gradientCheck(net, X, T).w, 1 / 3, {
      rtol: 1e-6,
      msg: "gradientCheck for loss 1e-6 sum(w²), w = [1.5, 2, 0.5], claimed " +
        "gradient 1e-6 w",
    });
  },
);

Deno.test(
  "the floor is 1e-8: a gradient of 1e-9 claimed as 0 scores 1e-9 / 1e-8 = 0.1",
  timeLimit,
  () => {
    // loss = 1e-9 sum(w) has the gradient 1e-9 everywhere, which its central
    // difference gives to about 1e-12 relative; the net claims 0. So
    // |a - b| = |a| + |b| = 1e-9, below the floor: the error is
    // 1e-9 / max(1e-8, 1e-9) = 0.1 (1 without the floor, 0.01 with 1e-7).
    const net = netOf(
      { w: tensor([1, 2]) },
      (p) => p.w.sum() * 1e-9,
      () => ({ w: Tensor.zeros([2]) }),
    );
    assertClose(gradientCheck(net, X, T).w, 0.1, {
      rtol: 1e-6,
      msg: "gradientCheck for loss 1e-9 sum(w), claimed gradient 0 " +
        "(the error is |a - b| / max(1e-8, |a| + |b|))",
    });
  },
);

Deno.test(
  "a gradient with the wrong sign scores 1, the largest error there is",
  timeLimit,
  () => {
    // loss = sum(w²) has gradient 2w; this net claims -2w. Then
    // |a - b| = 2|a| = |a| + |b|: the error is exactly 1, as for a gradient
    // of 0. Dividing by |a + b| instead would give 2|a| / 1e-8.
    const net = netOf(
      { w: tensor([1.5, -2, 0.5]) },
      (p) => p.w.pow(2).sum(),
      (p) => ({ w: p.w.mul(-2) }),
    );
    assertClose(gradientCheck(net, X, T).w, 1, {
      rtol: 1e-6,
      msg:
        "gradientCheck for loss sum(w²), w = [1.5, -2, 0.5], claimed gradient -2w " +
        "(the denominator is |a| + |b|, not |a + b|)",
    });
  },
);

Deno.test(
  "a gradient wrong in one element scores that element's error, the largest, not the mean",
  timeLimit,
  () => {
    // The gradient of sum(w²) is 2w; this net gets element 2 wrong (0, not 6).
    const net = netOf(
      { w: tensor([1, 2, 3, 4]) },
      (p) => p.w.pow(2).sum(),
      (p) => ({ w: p.w.mul(2).setInPlace([2], 0) }),
    );
    assertClose(gradientCheck(net, X, T).w, 1, {
      rtol: 1e-6,
      msg:
        "gradientCheck for loss sum(w²), w = [1, 2, 3, 4], claimed gradient [2, 4, 0, 8]",
    });
  },
);

Deno.test(
  "a zero gradient that is right scores 0, not NaN",
  timeLimit,
  () => {
    // The loss ignores `unused`: both gradients of it are exactly 0.
    const net = netOf(
      { w: tensor([1, 2]), unused: tensor([3, 4]) },
      (p) => p.w.pow(2).sum(),
      (p) => ({ w: p.w.mul(2), unused: Tensor.zeros([2]) }),
    );
    const errors = gradientCheck(net, X, T);
    assertEquals(
      errors.unused,
      0,
      "gradientCheck for a parameter the loss ignores, with a zero gradient " +
        "(divide by max(1e-8, |a| + |b|), not by |a| + |b|)",
    );
  },
);

Deno.test(
  "a NaN in the gradient is reported, not hidden",
  timeLimit,
  () => {
    const net = netOf(
      { w: tensor([1, 2, 3]) },
      (p) => p.w.pow(2).sum(),
      (p) => ({ w: p.w.mul(2).setInPlace([1], NaN) }),
    );
    const error = gradientCheck(net, X, T).w;
    assert(
      !(error < 1e-3),
      `gradientCheck for the gradient [2, NaN, 6] reported ${error}: a NaN ` +
        "must give NaN or a large error (note that NaN > e is false)",
    );
  },
);

Deno.test(
  "a parameter missing from gradient() throws an error that names it",
  timeLimit,
  () => {
    const { x, t, W, b } = linearCase(3);
    const full = new LinearNet(W, b);
    const net: CheckableNet = {
      params: { weight: W, bias: b },
      loss: (x, t) => full.loss(x, t),
      gradient: (x, t) => ({ weight: full.gradient(x, t).W }),
    };
    assertClearError(
      () => gradientCheck(net, x, t),
      "gradientCheck for a gradient() that gives no gradient for the parameter bias",
      {
        includes: "bias",
        says: "name the parameter",
        fix: "check for it and throw an Error that names it",
      },
    );
  },
);

Deno.test(
  "a gradient of the wrong shape throws an error that names the parameter and both shapes",
  timeLimit,
  () => {
    const { x, t, W, b } = linearCase(4);
    const full = new LinearNet(W, b);
    const net: CheckableNet = {
      params: { weight: W, bias: b },
      loss: (x, t) => full.loss(x, t),
      gradient: (x, t) => {
        const g = full.gradient(x, t);
        return { weight: g.W.T, bias: g.b };
      },
    };
    const call =
      "gradientCheck for a gradient of shape [2, 3] for the parameter weight of shape [3, 2]";
    const error = assertClearError(() => gradientCheck(net, x, t), call, {
      includes: "weight",
      says: "name the parameter",
      fix:
        "compare the shapes and throw an Error that names the parameter and both shapes",
    });
    // Both shapes, written [2, 3], (2, 3), 2,3 or 2x3.
    for (const [rows, cols] of [[2, 3], [3, 2]]) {
      assertMatch(
        error.message,
        new RegExp(`(?<![\\d.])${rows}\\s*(,|x|×)\\s*${cols}(?![\\d.])`),
        `${call} threw "${error.message}", which does not give the shape ` +
          `[${rows}, ${cols}]`,
      );
    }
  },
);
