/**
 * Renders Vega-Lite charts to SVG without a browser: reads a JSON array of
 * Vega-Lite specs on stdin and writes a JSON array of SVG documents, one per
 * spec and in the same order, on stdout. lib/tools/report.ts runs it in its
 * own process, with this folder's config, so that Vega and Vega-Lite stay out
 * of the project's lockfile and are fetched only by the tasks that draw.
 *
 *     echo '[{"mark":"point","data":{"values":[{"x":1}]},
 *       "encoding":{"x":{"field":"x","type":"quantitative"}}}]' |
 *       deno run --config lib/tools/plot/deno.json lib/tools/plot/render.ts
 *
 * @module
 */

import { parse, View } from "vega";
import { compile, type TopLevelSpec } from "vega-lite";

/**
 * The SVG of one Vega-Lite spec, laid out and rendered headless (Vega's
 * "none" renderer measures text by estimate, as no canvas is needed).
 *
 * @example
 * ```ts
 * import { renderSvg } from "./render.ts";
 * const svg = await renderSvg({
 *   data: { values: [{ x: 1, y: 2 }, { x: 2, y: 3 }] },
 *   mark: "line",
 *   encoding: {
 *     x: { field: "x", type: "quantitative", title: "step" },
 *     y: { field: "y", type: "quantitative" },
 *   },
 * });
 * console.assert(svg.startsWith("<svg") && svg.includes("step"));
 * ```
 */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const view = new View(parse(compile(spec).spec), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

if (import.meta.main) {
  const input = await new Response(Deno.stdin.readable).text();
  const specs: unknown = JSON.parse(input);
  if (!Array.isArray(specs)) {
    console.error(
      `render.ts expects a JSON array of Vega-Lite specs, got ${typeof specs}`,
    );
    Deno.exit(2);
  }
  const svgs: string[] = [];
  for (const [i, spec] of specs.entries()) {
    try {
      svgs.push(await renderSvg(spec as TopLevelSpec));
    } catch (error) {
      console.error(`chart ${i + 1} of ${specs.length}: ${error}`);
      Deno.exit(1);
    }
  }
  console.log(JSON.stringify(svgs));
}
