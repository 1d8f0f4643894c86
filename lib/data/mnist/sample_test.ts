// The committed sample is what sample.ts writes from the package: run with
// this folder's config (deno test --config lib/data/mnist/deno.json ...).
import { buildSample, SAMPLE_PATH } from "./sample.ts";
import { assertEquals } from "../../testing/mod.ts";

Deno.test(
  "lib/data/mnist_sample.json is the sample sample.ts builds from the package",
  async () => {
    const committed = JSON.parse(await Deno.readTextFile(SAMPLE_PATH));
    assertEquals(
      committed,
      await buildSample(),
      "regenerate it: deno run --config lib/data/mnist/deno.json --allow-write=lib/data lib/data/mnist/sample.ts",
    );
  },
);
