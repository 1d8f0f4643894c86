/**
 * The HTML reports and figures in a real headless Chromium, driven by
 * puppeteer-core: each page given is opened from its file, and must have
 * rendered every chart (an SVG with both axes titled), drawn its pixel
 * grids, logged no console error and fetched nothing. Saves a full-page
 * screenshot of each, next to the given screenshot path's stem. Exits
 * non-zero with the reason when a check fails.
 *
 *     deno run -A --config lib/tools/host/browser/deno.json \
 *       lib/tools/host/browser/report_e2e.ts <chromium> <screenshot-dir> \
 *       <page.html>...
 *
 * It shares the dashboard test's config (puppeteer-core, kept out of the
 * project's lockfile); `lib/tools/report_browser_test.ts` runs it in the
 * self-check.
 *
 * @module
 */

import puppeteer from "puppeteer-core";

const [chromium, screenshots, ...pages] = Deno.args;
if (!chromium || !screenshots || pages.length === 0) {
  console.error(
    "usage: report_e2e.ts <chromium> <screenshot-dir> <page.html>...",
  );
  Deno.exit(2);
}

function check(ok: boolean, what: string): void {
  if (!ok) throw new Error(what);
  console.log(`ok: ${what}`);
}

/** What the page shows: each chart's axis titles, and the pixel grids. */
interface Rendered {
  charts: { name: string; svgs: number; axisTitles: string[] }[];
  pixelGrids: number;
  captions: number;
}

const browser = await puppeteer.launch({
  executablePath: chromium,
  headless: true,
  // Root in a container has no user namespace for Chromium's sandbox.
  args: ["--no-sandbox", "--disable-gpu"],
});
let failed = false;
try {
  await Deno.mkdir(screenshots, { recursive: true });
  for (const path of pages) {
    const url = new URL(`file://${await Deno.realPath(path)}`).href;
    const name = path.split("/").at(-1)!.replace(/\.html$/, "");
    console.log(`page: ${path}`);
    const page = await browser.newPage();
    await page.setViewport({ width: 1100, height: 800 });
    const errors: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    page.on("pageerror", (error) => errors.push(String(error)));
    const outside: string[] = [];
    page.on("request", (request) => {
      if (request.url() !== url) outside.push(request.url());
    });
    await page.goto(url, { waitUntil: "load" });
    const rendered: Rendered = await page.evaluate(() => ({
      charts: [...document.querySelectorAll<HTMLElement>(".chart")].map(
        (chart) => ({
          name: chart.dataset.chart ?? "(unnamed)",
          svgs: chart.querySelectorAll("svg").length,
          axisTitles: [...chart.querySelectorAll(".role-axis-title text")]
            .map((t) => t.textContent ?? ""),
        }),
      ),
      pixelGrids: document.querySelectorAll("svg.pixels").length,
      captions: document.querySelectorAll("figcaption").length,
    }));
    check(rendered.charts.length > 0, `${name} has charts`);
    for (const chart of rendered.charts) {
      check(chart.svgs === 1, `chart "${chart.name}" rendered as one SVG`);
      check(
        chart.axisTitles.length >= 2 &&
          chart.axisTitles.every((t) => t.trim() !== ""),
        `chart "${chart.name}" has both axes titled (${
          chart.axisTitles.join(", ")
        })`,
      );
    }
    check(
      rendered.pixelGrids === rendered.captions,
      `${name}: every pixel grid (${rendered.pixelGrids}) has its caption`,
    );
    check(errors.length === 0, `${name}: no console errors (${errors})`);
    check(outside.length === 0, `${name}: fetched nothing (${outside})`);
    const screenshot = `${screenshots}/${name}.png`;
    await page.screenshot({ path: screenshot, fullPage: true });
    console.log(`screenshot: ${screenshot}`);
    await page.close();
  }
} catch (e) {
  failed = true;
  console.error(`FAILED: ${(e as Error).message}`);
} finally {
  await browser.close();
}
Deno.exit(failed ? 1 : 0);
