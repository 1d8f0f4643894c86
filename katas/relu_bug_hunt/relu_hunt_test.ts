// deno-lint-ignore-file no-unused-vars
// Your spec for the ReLU layer: see README.md beside this file.
//
// Write Deno.test cases here, each with timeLimit as its options, that pass
// against a correct Relu and fail against a wrong one. The runner swaps the
// Relu imported below for the correct layer and for each hidden wrong one.
import { Relu } from "../relu_layer/relu.ts";
import {
  assertClose,
  assertForwardFirst,
  assertUnchanged,
  tensor,
  timeLimit,
} from "../../lib/testing/mod.ts";
