// deno-lint-ignore-file no-unused-vars
import { notImplemented } from "../../lib/not_implemented.ts";

/** AND as a perceptron (book 2.3): 1 only when both inputs are 1. */
export function AND(x1: number, x2: number): number {
  return notImplemented("perceptron_gates", "AND");
}

/** NAND as a perceptron (book 2.3): 0 only when both inputs are 1. */
export function NAND(x1: number, x2: number): number {
  return notImplemented("perceptron_gates", "NAND");
}

/** OR as a perceptron (book 2.3): 1 when at least one input is 1. */
export function OR(x1: number, x2: number): number {
  return notImplemented("perceptron_gates", "OR");
}

/** XOR built from NAND, OR and AND (book 2.5): 1 when exactly one input is 1. */
export function XOR(x1: number, x2: number): number {
  return notImplemented("perceptron_gates", "XOR");
}
