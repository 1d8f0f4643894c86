import { SoftmaxWithLoss } from "../softmax_with_loss/softmax_with_loss.ts";
import {
  assertClose,
  assertForwardFirst,
  tensor,
  timeLimit,
} from "../../lib/testing/mod.ts";

// Logits chosen so that the softmax is exact: exp of row 1 is [1, 2, 5] (sum
// 8) and of row 2 [3, 1, 1] (sum 5). N = 2 samples, C = 3 classes: N differs
// from C, so dividing by the wrong one shows, and so does a batch of labels
// broadcast along the classes.
const x = () => tensor([[0, Math.log(2), Math.log(5)], [Math.log(3), 0, 0]]);
const y = [[1 / 8, 2 / 8, 5 / 8], [3 / 5, 1 / 5, 1 / 5]];
const targets = {
  labels: () => tensor([2, 0]),
  "one-hot targets": () => tensor([[0, 0, 1], [1, 0, 0]]),
};
// (y - t) / N, with t the one-hot rows.
const dx = [[1 / 16, 2 / 16, -3 / 16], [-2 / 10, 1 / 10, 1 / 10]];

for (const [form, t] of Object.entries(targets)) {
  Deno.test(
    `forward returns the mean cross-entropy over the batch, for ${form}`,
    timeLimit,
    () => {
      const layer = new SoftmaxWithLoss();
      const loss = layer.forward(x(), t());
      // The book adds 1e-7 inside the log: hence the looser tolerance.
      assertClose(loss, -(Math.log(5 / 8) + Math.log(3 / 5)) / 2, {
        rtol: 1e-6,
        msg: "loss",
      });
      assertClose(layer.y!, y, { msg: "y" });
    },
  );

  Deno.test(`backward gives (y - t) / N, for ${form}`, timeLimit, () => {
    const layer = new SoftmaxWithLoss();
    layer.forward(x(), t());
    assertClose(layer.backward(), dx, { msg: "backward()" });
  });
}

Deno.test("backward multiplies by dout", timeLimit, () => {
  const layer = new SoftmaxWithLoss();
  layer.forward(x(), targets.labels());
  assertClose(layer.backward(3), tensor(dx).mul(3), { msg: "backward(3)" });
});

Deno.test("a second backward gives the same gradient", timeLimit, () => {
  const layer = new SoftmaxWithLoss();
  layer.forward(x(), targets.labels());
  layer.backward();
  assertClose(layer.backward(), dx, { msg: "the second backward()" });
});

Deno.test("logits of ±1000 give a finite loss and gradient", timeLimit, () => {
  const layer = new SoftmaxWithLoss();
  // softmax is [1, 0, 0] up to e^-1000, and the label is right: loss and
  // gradient are 0, up to the 1e-7 in the log.
  const loss = layer.forward(tensor([[1000, 0, -1000]]), tensor([0]));
  assertClose(loss, 0, { atol: 1e-6, msg: "loss" });
  assertClose(layer.backward(), [[0, 0, 0]], { msg: "backward()" });
});

Deno.test(
  "backward before any forward says forward comes first",
  timeLimit,
  () => {
    assertForwardFirst(
      () => new SoftmaxWithLoss().backward(),
      "backward before any forward",
    );
  },
);
