// deno-lint-ignore-file no-unused-vars
import { notImplemented } from "../../lib/not_implemented.ts";

/** The multiplication node of a computational graph (book 5.4.1): see README.md. */
export class MulLayer {
  /** Returns `x * y`; remembers both inputs for backward. */
  forward(x: number, y: number): number {
    return notImplemented("multiply_add_layers", "MulLayer.forward");
  }

  /** Returns `[dx, dy]`: `dout` times the other input of the last forward. */
  backward(dout: number): [dx: number, dy: number] {
    return notImplemented("multiply_add_layers", "MulLayer.backward");
  }
}

/** The addition node of a computational graph (book 5.4.2): see README.md. */
export class AddLayer {
  /** Returns `x + y`. */
  forward(x: number, y: number): number {
    return notImplemented("multiply_add_layers", "AddLayer.forward");
  }

  /** Returns `[dx, dy]`: `dout` passed on unchanged to both inputs. */
  backward(dout: number): [dx: number, dy: number] {
    return notImplemented("multiply_add_layers", "AddLayer.backward");
  }
}
