import {
  gradientDescent,
  numericalDiff,
  numericalGradient,
} from "./numerical_gradient.ts";
import {
  assert,
  assertClose,
  assertFresh,
  assertStrictEquals,
  assertUnchanged,
  Rng,
  Tensor,
  tensor,
  timeLimit,
} from "../../lib/testing/mod.ts";

/** The book's function_1 (4.3.2): y = 0.01 x^2 + 0.1 x. */
const function1 = (x: number) => 0.01 * x ** 2 + 0.1 * x;

/** The book's function_2 (4.3.3): f(x0, x1) = x0^2 + x1^2. */
const function2 = (x: Tensor) => x.pow(2).sum();

// The central difference of a cubic is exact up to one term:
// ((x+h)^3 - (x-h)^3) / 2h = 3x^2 + h^2. With the book's h = 1e-4 that is
// 3x^2 + 1e-8, and float64 rounding adds only about 1e-12 at these sizes,
// so a tolerance of 5e-10 pins both the central difference (a forward
// difference is off by 3xh, about 6e-4) and h (h = 1e-5 would give 1e-10).
const H_SQUARED = 1e-8;
const CUBIC_TOLERANCE = { rtol: 0, atol: 5e-10 };

// Values where float64 rounding shows a restore that is not exact: moving
// x by +h, -2h, +h lands beside x for all but 0.1, and so does (x - h) + h
// for 1e-5. Only putting back the saved value is exact.
const awkward = [-2.7, 3.14159, 1e-5, 7e-3, 0.1];

// ------------------------------------------------------------------ protocol

// First, because a gradient taken while other elements are off their values,
// or a tensor of the caller's left changed, spoils every later result.

Deno.test(
  "numericalGradient leaves x bit-for-bit as it was and returns a new tensor",
  timeLimit,
  () => {
    const rng = new Rng(6);
    for (const x of [tensor(awkward), Tensor.randn([4, 5], rng, 10)]) {
      const grad = assertUnchanged(
        { x },
        () => numericalGradient(function2, x),
        `numericalGradient(sum(x²), x of shape [${x.shape}]), which must put back each element's saved value,`,
      );
      assertFresh(grad, { x }, "numericalGradient");
    }
  },
);

Deno.test(
  "each call of f sees x with at most one element moved; the others are as they were",
  timeLimit,
  () => {
    const x = tensor(awkward);
    const original = x.data.slice();
    let calls = 0;
    const f = (v: Tensor) => {
      calls++;
      const moved: string[] = [];
      for (let i = 0; i < v.size; i++) {
        if (!Object.is(v.data[i], original[i])) {
          moved.push(`[${i}]: ${original[i]} -> ${v.data[i]}`);
        }
      }
      assert(
        moved.length <= 1,
        `numericalGradient: call ${calls} of f saw ${moved.length} elements ` +
          `moved (${moved.join(", ")}); put each element back exactly before ` +
          "moving the next",
      );
      return v.sum();
    };
    numericalGradient(f, x);
    assert(
      calls >= 2 * x.size,
      `f was called ${calls} times for ${x.size} elements`,
    );
  },
);

Deno.test(
  "gradientDescent leaves initX unchanged and returns a new tensor, even after 0 steps",
  timeLimit,
  () => {
    for (const steps of [100, 0]) {
      const initX = tensor([-3.0, 4.0]);
      const x = assertUnchanged(
        { initX },
        () => gradientDescent(function2, initX, 0.1, steps),
        `gradientDescent(x0² + x1², initX, lr 0.1, ${steps} steps)`,
      );
      assertFresh(x, { initX }, "gradientDescent");
      assertStrictEquals(
        x.shape.join(),
        "2",
        `gradientDescent(x0² + x1², [-3, 4], lr 0.1, ${steps} steps): ` +
          "the shape of the result, which should be the shape [2] of initX",
      );
    }
  },
);

// -------------------------------------------------------------- numericalDiff

Deno.test(
  "numericalDiff of 0.01x² + 0.1x is about 0.2 at x = 5 and 0.3 at x = 10 (book 4.3.2)",
  timeLimit,
  () => {
    // The book prints 0.1999999999990898 and 0.2999999999986347; the exact
    // derivative 0.02x + 0.1 differs from those by rounding only.
    assertClose(numericalDiff(function1, 5), 0.2, {
      rtol: 1e-10,
      msg: "numericalDiff(0.01x² + 0.1x, 5)",
    });
    assertClose(numericalDiff(function1, 10), 0.3, {
      rtol: 1e-10,
      msg: "numericalDiff(0.01x² + 0.1x, 10)",
    });
  },
);

Deno.test(
  "numericalDiff is the central difference with h = 1e-4: for x³ at 2 it gives 12 + h² = 12.00000001",
  timeLimit,
  () => {
    for (const x of [2, -1, 0.5]) {
      assertClose(numericalDiff((v) => v ** 3, x), 3 * x ** 2 + H_SQUARED, {
        ...CUBIC_TOLERANCE,
        msg: `numericalDiff(x³, ${x}): expected 3x² + h² with h = 1e-4; ` +
          "a forward difference (f(x+h) - f(x)) / h is off by about 3xh",
      });
    }
  },
);

Deno.test(
  "numericalDiff is the exact slope of a straight line, wherever it is taken",
  timeLimit,
  () => {
    for (const x of [0, -3, 1e3]) {
      // Exact but for the rounding of f(x ± h): at x = 1e3, f ≈ 4e3 is
      // rounded to about 5e-13, which the division by 2h = 2e-4 makes
      // 2.5e-9 of the slope 4, below 1e-9 relative.
      assertClose(numericalDiff((v) => 4 * v - 7, x), 4, {
        rtol: 1e-9,
        msg: `numericalDiff(4x - 7, ${x})`,
      });
    }
  },
);

// ---------------------------------------------------------- numericalGradient

Deno.test(
  "numericalGradient of x0² + x1² is (6, 8) at (3, 4), (0, 4) at (0, 2) and (6, 0) at (3, 0) (book 4.4)",
  timeLimit,
  () => {
    const cases: [number[], number[]][] = [
      [[3, 4], [6, 8]],
      [[0, 2], [0, 4]],
      [[3, 0], [6, 0]],
    ];
    for (const [at, expected] of cases) {
      // Exact for a quadratic up to rounding, about 1e-11 here.
      assertClose(numericalGradient(function2, tensor(at)), expected, {
        rtol: 1e-9,
        atol: 1e-9,
        msg: `numericalGradient(x0² + x1², [${at}])`,
      });
    }
  },
);

Deno.test(
  "numericalGradient is the central difference with h = 1e-4 in each element: for sum(x³) it is 3x² + h²",
  timeLimit,
  () => {
    const x = tensor([2, -1, 0.5, 3]);
    const expected = x.pow(2).mul(3).add(H_SQUARED);
    assertClose(numericalGradient((v) => v.pow(3).sum(), x), expected, {
      ...CUBIC_TOLERANCE,
      msg: "numericalGradient(sum(x³), [2, -1, 0.5, 3]): expected 3x² + h² " +
        "with h = 1e-4",
    });
  },
);

Deno.test(
  "numericalGradient works on a tensor of any rank, a scalar of shape [] included, and returns the shape of x",
  timeLimit,
  () => {
    const rng = new Rng(5);
    for (const shape of [[], [1, 4], [3, 4], [2, 3, 2]]) {
      const x = Tensor.randn(shape, rng);
      const weights = Tensor.randn(shape, rng);
      // f = sum(w * x²) has the gradient 2 w x; exact for a quadratic up to
      // rounding.
      const f = (v: Tensor) => v.pow(2).mul(weights).sum();
      assertClose(numericalGradient(f, x), x.mul(weights).mul(2), {
        rtol: 1e-7,
        atol: 1e-9,
        msg: `numericalGradient(sum(w * x²)) on shape [${shape}]`,
      });
    }
  },
);

Deno.test(
  "numericalGradient perturbs x itself, so f may read x by reference instead of through its argument",
  timeLimit,
  () => {
    // Like a network's loss, which reads its own weights W and ignores the
    // argument it is given (book 4.4.2: f = lambda w: net.loss(x, t)).
    const W = tensor([[1, -2, 0.5], [3, 0.25, -1]]);
    const loss = (_ignored: Tensor) => W.pow(2).sum() / 2;
    assertClose(numericalGradient(loss, W), W, {
      rtol: 1e-8,
      atol: 1e-10,
      msg: "numericalGradient(() => sum(W²) / 2, W), where the loss reads W " +
        "itself: perturb the elements of x in place, not of a copy",
    });
  },
);

// ------------------------------------------------------------ gradientDescent

Deno.test(
  "gradientDescent on x0² + x1² from (-3, 4) with lr 0.1 and 100 steps ends near (0, 0) (book 4.4.1)",
  timeLimit,
  () => {
    // Each step is x <- x - 0.1 * 2x = 0.8x, so the end is 0.8^100 (-3, 4);
    // the book prints [-6.11110793e-10, 8.14814391e-10].
    const x = gradientDescent(function2, tensor([-3.0, 4.0]), 0.1, 100);
    assertClose(x, [-6.11110793e-10, 8.14814391e-10], {
      rtol: 1e-7,
      atol: 0,
      msg: "gradientDescent(x0² + x1², [-3, 4], lr 0.1, 100 steps)",
    });
  },
);

Deno.test(
  "gradientDescent with lr 10 overshoots and diverges (book 4.4.1)",
  timeLimit,
  () => {
    // Each step is x <- x - 10 * 2x = -19x until the numerical gradient
    // itself breaks down; the book ends at [-2.58983747e+13, -1.29524862e+12].
    const x = gradientDescent(function2, tensor([-3.0, 4.0]), 10, 100);
    assert(
      Math.abs(x.get(0)) > 1e6 && Math.abs(x.get(1)) > 1e6,
      `gradientDescent(x0² + x1², [-3, 4], lr 10, 100 steps) should end far ` +
        `from the minimum (the book: about [-2.6e13, -1.3e12]), got ${x}`,
    );
  },
);

Deno.test(
  "gradientDescent with lr 1e-10 barely moves from (-3, 4) (book 4.4.1)",
  timeLimit,
  () => {
    // Each step multiplies x by 1 - 2e-10; the book prints
    // [-2.99999994, 3.99999992]. The gradient's rounding error (about 1e-11
    // relative) is scaled by lr = 1e-10, so x is exact to float64 (1e-12).
    const factor = (1 - 2e-10) ** 100;
    const x = gradientDescent(function2, tensor([-3.0, 4.0]), 1e-10, 100);
    assertClose(x, [-3 * factor, 4 * factor], {
      rtol: 1e-12,
      msg: "gradientDescent(x0² + x1², [-3, 4], lr 1e-10, 100 steps)",
    });
  },
);

Deno.test(
  "gradientDescent uses lr = 0.01 and stepNum = 100 by default",
  timeLimit,
  () => {
    const factor = 0.98 ** 100;
    // Each step's numerical gradient is exact up to rounding (about 1e-11
    // relative), so 100 steps stay well within 1e-9; lr 0.1 would give
    // 0.8^100, a factor of about 1e8 away.
    assertClose(gradientDescent(function2, tensor([-3.0, 4.0])), [
      -3 * factor,
      4 * factor,
    ], {
      rtol: 1e-9,
      msg:
        "gradientDescent(x0² + x1², [-3, 4]) with the default lr and stepNum",
    });
  },
);

Deno.test(
  "gradientDescent takes exactly stepNum steps",
  timeLimit,
  () => {
    for (const steps of [0, 1, 7]) {
      // Exact up to rounding, as above; one step more or less is off by 25%.
      assertClose(
        gradientDescent(function2, tensor([-3.0, 4.0]), 0.1, steps),
        [-3 * 0.8 ** steps, 4 * 0.8 ** steps],
        {
          rtol: 1e-9,
          msg: `gradientDescent(x0² + x1², [-3, 4], lr 0.1, ${steps} steps)`,
        },
      );
    }
  },
);

Deno.test(
  "gradientDescent moves all elements at once, by the gradient at the same point: on (x0 - x1)² each step scales x0 - x1 by 0.6",
  timeLimit,
  () => {
    // The elements of x0² + x1² do not interact, so moving one element before
    // taking the next partial derivative goes unnoticed there. Here they do:
    // the gradient is (2d, -2d) with d = x0 - x1, so with lr 0.1 a step
    // keeps x0 + x1 = 0 and turns d into 0.6d. From (1, -1), k steps end at
    // (0.6^k, -0.6^k); exact for a quadratic up to rounding.
    const f = (x: Tensor) => (x.get(0) - x.get(1)) ** 2;
    for (const steps of [1, 5]) {
      assertClose(
        gradientDescent(f, tensor([1.0, -1.0]), 0.1, steps),
        [0.6 ** steps, -(0.6 ** steps)],
        {
          rtol: 1e-9,
          msg:
            `gradientDescent((x0 - x1)², [1, -1], lr 0.1, ${steps} steps): ` +
            "compute the whole gradient first, then update every element",
        },
      );
    }
  },
);

Deno.test(
  "gradientDescent works on a 2-D x and finds the minimum of sum((x - target)²)",
  timeLimit,
  () => {
    const target = tensor([[1, -2, 3], [0.5, 0, -1]]);
    const f = (x: Tensor) => x.sub(target).pow(2).sum();
    const x = gradientDescent(f, Tensor.zeros([2, 3]), 0.1, 100);
    // The distance to the target shrinks by 0.8 a step: 0.8^100 * 3 ≈ 6e-10.
    assertClose(x, target, {
      rtol: 0,
      atol: 1e-8,
      msg: "gradientDescent(sum((x - target)²), zeros [2, 3], lr 0.1)",
    });
  },
);
