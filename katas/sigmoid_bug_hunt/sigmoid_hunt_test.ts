// deno-lint-ignore-file no-unused-vars
// Bug hunt: Sigmoid (see README.md beside this file). Write, in this file,
// tests of the Sigmoid layer with Deno.test, each given timeLimit as its
// options: tests that the correct Sigmoid passes and that wrong versions of
// it fail. The runner runs them against the worked answer of sigmoid_layer
// and then against each hidden wrong version, and tells you how many you
// catch.
import { Sigmoid } from "../sigmoid_layer/sigmoid.ts";
import {
  assertClose,
  assertFresh,
  assertUnchanged,
  tensor,
  timeLimit,
} from "../../lib/testing/mod.ts";
