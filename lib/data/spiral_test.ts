import { spiral } from "./spiral.ts";
import {
  assert,
  assertClose,
  assertEquals,
  assertNotEquals,
  assertThrows,
  Rng,
  timeLimit,
} from "../testing/mod.ts";

Deno.test(
  "spiral gives pointsPerClass * classes points of 2 coordinates and a label each",
  timeLimit,
  () => {
    const { x, t } = spiral({
      pointsPerClass: 50,
      classes: 4,
      rng: new Rng(0),
    });
    assertEquals(x.shape, [200, 2]);
    assertEquals(t.shape, [200]);
  },
);

Deno.test(
  "spiral labels are whole numbers, pointsPerClass of each class, arm by arm",
  timeLimit,
  () => {
    const { t } = spiral({ pointsPerClass: 20, classes: 3, rng: new Rng(1) });
    const expected = Array.from({ length: 60 }, (_, i) => Math.floor(i / 20));
    assertEquals(Array.from(t.data), expected);
  },
);

Deno.test(
  "spiral points lie in the unit disc and each arm starts at the centre",
  timeLimit,
  () => {
    const { x } = spiral({ pointsPerClass: 30, classes: 3, rng: new Rng(2) });
    const radius = x.pow(2).sum(1).sqrt();
    assert(radius.max() <= 1 + 1e-12, `largest radius ${radius.max()}`);
    assertClose(radius.get(0), 0);
    assertClose(radius.get(29), 1, {
      msg: "radius of the last point of arm 0",
    });
  },
);

Deno.test(
  "spiral arms are rotated copies of each other when there is no noise",
  timeLimit,
  () => {
    const { x } = spiral({
      pointsPerClass: 10,
      classes: 3,
      rng: new Rng(3),
      noise: 0,
    });
    // Point i of arm k is point i of arm 0 turned by 4k radians.
    for (let i = 0; i < 10; i++) {
      const [a, b] = [x.get(i, 0), x.get(i, 1)];
      const [c, s] = [Math.cos(4), Math.sin(4)];
      assertClose(
        [x.get(10 + i, 0), x.get(10 + i, 1)],
        [a * c + b * s, b * c - a * s],
        { msg: `arm 1, point ${i}`, atol: 1e-12 },
      );
    }
  },
);

Deno.test(
  "spiral is deterministic for a seed and differs between seeds",
  timeLimit,
  () => {
    const make = (seed: number) =>
      spiral({ pointsPerClass: 10, classes: 3, rng: new Rng(seed) }).x;
    assertEquals(Array.from(make(5).data), Array.from(make(5).data));
    assertNotEquals(Array.from(make(5).data), Array.from(make(6).data));
  },
);

Deno.test(
  "spiral rejects counts that are not whole numbers >= 1",
  timeLimit,
  () => {
    const rng = new Rng(0);
    assertThrows(
      () => spiral({ pointsPerClass: 0, classes: 3, rng }),
      RangeError,
    );
    assertThrows(
      () => spiral({ pointsPerClass: 5, classes: 2.5, rng }),
      RangeError,
    );
    assertThrows(
      () => spiral({ pointsPerClass: 5, classes: 3, rng, noise: -1 }),
      RangeError,
    );
  },
);
