/**
 * How the runner shows a kata's classic mistakes: a list (each name with the
 * first sentence of its description), and one mistake in full, its diff
 * against the worked answer coloured in a terminal.
 *
 * @module
 */

import type { Mistake } from "../../mistakes.ts";
import { type Style, wrap } from "./style.ts";

/**
 * The first sentence of `text`: up to the first `.`, `!` or `?` followed by
 * a space or the end, not counting "e.g." and "i.e.".
 *
 * @example
 * ```ts
 * import { firstSentence } from "./mistake_screen.ts";
 * console.assert(firstSentence("Writes into dout. The spec sees it.") === "Writes into dout.");
 * console.assert(firstSentence("Uses e.g. log. Then more.") === "Uses e.g. log.");
 * console.assert(firstSentence("No full stop") === "No full stop");
 * ```
 */
export function firstSentence(text: string): string {
  const end = /(?<!\b(?:e\.g|i\.e))[.!?](?=\s|$)/.exec(text);
  return end ? text.slice(0, end.index + 1) : text;
}

/**
 * The list of `mistakes`, one paragraph each: the name, then the first
 * sentence of its description, indented.
 *
 * @example
 * ```ts
 * import { mistakeList } from "./mistake_screen.ts";
 * import { Style } from "./style.ts";
 * const m = { name: "stale_mask", description: "Keeps the first mask. More.",
 *   title: "Keeps the first mask. More.", diff: "" };
 * console.assert(mistakeList([m], Style.plain()) === "stale_mask\n    Keeps the first mask.");
 * ```
 */
export function mistakeList(
  mistakes: readonly Mistake[],
  style: Style,
): string {
  return mistakes.map((m) =>
    style.bold(m.name) + "\n" +
    wrap(firstSentence(m.description), style.width - 4).replace(/^/gm, "    ")
  ).join("\n");
}

/**
 * A diff coloured line by line in a terminal: added lines green, removed
 * lines red, hunk headers cyan; unchanged when `style` is plain.
 *
 * @example
 * ```ts
 * import { coloredDiff } from "./mistake_screen.ts";
 * import { Style } from "./style.ts";
 * const diff = "@@ -1,1 +1,1 @@\n-a\n+b\n";
 * console.assert(coloredDiff(diff, Style.plain()) === diff.trimEnd());
 * console.assert(coloredDiff(diff, new Style(true, false, 80)).includes("\x1b["));
 * ```
 */
export function coloredDiff(diff: string, style: Style): string {
  return diff.trimEnd().split("\n").map((line) =>
    line.startsWith("@@")
      ? style.cyan(line)
      : line.startsWith("+")
      ? style.green(line)
      : line.startsWith("-")
      ? style.red(line)
      : line
  ).join("\n");
}

/**
 * One mistake in full: its name, its description and its diff against
 * `answer` (the worked answer's path).
 *
 * @example
 * ```ts
 * import { mistakeText } from "./mistake_screen.ts";
 * import { Style } from "./style.ts";
 * const m = { name: "flip", description: "Flips it.", title: "Flips it.",
 *   diff: "@@ -1 +1 @@\n-a\n+b\n" };
 * const text = mistakeText(m, "solutions/k/k.ts", Style.plain());
 * console.assert(text.includes("Flips it.") && text.endsWith("+b"));
 * ```
 */
export function mistakeText(
  mistake: Mistake,
  answer: string,
  style: Style,
): string {
  return [
    style.bold(`Classic mistake: ${mistake.name}`),
    "",
    wrap(mistake.description, style.width),
    "",
    style.dim(`As a change to the worked answer, ${answer}:`),
    "",
    coloredDiff(mistake.diff, style),
  ].join("\n");
}

/**
 * One wrong layer in full: its name, its description and its diff against
 * the correct layer `answer`.
 *
 * @example
 * ```ts
 * import { wrongLayerText } from "./mistake_screen.ts";
 * import { Style } from "./style.ts";
 * const w = { name: "flip", title: "Flips.", description: "Flips. It is wrong.",
 *   patch: { hunks: [] } as never, diff: "@@ -1 +1 @@\n-a\n+b\n" };
 * const text = wrongLayerText(w, "solutions/k/k.ts", Style.plain());
 * console.assert(text.startsWith("Wrong layer: flip") && text.endsWith("+b"));
 * ```
 */
export function wrongLayerText(
  wrong: Mistake,
  answer: string,
  style: Style,
): string {
  return [
    style.bold(`Wrong layer: ${wrong.name}`),
    "",
    wrap(wrong.description, style.width),
    "",
    style.dim(`As a change to the correct layer, ${answer}:`),
    "",
    coloredDiff(wrong.diff, style),
  ].join("\n");
}

/**
 * The list of a hunt's wrong layers: those in `shown` with their
 * description and diff, the others by title only.
 *
 * @example
 * ```ts
 * import { wrongLayerList } from "./mistake_screen.ts";
 * import { Style } from "./style.ts";
 * const layer = (name: string) => ({ name, title: `${name} title.`,
 *   description: `${name} title. More.`, patch: { hunks: [] } as never,
 *   diff: "@@ -1 +1 @@\n-a\n+b\n" });
 * const text = wrongLayerList([layer("a"), layer("b")], new Set(["a"]), "s/k.ts", Style.plain());
 * console.assert(text.includes("a title. More.") && text.includes("+b"));
 * console.assert(text.includes("b (still passing)\n    b title.") && !text.includes("b title. More."));
 * ```
 */
export function wrongLayerList(
  layers: readonly Mistake[],
  shown: ReadonlySet<string>,
  answer: string,
  style: Style,
): string {
  return layers.map((w) =>
    shown.has(w.name)
      ? wrongLayerText(w, answer, style)
      : style.bold(`${w.name} (still passing)`) + "\n" +
        wrap(w.title, style.width - 4).replace(/^/gm, "    ")
  ).join("\n\n");
}
