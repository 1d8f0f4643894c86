// deno-lint-ignore-file no-unused-vars
// Your spec for the Adam optimizer: see README.md beside this file.
//
// Write Deno.test cases here, each with timeLimit as its options, that pass
// against a correct Adam and fail against a wrong one. The runner swaps the
// Adam imported below for the correct optimizer and for each hidden wrong one.
import { Adam } from "../adam/adam.ts";
import {
  assertClose,
  assertStringIncludes,
  assertThrows,
  tensor,
  timeLimit,
} from "../../lib/testing/mod.ts";
