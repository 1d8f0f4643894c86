/**
 * The dashboard in a real headless Chromium, driven by puppeteer-core: two
 * learners join, one moves on to the next kata, the other gets stuck without
 * sending anything more, and a name made of markup shows as its characters.
 * Saves a screenshot of the page at projector size. Exits non-zero with the
 * reason when a check fails.
 *
 *     deno run -A --config lib/tools/host/browser/deno.json \
 *       lib/tools/host/browser/dashboard_e2e.ts <chromium> <screenshot.png>
 *
 * `lib/tools/host/browser_test.ts` runs it in the self-check.
 *
 * @module
 */

import puppeteer, { type Page } from "puppeteer-core";
import { sendProgress } from "../protocol.ts";
import { sampleEvent } from "../sample_event.ts";
import { startHost } from "../server.ts";

const [chromium, screenshot] = Deno.args;
if (!chromium || !screenshot) {
  console.error("usage: dashboard_e2e.ts <chromium> <screenshot.png>");
  Deno.exit(2);
}

const MARKUP = "<img src=x onerror=alert(1)>";

function check(ok: boolean, what: string): void {
  if (!ok) throw new Error(what);
  console.log(`ok: ${what}`);
}

/** Waits until `fn` (run in the page) is true, or fails naming `what`. */
async function until(page: Page, what: string, fn: () => boolean) {
  try {
    await page.waitForFunction(fn, { timeout: 15_000, polling: 100 });
  } catch {
    throw new Error(`timed out waiting until ${what}`);
  }
  console.log(`ok: ${what}`);
}

function rowText(page: Page, name: string, cell: string): Promise<string> {
  return page.$$eval(
    "#learners tr",
    (rows, name, cell) =>
      rows.find((r) => (r as HTMLElement).dataset.learner === name)
        ?.querySelector(`.${cell}`)?.textContent ?? "(no such row)",
    name,
    cell,
  );
}

const manifest: { katas: { name: string; title: string }[] } = JSON.parse(
  await Deno.readTextFile(
    new URL("../../../../katas/manifest.json", import.meta.url),
  ),
);
const total = manifest.katas.length;
const host = startHost({ port: 0, stuckMinutes: 1 });
const browser = await puppeteer.launch({
  executablePath: chromium,
  headless: true,
  // Root in a container has no user namespace for Chromium's sandbox.
  args: ["--no-sandbox", "--disable-gpu"],
});
let failed = false;
try {
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 720 });
  let dialogs = 0;
  page.on("dialog", async (dialog) => {
    dialogs++;
    await dialog.dismiss();
  });
  const outside: string[] = [];
  page.on("request", (request) => {
    if (!request.url().startsWith(host.url)) outside.push(request.url());
  });
  await page.goto(`${host.url}/?code=${host.code}`);
  await until(
    page,
    "the page says it is live",
    () => document.getElementById("live")?.textContent === "live",
  );
  check(
    (await page.$eval("#join", (e) => e.textContent)) === host.joinLine,
    "the page shows the join line",
  );

  const send = async (event: Parameters<typeof sampleEvent>[0]) => {
    const result = await sendProgress(
      host.url,
      host.code,
      sampleEvent({ total, ...event }),
    );
    if (!result.ok) {
      throw new Error(`the server refused an event: ${result.reason}`);
    }
  };
  await send({ name: "Ada", seq: 1, secondsOnKata: 5 });
  await send({
    name: MARKUP,
    seq: 1,
    solved: 5,
    solvedWithSolution: 0,
    kata: { index: 5, name: "affine_layer", title: "The Affine layer" },
    failingTest: "dx has the shape of x <b>even</b> for a 4-D input",
    hints: 2,
    secondsOnKata: 56,
  });
  await until(
    page,
    "both learners are on the page",
    () => document.querySelectorAll("#learners tr").length === 2,
  );
  check(
    (await rowText(page, MARKUP, "name")) === MARKUP,
    "the markup name shows as its characters",
  );
  check(
    (await rowText(page, MARKUP, "test")) ===
      "dx has the shape of x <b>even</b> for a 4-D input",
    "the failing test's name shows as its characters",
  );
  check(
    (await page.$$("img, b")).length === 0 && dialogs === 0,
    "no element was made from learner data and no script ran",
  );
  check(
    (await rowText(page, "Ada", "kata")) === "4The ReLU layer",
    "Ada's kata shows its number and title",
  );

  await send({
    name: "Ada",
    seq: 2,
    solved: 4,
    kata: { index: 4, name: "sigmoid_layer", title: "The Sigmoid layer" },
    failingTest: "forward of 0 is 0.5",
    hints: 0,
    secondsOnKata: 0,
  });
  await until(page, "Ada moves on to the Sigmoid layer", () => {
    const row = document.querySelector('#learners tr[data-learner="Ada"]');
    return row?.querySelector(".kata .title")?.textContent ===
        "The Sigmoid layer" &&
      row?.querySelector(".count")?.textContent?.startsWith("4/") === true;
  });
  await until(
    page,
    "the other learner shows as stuck a few seconds later, with no new event",
    () =>
      document.querySelector("#learners tr.stuck .status")?.textContent
        ?.startsWith("STUCK") === true,
  );
  check(
    (await page.$$eval(
      "#learners tr.stuck",
      (rows) => rows.map((r) => (r as HTMLElement).dataset.learner),
    )).join() === MARKUP,
    "only that learner is stuck",
  );
  check(
    (await page.$$eval(
      "#learners tr",
      (rows) => rows.map((r) => (r as HTMLElement).dataset.learner),
    )).join("|") ===
      `${MARKUP}|Ada`,
    "by progress, the learner with more katas solved comes first",
  );
  // A fuller room for the screenshot: what a projector shows mid-workshop.
  const room = [
    [
      "Grace Hopper",
      11,
      2,
      "numerical gradient matches backward within 1e-7",
      3,
    ],
    ["Linus", 7, 0, "softmax of 1000 gives no NaN", 1],
    ["Yukihiro", total - 1, 3, null, 0],
    ["Margaret Hamilton-Smythe", 2, 1, "step function of 0 is 0", 2],
  ] as const;
  for (const [name, solved, peeked, test, hints] of room) {
    await send({
      name,
      seq: 1,
      solved,
      solvedWithSolution: peeked,
      kata: {
        index: solved,
        name: manifest.katas[solved].name,
        title: manifest.katas[solved].title,
      },
      failingTest: test,
      status: test ? "failing" : "passing",
      hints,
      secondsOnKata: 10 + solved * 2,
    });
  }
  await send({
    name: "Ada",
    seq: 3,
    solved: total,
    solvedWithSolution: 1,
    kata: null,
    failingTest: null,
    status: "finished",
    hints: 0,
    secondsOnKata: 0,
  });
  await until(
    page,
    "the full room is on the page",
    () => document.querySelectorAll("#learners tr").length === 6,
  );
  const order = () =>
    page.$$eval(
      "#learners tr",
      (rows) => rows.map((r) => (r as HTMLElement).dataset.learner).join("|"),
    );
  check(
    (await order()) ===
      `Ada|Yukihiro|Grace Hopper|Linus|${MARKUP}|Margaret Hamilton-Smythe`,
    "by progress: finished first, then by katas solved",
  );
  await page.click('nav button[data-order="name"]');
  check(
    (await order()) ===
      `${MARKUP}|Ada|Grace Hopper|Linus|Margaret Hamilton-Smythe|Yukihiro`,
    "the by-name button sorts by name",
  );
  await page.click('nav button[data-order="progress"]');
  check(
    outside.length === 0,
    `the page fetched nothing elsewhere (${outside})`,
  );
  await page.screenshot({ path: screenshot });
  console.log(`screenshot: ${screenshot}`);
} catch (e) {
  failed = true;
  console.error(`FAILED: ${(e as Error).message}`);
} finally {
  await browser.close();
  await host.shutdown();
}
Deno.exit(failed ? 1 : 0);
