import { Adam } from "../adam/adam.ts";
import {
  assertClose,
  assertStringIncludes,
  assertThrows,
  tensor,
  timeLimit,
} from "../../lib/testing/mod.ts";

Deno.test(
  "with a constant gradient every step of every parameter is lr long, from the first on",
  timeLimit,
  () => {
    // The bias correction makes lr_t·m/√v exactly lr·g/|g|, up to the 1e-7
    // in the denominator: about 1e-6 of a step for gradients this large.
    const adam = new Adam(0.01);
    const params = { W: tensor([1, -2]), b: tensor([0.5]) };
    const grads = { W: tensor([2, -5]), b: tensor([3]) };
    for (const step of [1, 2, 3]) {
      adam.update(params, grads);
      assertClose(params.W, [1 - 0.01 * step, -2 + 0.01 * step], {
        rtol: 1e-6,
        msg: `W after step ${step}`,
      });
      assertClose(params.b, [0.5 - 0.01 * step], {
        rtol: 1e-6,
        msg: `b after step ${step}`,
      });
    }
  },
);

Deno.test(
  "a gradient of 1e-4 takes a first step of lr / (1 + 1e-7 / √v), √v = 1e-4·√(1 - β₂)",
  timeLimit,
  () => {
    // So small a gradient makes √v comparable to the 1e-7 in the denominator.
    const params = { w: tensor([0]) };
    new Adam(0.1).update(params, { w: tensor([1e-4]) });
    assertClose(params.w, [-0.1 / (1 + 1e-7 / (1e-4 * Math.sqrt(0.001)))], {
      rtol: 1e-9,
      msg: "w after one step",
    });
  },
);

Deno.test(
  "an update without a gradient for w throws, naming Adam.update and w, and is not a step",
  timeLimit,
  () => {
    const adam = new Adam(0.01);
    const params = { w: tensor([1]) };
    const error = assertThrows(() => adam.update(params, {}), Error, '"w"');
    assertClose(params.w, [1], { msg: "w after the rejected update" });
    assertStringIncludes(error.message, "Adam.update");
    // Still the first step: a full lr, as after no update at all.
    adam.update(params, { w: tensor([4]) });
    assertClose(params.w, [0.99], { rtol: 1e-6, msg: "w after the next step" });
  },
);
