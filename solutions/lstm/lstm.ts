import { shapeToString, Tensor } from "../../lib/tensor.ts";
import type { Params } from "../../lib/layer.ts";
import { sigmoid } from "../activation_functions/activations.ts";

/** What the cell keeps from forward for backward. */
interface Cache {
  x: Tensor;
  hPrev: Tensor;
  cPrev: Tensor;
  f: Tensor;
  g: Tensor;
  i: Tensor;
  o: Tensor;
  tanhC: Tensor;
}

/** Fails unless the state (or its gradient) `t` called `name` is `[N, H]`. */
function checkState(name: string, t: Tensor, N: number, H: number): void {
  if (shapeToString(t.shape) !== shapeToString([N, H])) {
    throw new Error(
      `LSTM: ${name} has shape ${shapeToString(t.shape)}, but must be ${
        shapeToString([N, H])
      }`,
    );
  }
}

/** The LSTM cell of the second book (6.3): one step, gates in the order f, g, i, o. */
export class LSTM {
  /** The parameters by name: `Wx` `[D, 4H]`, `Wh` `[H, 4H]`, `b` `[4H]`, the very tensors given. */
  readonly params: Params;
  /** Their gradients by name: made once, overwritten by every backward. */
  readonly grads: Params;
  #cache: Cache | undefined;

  /** Keeps the weights by reference and a gradient of zeros in each one's shape. */
  constructor(Wx: Tensor, Wh: Tensor, b: Tensor) {
    this.params = { Wx, Wh, b };
    this.grads = {
      Wx: Tensor.zeros(Wx.shape),
      Wh: Tensor.zeros(Wh.shape),
      b: Tensor.zeros(b.shape),
    };
  }

  /** The next hidden state and memory cell, each `[N, H]`. */
  forward(x: Tensor, hPrev: Tensor, cPrev: Tensor): { h: Tensor; c: Tensor } {
    const { Wx, Wh, b } = this.params;
    const [N, H] = [x.shape[0], Wh.shape[0]];
    checkState("hPrev", hPrev, N, H);
    checkState("cPrev", cPrev, N, H);
    // The four affine transforms at once, side by side: f, g, i, o.
    const A = x.matmul(Wx).add(hPrev.matmul(Wh)).add(b);
    const f = sigmoid(A.slice(null, [0, H]));
    const g = A.slice(null, [H, 2 * H]).map(Math.tanh);
    const i = sigmoid(A.slice(null, [2 * H, 3 * H]));
    const o = sigmoid(A.slice(null, [3 * H, 4 * H]));
    const c = f.mul(cPrev).add(g.mul(i));
    const tanhC = c.map(Math.tanh);
    this.#cache = { x, hPrev, cPrev, f, g, i, o, tanhC };
    return { h: o.mul(tanhC), c };
  }

  /** Writes the weights' gradients into `grads` in place; returns dx, dhPrev and dcPrev. */
  backward(
    dhNext: Tensor,
    dcNext: Tensor,
  ): { dx: Tensor; dhPrev: Tensor; dcPrev: Tensor } {
    if (this.#cache === undefined) {
      throw new Error("LSTM.backward was called before LSTM.forward");
    }
    const { x, hPrev, cPrev, f, g, i, o, tanhC } = this.#cache;
    const [N, H] = hPrev.shape;
    checkState("dhNext", dhNext, N, H);
    checkState("dcNext", dcNext, N, H);
    // c reaches the loss directly (dcNext) and through h = o·tanh(c).
    const ds = dcNext.add(dhNext.mul(o).mul(tanhC.pow(2).neg().add(1)));
    const dcPrev = ds.mul(f);
    // Each gate's gradient, times the slope of its activation at its output.
    const df = ds.mul(cPrev).mul(f.mul(f.neg().add(1)));
    const dg = ds.mul(i).mul(g.pow(2).neg().add(1));
    const di = ds.mul(g).mul(i.mul(i.neg().add(1)));
    const dO = dhNext.mul(tanhC).mul(o.mul(o.neg().add(1)));
    const dA = Tensor.zeros([N, 4 * H]);
    [df, dg, di, dO].forEach((d, k) =>
      dA.setSliceInPlace([null, [k * H, (k + 1) * H]], d)
    );
    const { Wx, Wh } = this.params;
    this.grads.Wx.assignInPlace(x.T.matmul(dA));
    this.grads.Wh.assignInPlace(hPrev.T.matmul(dA));
    this.grads.b.assignInPlace(dA.sum(0));
    return { dx: dA.matmul(Wx.T), dhPrev: dA.matmul(Wh.T), dcPrev };
  }
}
