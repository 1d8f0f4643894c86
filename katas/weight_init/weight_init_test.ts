import { heStd, initWeight, xavierStd } from "./weight_init.ts";
import {
  assert,
  assertAlmostEquals,
  assertEquals,
  assertNotEquals,
  assertStringIncludes,
  assertThrows,
  Rng,
  type Tensor,
  timeLimit,
} from "../../lib/testing/mod.ts";

/**
 * Fails unless `w` looks like normal draws with mean 0 and std `std`. For n
 * draws the sample mean is off by about std/√n and the sample std by about
 * std/√(2n) (0.5% for the smallest draw here, 18 432 weights). The bounds are
 * 6 of those for the mean and 5% for the std: far beyond chance, and far
 * below the mistakes they catch (√2 or more off, or uniform draws: √3 off).
 */
function assertNormalStats(w: Tensor, std: number, what: string): void {
  const n = w.size;
  const mean = w.mean();
  const sampleStd = Math.sqrt(w.sub(mean).pow(2).mean());
  const meanBound = 6 * std / Math.sqrt(n);
  assert(
    Math.abs(mean) < meanBound,
    `${what}: the mean of ${n} weights is ${mean}, expected 0 within ±${meanBound}`,
  );
  assert(
    Math.abs(sampleStd - std) < 0.05 * std,
    `${what}: the std of ${n} weights is ${sampleStd}, expected ${std} within 5%`,
  );
}

/** `call` must throw an Error (not a TypeError); returns its message. */
function errorMessageOf(call: () => unknown, what: string): string {
  const error = assertThrows(call, Error, undefined, what);
  assert(
    !(error instanceof TypeError),
    `${what} threw a TypeError ("${error.message}"): check the input ` +
      "yourself and throw an Error that says what is wrong with it",
  );
  return error.message;
}

Deno.test("xavierStd(n) is 1/√n (book 6.2.2)", timeLimit, () => {
  for (const [n, expected] of [[1, 1], [100, 0.1], [50, 1 / Math.sqrt(50)]]) {
    assertAlmostEquals(xavierStd(n), expected, 1e-12, `xavierStd(${n})`);
  }
});

Deno.test("heStd(n) is √(2/n) (book 6.2.3)", timeLimit, () => {
  for (const [n, expected] of [[2, 1], [50, 0.2], [100, Math.sqrt(0.02)]]) {
    assertAlmostEquals(heStd(n), expected, 1e-12, `heStd(${n})`);
  }
});

Deno.test(
  "xavierStd and heStd reject a number of inputs that is not a positive whole number, naming themselves and the number",
  timeLimit,
  () => {
    for (const n of [0, -5, 2.5, NaN, Infinity]) {
      for (
        const [name, fn] of [["xavierStd", xavierStd], [
          "heStd",
          heStd,
        ]] as const
      ) {
        const message = errorMessageOf(() => fn(n), `${name}(${n})`);
        for (const part of [name, String(n)]) {
          assertStringIncludes(
            message,
            part,
            `${name}(${n}): the error should name the function and the bad ` +
              `number of inputs (${part}), but it says "${message}"`,
          );
        }
      }
    }
  },
);

Deno.test(
  "initWeight returns a tensor of the requested shape",
  timeLimit,
  () => {
    const rng = new Rng(1);
    for (const shape of [[3, 4], [1, 1], [2, 3, 5, 5]]) {
      for (const scheme of ["xavier", "he", 0.01] as const) {
        assertEquals(
          [...initWeight(shape, scheme, rng).shape],
          shape,
          `initWeight([${shape}], ${JSON.stringify(scheme)}, rng).shape`,
        );
      }
    }
  },
);

Deno.test(
  "Xavier weights of shape [400, 100] have mean 0 and std 1/√400: nIn is shape[0]",
  timeLimit,
  () => {
    // An Affine weight [nIn, nOut] is used as x · W, so each unit has
    // shape[0] = 400 inputs: std 1/√400 = 0.05 (not 1/√100 = 0.1).
    const w = initWeight([400, 100], "xavier", new Rng(2));
    assertNormalStats(w, 0.05, 'initWeight([400, 100], "xavier", rng)');
  },
);

Deno.test(
  "He weights of shape [400, 100] have mean 0 and std √(2/400): nIn is shape[0]",
  timeLimit,
  () => {
    const w = initWeight([400, 100], "he", new Rng(3));
    assertNormalStats(
      w,
      Math.sqrt(2 / 400),
      'initWeight([400, 100], "he", rng)',
    );
  },
);

Deno.test(
  "filters [FN, C, FH, FW] take nIn = C·FH·FW: for [256, 8, 3, 3] that is 72",
  timeLimit,
  () => {
    // Each output of a convolution sums C·FH·FW = 8·3·3 = 72 inputs.
    const shape = [256, 8, 3, 3];
    assertNormalStats(
      initWeight(shape, "he", new Rng(4)),
      Math.sqrt(2 / 72),
      'initWeight([256, 8, 3, 3], "he", rng)',
    );
    assertNormalStats(
      initWeight(shape, "xavier", new Rng(5)),
      1 / Math.sqrt(72),
      'initWeight([256, 8, 3, 3], "xavier", rng)',
    );
  },
);

Deno.test(
  "a number as scheme is a fixed std, like the book's 0.01 * randn",
  timeLimit,
  () => {
    const w = initWeight([300, 200], 0.01, new Rng(6));
    assertNormalStats(w, 0.01, "initWeight([300, 200], 0.01, rng)");
  },
);

Deno.test(
  "the same seed gives the same weights, and another seed or a later draw different ones",
  timeLimit,
  () => {
    const draw = (rng: Rng) => [...initWeight([20, 30], "he", rng).data];
    const first = draw(new Rng(7));
    assertEquals(
      draw(new Rng(7)),
      first,
      'initWeight([20, 30], "he", new Rng(7)) twice should give equal weights',
    );
    assertNotEquals(
      draw(new Rng(8)),
      first,
      'initWeight([20, 30], "he", rng) gave the same weights for seeds 7 and ' +
        "8: draw from the rng you are given",
    );
    const rng = new Rng(9);
    assertNotEquals(
      draw(rng),
      draw(rng),
      'two calls of initWeight([20, 30], "he", rng) with one rng gave the ' +
        "same weights: draw from the rng you are given",
    );
  },
);

Deno.test(
  "all-zero initialisation (std 0) is rejected with an Error that explains the symmetry problem",
  timeLimit,
  () => {
    const message = errorMessageOf(
      () => initWeight([10, 10], 0, new Rng(10)),
      "initWeight([10, 10], 0, rng)",
    );
    assertStringIncludes(
      message.toLowerCase(),
      "symmetr",
      "initWeight([10, 10], 0, rng): the error should explain that zero " +
        "weights keep every unit the same (symmetry), but it says " +
        `"${message}"`,
    );
  },
);

Deno.test(
  "a negative or non-finite std is rejected with an Error that names it",
  timeLimit,
  () => {
    for (const std of [-0.01, NaN, Infinity]) {
      const message = errorMessageOf(
        () => initWeight([10, 10], std, new Rng(11)),
        `initWeight([10, 10], ${std}, rng)`,
      );
      assertStringIncludes(
        message,
        String(std),
        `initWeight([10, 10], ${std}, rng): the error should name the std ` +
          `it was given, but it says "${message}"`,
      );
    }
  },
);

Deno.test(
  '"xavier" and "he" reject a shape without a clear nIn, naming the shape, or with nIn = 0',
  timeLimit,
  () => {
    for (const shape of [[10], [2, 3, 4], [0, 5], [4, 0, 3, 3]]) {
      for (const scheme of ["xavier", "he"] as const) {
        const what = `initWeight([${shape}], "${scheme}", rng)`;
        const message = errorMessageOf(
          () => initWeight(shape, scheme, new Rng(12)),
          what,
        );
        // Of a shape with no clear nIn the error names the shape; nIn = 0
        // is the fan-in check's to name.
        const part = shape.includes(0) ? "nIn" : `[${shape.join(", ")}]`;
        assertStringIncludes(
          message,
          part,
          `${what}: the error should name ${part}, but it says "${message}"`,
        );
      }
    }
  },
);

Deno.test("an unknown scheme is rejected", timeLimit, () => {
  const scheme = "kaiming" as unknown as "he";
  const message = errorMessageOf(
    () => initWeight([10, 10], scheme, new Rng(13)),
    'initWeight([10, 10], "kaiming", rng)',
  );
  assertStringIncludes(
    message,
    "kaiming",
    'initWeight([10, 10], "kaiming", rng): the error should name the ' +
      `unknown scheme "kaiming", but it says "${message}"`,
  );
});
