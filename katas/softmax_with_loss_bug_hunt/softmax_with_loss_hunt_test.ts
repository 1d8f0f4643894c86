// deno-lint-ignore-file no-unused-vars
// Your spec for the Softmax-with-Loss layer: see README.md beside this file.
//
// Write Deno.test cases here, each with timeLimit as its options, that pass
// against a correct SoftmaxWithLoss and fail against a wrong one. The runner
// swaps the SoftmaxWithLoss imported below for the correct layer and for each
// hidden wrong one.
import { SoftmaxWithLoss } from "../softmax_with_loss/softmax_with_loss.ts";
import {
  assertClose,
  assertForwardFirst,
  tensor,
  timeLimit,
} from "../../lib/testing/mod.ts";
