// Mutant of layers.ts: MulLayer backward tests for a missing forward with
// !x || !y, which also rejects a forward whose input was 0.
/** The multiplication node of a computational graph (book 5.4.1). */
export class MulLayer {
  /** The inputs of the last forward: backward swaps them onto `dout`. */
  #x: number | undefined;
  #y: number | undefined;

  /** Returns `x * y`; remembers both inputs for backward. */
  forward(x: number, y: number): number {
    this.#x = x;
    this.#y = y;
    return x * y;
  }

  /** Returns `[dx, dy]`: `dout` times the other input of the last forward. */
  backward(dout: number): [dx: number, dy: number] {
    if (!this.#x || !this.#y) {
      throw new Error("MulLayer.backward was called before MulLayer.forward");
    }
    // d(xy)/dx = y and d(xy)/dy = x: each input gets the other one.
    return [dout * this.#y, dout * this.#x];
  }
}

/** The addition node of a computational graph (book 5.4.2). */
export class AddLayer {
  /** Returns `x + y`. */
  forward(x: number, y: number): number {
    return x + y;
  }

  /** Returns `[dx, dy]`: `dout` passed on unchanged to both inputs. */
  backward(dout: number): [dx: number, dy: number] {
    // d(x+y)/dx = d(x+y)/dy = 1, so nothing needs remembering.
    return [dout, dout];
  }
}
