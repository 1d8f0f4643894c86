import { xor } from "./xor.ts";
import { assertEquals, assertThrows } from "../testing/assert.ts";
import { Rng } from "../random.ts";

Deno.test("xor gives the truth table: 1 where exactly one input is 1", () => {
  const { x, t } = xor();
  assertEquals(x.toArray(), [[0, 0], [0, 1], [1, 0], [1, 1]]);
  assertEquals(t.toArray(), [0, 1, 1, 0]);
});

Deno.test("xor with a generator gives jittered copies of each corner, reproducibly", () => {
  const a = xor({ rng: new Rng(3), copies: 25, noise: 0.1 });
  const b = xor({ rng: new Rng(3), copies: 25, noise: 0.1 });
  assertEquals(a.x.shape, [100, 2]);
  assertEquals(a.x.toArray(), b.x.toArray());
  assertEquals(a.t.sum(), 50);
  // Every jittered point stays nearer its own corner than any other.
  for (let i = 0; i < 100; i++) {
    const [cx, cy] = [[0, 0], [0, 1], [1, 0], [1, 1]][i % 4];
    const d = Math.hypot(a.x.get(i, 0) - cx, a.x.get(i, 1) - cy);
    if (d >= 0.5) throw new Error(`point ${i} is ${d} from its corner`);
  }
});

Deno.test("xor rejects a copy count that is not a whole number >= 1, and a negative noise", () => {
  assertThrows(() => xor({ rng: new Rng(0), copies: 0 }), RangeError, "copies");
  assertThrows(
    () => xor({ rng: new Rng(0), copies: 2, noise: -1 }),
    RangeError,
    "noise",
  );
});
