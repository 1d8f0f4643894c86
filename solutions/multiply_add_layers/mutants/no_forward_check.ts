// Mutant of layers.ts: MulLayer backward before forward is not detected, so it
// quietly returns [NaN, NaN].
export class MulLayer {
  #x: number | undefined;
  #y: number | undefined;

  forward(x: number, y: number): number {
    this.#x = x;
    this.#y = y;
    return x * y;
  }

  backward(dout: number): [dx: number, dy: number] {
    return [dout * this.#y!, dout * this.#x!];
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
