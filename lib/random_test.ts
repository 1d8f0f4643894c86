import {
  assert,
  assertEquals,
  assertNotEquals,
  assertStrictEquals,
  assertThrows,
} from "./testing/assert.ts";
import { Rng } from "./random.ts";

function draws(rng: Rng, n: number, draw: (r: Rng) => number): number[] {
  return Array.from({ length: n }, () => draw(rng));
}

Deno.test("equal seeds give equal sequences of every kind of draw", () => {
  const sequence = (seed: number) => {
    const r = new Rng(seed);
    return [
      ...draws(r, 5, (g) => g.uniform()),
      ...draws(r, 5, (g) => g.normal()),
      ...draws(r, 5, (g) => g.int(100)),
      ...r.permutation(8),
      r.uniform(-3, 3),
    ];
  };
  assertEquals(sequence(42), sequence(42));
  assertNotEquals(sequence(42), sequence(43));
});

Deno.test("a fractional seed is truncated and a negative seed works", () => {
  assertStrictEquals(new Rng(1.9).uniform(), new Rng(1).uniform());
  const u = new Rng(-5).uniform();
  assert(u >= 0 && u < 1);
});

Deno.test("a seed that is not a finite number is refused", () => {
  assertThrows(() => new Rng(NaN), RangeError, "seed");
  assertThrows(() => new Rng(Infinity), RangeError, "seed");
});

Deno.test("uniform draws lie in [0, 1) by default and in [low, high) when asked", () => {
  const r = new Rng(1);
  const unit = draws(r, 10000, (g) => g.uniform());
  assert(unit.every((u) => u >= 0 && u < 1));
  const mean = unit.reduce((a, b) => a + b, 0) / unit.length;
  assert(Math.abs(mean - 0.5) < 0.02, `mean ${mean}`);
  const ranged = draws(r, 10000, (g) => g.uniform(-2, 3));
  assert(ranged.every((u) => u >= -2 && u < 3));
  assert(Math.min(...ranged) < -1.9 && Math.max(...ranged) > 2.9);
});

Deno.test("int draws whole numbers in [0, n) and reaches every one of them", () => {
  const r = new Rng(2);
  const ks = draws(r, 1000, (g) => g.int(5));
  assert(ks.every((k) => Number.isInteger(k) && k >= 0 && k < 5));
  assertEquals([...new Set(ks)].sort(), [0, 1, 2, 3, 4]);
  assert(draws(r, 20, (g) => g.int(1)).every((k) => k === 0));
});

Deno.test("int refuses an n that is not a positive integer", () => {
  const r = new Rng(3);
  for (const n of [0, -1, 2.5, NaN, Infinity]) {
    assertThrows(() => r.int(n), RangeError, "Rng.int");
  }
  assertThrows(() => r.int(0), RangeError, "got 0");
});

Deno.test("permutation returns each of 0 to n-1 exactly once", () => {
  const r = new Rng(4);
  for (const n of [0, 1, 2, 7, 100]) {
    const p = r.permutation(n);
    assertEquals(
      [...p].sort((a, b) => a - b),
      Array.from({ length: n }, (_, i) => i),
    );
  }
  const p = r.permutation(50);
  assertNotEquals(p, Array.from({ length: 50 }, (_, i) => i));
});

Deno.test("normal draws have the requested mean and standard deviation", () => {
  const r = new Rng(5);
  const check = (mean: number, std: number) => {
    const xs = draws(r, 20000, (g) => g.normal(mean, std));
    const m = xs.reduce((a, b) => a + b, 0) / xs.length;
    const s = Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / xs.length);
    // Standard error of the mean: std / 141; of the std: std / 200.
    assert(Math.abs(m - mean) < 0.05 * std, `mean ${m}, wanted ${mean}`);
    assert(Math.abs(s - std) < 0.03 * std, `std ${s}, wanted ${std}`);
    const within = xs.filter((x) => Math.abs(x - mean) < std).length /
      xs.length;
    assert(Math.abs(within - 0.6827) < 0.02, `within one std ${within}`);
    assert(xs.every(Number.isFinite));
  };
  check(0, 1);
  check(5, 2);
});

Deno.test("permutation reaches every order about equally often", () => {
  const r = new Rng(6);
  const counts = new Map<string, number>();
  for (let i = 0; i < 6000; i++) {
    const key = r.permutation(3).join();
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  assertStrictEquals(counts.size, 6);
  // Each order expects 1000 (standard deviation about 29).
  for (const [order, n] of counts) {
    assert(Math.abs(n - 1000) < 150, `${order}: ${n}`);
  }
});

Deno.test("consecutive normal draws are uncorrelated", () => {
  const r = new Rng(8);
  const xs = draws(r, 20000, (g) => g.normal());
  let sum = 0;
  for (let i = 0; i + 1 < xs.length; i += 2) sum += xs[i] * xs[i + 1];
  // Box-Muller hands out its draws in pairs: the pair must be independent.
  const correlation = sum / (xs.length / 2);
  assert(Math.abs(correlation) < 0.05, `correlation ${correlation}`);
});

Deno.test("choice draws size numbers in [0, n), the same for the same seed", () => {
  for (const replace of [true, false]) {
    const a = new Rng(21).choice(50, 20, { replace });
    assertEquals(a, new Rng(21).choice(50, 20, { replace }));
    assertNotEquals(a, new Rng(22).choice(50, 20, { replace }));
    assertStrictEquals(a.length, 20);
    assert(a.every((i) => Number.isInteger(i) && i >= 0 && i < 50));
  }
  assertEquals(new Rng(1).choice(5, 0), []);
  assertEquals(new Rng(1).choice(0, 0, { replace: false }), []);
});

Deno.test("choice without replacement gives different numbers, all of them when size is n", () => {
  const rng = new Rng(23);
  for (let trial = 0; trial < 50; trial++) {
    const n = 1 + rng.int(30);
    const size = rng.int(n + 1);
    const draw = rng.choice(n, size, { replace: false });
    assertStrictEquals(new Set(draw).size, size);
    assert(draw.every((i) => i >= 0 && i < n));
  }
  const all = new Rng(24).choice(12, 12, { replace: false });
  assertEquals(
    [...all].sort((a, b) => a - b),
    Array.from({ length: 12 }, (_, i) => i),
  );
});

Deno.test("choice follows the probabilities p, never drawing a zero-probability number", () => {
  const p = [0.1, 0, 0.6, 0.3];
  const draws = new Rng(25).choice(4, 20000, { p });
  const counts = [0, 0, 0, 0];
  for (const i of draws) counts[i]++;
  assertStrictEquals(counts[1], 0);
  // Binomial standard deviation is at most 0.0035 here: 0.02 is over 5 sigma.
  counts.forEach((c, i) =>
    assert(Math.abs(c / 20000 - p[i]) < 0.02, `${i}: ${c}`)
  );
  const uniform = new Rng(26).choice(5, 20000);
  const seen = [0, 0, 0, 0, 0];
  for (const i of uniform) seen[i]++;
  seen.forEach((c) => assert(Math.abs(c / 20000 - 0.2) < 0.02, `${seen}`));
});

Deno.test("choice without replacement and with p draws distinct numbers, heavier ones first more often", () => {
  const p = [0.05, 0.05, 0, 0.9];
  let firstIs3 = 0;
  const rng = new Rng(27);
  for (let trial = 0; trial < 2000; trial++) {
    const draw = rng.choice(4, 3, { replace: false, p });
    assertEquals([...draw].sort(), [0, 1, 3]);
    if (draw[0] === 3) firstIs3++;
  }
  // P(first is 3) = 0.9; 2000 draws put the rate within 0.9 +- 0.04 (6 sigma).
  assert(Math.abs(firstIs3 / 2000 - 0.9) < 0.04, `${firstIs3}`);
});

Deno.test("choice refuses bad arguments with a RangeError naming them", () => {
  const bad: [() => unknown, string][] = [
    [() => new Rng(0).choice(-1, 1), "n must be a non-negative integer"],
    [() => new Rng(0).choice(2.5, 1), "n must be a non-negative integer"],
    [() => new Rng(0).choice(3, -1), "size must be a non-negative integer"],
    [() => new Rng(0).choice(3, 1.5), "size must be a non-negative integer"],
    [() => new Rng(0).choice(0, 1), "cannot draw from nothing"],
    [() => new Rng(0).choice(3, 4, { replace: false }), "more than n"],
    [() => new Rng(0).choice(3, 1, { p: [0.5, 0.5] }), "p of length 2"],
    [() => new Rng(0).choice(2, 1, { p: [0.5, 0.6] }), "sums to 1.1"],
    [() => new Rng(0).choice(2, 1, { p: [1.5, -0.5] }), "p[1] is -0.5"],
    [() => new Rng(0).choice(2, 1, { p: [NaN, 1] }), "p[0] is NaN"],
    [
      () => new Rng(0).choice(3, 2, { replace: false, p: [1, 0, 0] }),
      "only 1 number(s) have a non-zero probability",
    ],
  ];
  for (const [fn, part] of bad) {
    const e = assertThrows(fn, RangeError);
    assert(e.message.startsWith("Rng.choice: "), e.message);
    assert(e.message.includes(part), `${e.message} lacks ${part}`);
  }
});
