// Mutant of gates.ts: AND passes the gate name "NAND" to the shared
// perceptron (a copy-paste slip), so a bad input to AND is reported as NAND's.
/**
 * Logic gates as perceptrons, with the weights and biases of the book
 * (section 2.3), and XOR as a two-layer perceptron (section 2.5).
 *
 * @module
 */

/** Throws a RangeError unless `value` is 0 or 1: a gate has no other inputs. */
function checkBit(gate: string, name: string, value: number): void {
  if (value !== 0 && value !== 1) {
    throw new RangeError(`${gate}: ${name} must be 0 or 1, got ${value}`);
  }
}

/**
 * One perceptron with two inputs: it fires (1) when the weighted sum plus the
 * bias is above 0, and stays at 0 otherwise (book 2.3.3).
 */
function perceptron(
  gate: string,
  x1: number,
  x2: number,
  w1: number,
  w2: number,
  b: number,
): number {
  checkBit(gate, "x1", x1);
  checkBit(gate, "x2", x2);
  const tmp = w1 * x1 + w2 * x2 + b;
  return tmp <= 0 ? 0 : 1;
}

/** AND: 1 only when both inputs are 1. */
export function AND(x1: number, x2: number): number {
  // The bias -0.7 is a threshold only the sum of both weights (1.0) clears.
  return perceptron("NAND", x1, x2, 0.5, 0.5, -0.7);
}

/** NAND: 0 only when both inputs are 1. */
export function NAND(x1: number, x2: number): number {
  // AND with every sign flipped: weights and bias negated.
  return perceptron("NAND", x1, x2, -0.5, -0.5, 0.7);
}

/** OR: 1 when at least one input is 1. */
export function OR(x1: number, x2: number): number {
  // A low threshold that a single weight (0.5) already clears.
  return perceptron("OR", x1, x2, 0.5, 0.5, -0.2);
}

/** XOR: 1 when exactly one input is 1; NAND and OR feed an AND (book 2.5.2). */
export function XOR(x1: number, x2: number): number {
  // Checked here too, so that a bad input is reported as XOR's, not NAND's.
  checkBit("XOR", "x1", x1);
  checkBit("XOR", "x2", x2);
  const s1 = NAND(x1, x2);
  const s2 = OR(x1, x2);
  return AND(s1, s2);
}
