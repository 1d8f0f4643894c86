// deno-lint-ignore-file no-unused-vars
// Your spec for the Affine layer: see README.md beside this file.
//
// Write Deno.test cases here, each with timeLimit as its options, that pass
// against a correct Affine layer and fail against a wrong one. The runner
// swaps the Affine imported below for the correct layer and for each hidden
// wrong one.
import { Affine } from "../affine_layer/affine.ts";
import {
  assertClose,
  assertForwardFirst,
  tensor,
  timeLimit,
} from "../../lib/testing/mod.ts";
