// Mutant of layers.ts: MulLayer forward remembers x only the first time, so
// backward after a second forward uses a stale x.
export class MulLayer {
  #x: number | undefined;
  #y: number | undefined;

  forward(x: number, y: number): number {
    this.#x ??= x;
    this.#y = y;
    return x * y;
  }

  backward(dout: number): [dx: number, dy: number] {
    if (this.#x === undefined || this.#y === undefined) {
      throw new Error("MulLayer.backward was called before MulLayer.forward");
    }
    return [dout * this.#y, dout * this.#x];
  }
}

export class AddLayer {
  forward(x: number, y: number): number {
    return x + y;
  }

  backward(dout: number): [dx: number, dy: number] {
    return [dout, dout];
  }
}
