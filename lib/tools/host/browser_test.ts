// The dashboard in a real browser, as part of `deno test lib/` (and so of the
// self-check). The browser test itself, browser/dashboard_e2e.ts, runs in a
// subprocess with its own config and lockfile: puppeteer-core is fetched only
// when this test runs, never by a learner's task, and stays out of the
// project's deno.lock.

import { assert } from "../../testing/assert.ts";
import { CHROMIUM_CANDIDATES, findChromium } from "../chromium.ts";

const chromium = await findChromium();
const inCi = Deno.env.get("CI") === "true";
if (!chromium && !inCi) {
  console.log(
    "host browser test skipped: no Chromium (install it: sudo apt-get install chromium, or set CHROMIUM_PATH)",
  );
}

Deno.test({
  name:
    "the dashboard in headless Chromium: two learners join, one moves on, one gets stuck, a markup name shows as text",
  ignore: !chromium && !inCi,
  async fn() {
    assert(
      chromium,
      `CI=true but no Chromium at ${
        CHROMIUM_CANDIDATES.join(" or ")
      }: .ci/run installs it with apt-get`,
    );
    const root = new URL("../../../", import.meta.url).pathname;
    await Deno.mkdir(`${root}.katas`, { recursive: true });
    const screenshot = `${root}.katas/host-screenshot.png`;
    const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "--allow-all",
        "--config",
        `${root}lib/tools/host/browser/deno.json`,
        `${root}lib/tools/host/browser/dashboard_e2e.ts`,
        chromium,
        screenshot,
      ],
      env: { NO_COLOR: "1" },
      stdin: "null",
    }).output();
    const output = new TextDecoder().decode(stdout) +
      new TextDecoder().decode(stderr);
    assert(code === 0, `the browser test failed (exit ${code}):\n${output}`);
  },
});
