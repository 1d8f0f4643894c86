/**
 * What the learner reads: a kata's screen (where they are, what failed and
 * why, which file to edit, how to get a hint), the progress bar and the
 * closing message. Pure functions from verdicts to text, at most one screen
 * and 80 columns wide.
 *
 * @module
 */

import type { KataEntry, Manifest } from "../../manifest.ts";
import { DEFAULT_TIMEOUT_SECONDS } from "../cli/args.ts";
import { SANDBOX_NOTE, type SourceProblem } from "../checking/diagnose.ts";
import { kataPaths } from "../state/paths.ts";
import { type Progress, reportedStatuses } from "../state/progress.ts";
import { type Style, wrap } from "./style.ts";
import type { Verdict } from "../checking/verdict.ts";

/** The command a learner types, as the screens print it. */
export const TASK = "deno task start";

/** A failure message longer than this is cut, with a note saying so. */
export const MAX_MESSAGE_LINES = 24;

/**
 * "Kata 7 of 26: Sigmoid layer, book 5.5.2".
 *
 * @example
 * ```ts
 * import { kataTitle } from "./report.ts";
 * const kata = { name: "sigmoid_layer", title: "Sigmoid layer", book: "5.5.2",
 *   file: "sigmoid.ts", spec: "sigmoid_test.ts", uses: [] };
 * console.assert(kataTitle(kata, 7, 26) === "Kata 7 of 26: Sigmoid layer, book 5.5.2");
 * ```
 */
export function kataTitle(kata: KataEntry, number: number, total: number) {
  return `Kata ${number} of ${total}: ${kata.title}, book ${kata.book}`;
}

/**
 * A bar with one cell per kata (`#` solved, `-` not), or a scaled bar for a
 * long manifest, and the count.
 *
 * @example
 * ```ts
 * import { progressBar } from "./report.ts";
 * import { Style } from "./style.ts";
 * const entry = (name: string) => ({ name, title: name, book: "5", file: "f.ts", spec: "f_test.ts", uses: [] });
 * const manifest = { katas: [entry("a"), entry("b"), entry("c")] };
 * const progress = { version: 1 as const, startedAt: "", updatedAt: "", current: "b",
 *   katas: { a: { status: "solved" as const, hintsShown: 0 } } };
 * console.assert(progressBar(manifest, progress, Style.plain()) === "[#--] 1 of 3 solved");
 * ```
 */
export function progressBar(
  manifest: Manifest,
  progress: Progress,
  style: Style,
): string {
  const cell = reportedStatuses(manifest, progress).map((s) =>
    s === "solved" ? "#" : s.endsWith("solutions") ? "~" : "-"
  );
  const count = cell.filter((c) => c === "#").length;
  const helped = cell.filter((c) => c === "~").length;
  const cells = cell.length <= 50 ? cell : Array.from(
    { length: 50 },
    (_, i) =>
      i < Math.round(count / cell.length * 50)
        ? "#"
        : i < Math.round((count + helped) / cell.length * 50)
        ? "~"
        : "-",
  );
  const bar = cells.map((c) =>
    c === "#" ? style.green(c) : c === "~" ? style.yellow(c) : style.dim(c)
  ).join("");
  return `[${bar}] ${count} of ${manifest.katas.length} solved` +
    (helped ? `, ${helped} with worked answers (~)` : "");
}

function indent(text: string, by: string): string {
  return text.split("\n").map((l) => (l ? by + l : l)).join("\n");
}

function cut(message: string): string {
  const lines = message.trimEnd().split("\n");
  if (lines.length <= MAX_MESSAGE_LINES) return lines.join("\n");
  return [
    ...lines.slice(0, MAX_MESSAGE_LINES),
    `(${lines.length - MAX_MESSAGE_LINES} more lines not shown)`,
  ].join("\n");
}

function place(p: SourceProblem): string {
  return p.file
    ? `${p.file}${p.line ? `:${p.line}${p.column ? `:${p.column}` : ""}` : ""}`
    : "";
}

const HEADINGS: Record<SourceProblem["kind"], string> = {
  syntax: "SYNTAX ERROR",
  type: "TYPE ERROR",
  error: "ERROR",
};

function problemLines(v: Verdict, style: Style): string[] {
  const [first] = v.problems;
  const text = first.kind === "syntax"
    ? first.message.replace(/^SyntaxError: /, "")
    : first.message;
  const lines = [
    `${style.red(style.bold(HEADINGS[first.kind]))}  ${
      style.cyan(place(first) || "(no place given)")
    }`,
    "",
    indent(
      wrap(cut(first.code ? `${first.code}: ${text}` : text), style.width - 4),
      "    ",
    ),
  ];
  const paths = kataPaths(v.kata);
  if (first.file === paths.spec) {
    lines.push(
      "",
      wrap(
        `This line is in the spec, where it uses your file: check that ` +
          `${paths.file} exports what the spec imports, with those types.`,
        style.width,
      ),
    );
  }
  if (first.kind === "error" && first.file) {
    lines.push(
      "",
      wrap(
        "Deno stopped the spec on this error: it was thrown while your file " +
          "loaded, or by a promise nobody awaited.",
        style.width,
      ),
    );
  }
  const more = v.problems.length - 1;
  if (more > 0) {
    lines.push(
      "",
      style.dim(
        `(${more} more ${
          more === 1 ? "error" : "errors"
        } after this one: fix this one first.)`,
      ),
    );
  }
  return lines;
}

/** At most this many lines of what the learner's code printed are shown. */
export const MAX_PRINTED_LINES = 20;

/** At most this many other failing tests are named. */
const MAX_OTHERS = 5;

function printedLines(printed: string[], style: Style): string[] {
  const shown = printed.slice(0, MAX_PRINTED_LINES);
  const more = printed.length - shown.length;
  return [
    "",
    style.bold("Your code printed, in this test:"),
    ...shown.map((l) => style.dim("  | ") + l.slice(0, style.width - 4)),
    ...(more > 0 ? [style.dim(`  (${more} more lines not shown)`)] : []),
  ];
}

function failureLines(v: Verdict, style: Style): string[] {
  const failure = v.failure!;
  const passed = `${v.passedTests} of ${v.totalTests} ${
    v.totalTests === 1 ? "test passes" : "tests pass"
  }`;
  const label = v.status === "not started"
    ? style.yellow(style.bold("NOT STARTED"))
    : style.red(style.bold("FAILING"));
  // A stub fails every test for the same reason: one of them says it all.
  const others = v.status === "not started" ? [] : v.otherFailures;
  const which = v.status === "not started"
    ? "The first failing test:"
    : others.length
    ? "The most telling failing test:"
    : "The failing test:";
  const headline = v.hunt?.specWrong
    ? [
      labelled(
        "SPEC IS WRONG",
        (l) => style.red(style.bold(l)),
        `It is your spec that is wrong: it fails the correct ` +
          `${v.hunt.layer}. ${which}`,
        style,
      ),
    ]
    : [`${label}  ${passed}. ${which}`];
  const lines = [
    ...headline,
    "",
    indent(wrap(failure.name, style.width - 2), "  "),
    "",
    indent(
      wrap(cut(failure.message ?? "(no message)"), style.width - 4),
      "    ",
    ),
  ];
  if (v.thrown) {
    const { file, line, column, code } = v.thrown;
    lines.push(
      "",
      `Thrown in your code at ${style.cyan(`${file}:${line}:${column}`)}:`,
      ...(code ? [`  ${line} | ${code}`.slice(0, style.width)] : []),
    );
  }
  if (failure.printed?.length) {
    lines.push(...printedLines(failure.printed, style));
  }
  if (/timed out/i.test(failure.message ?? "")) {
    lines.push("", wrap(LOOP_ADVICE, style.width));
  }
  if (others.length) {
    const named = others.slice(0, MAX_OTHERS);
    const more = others.length - named.length;
    lines.push(
      "",
      `Also failing:`,
      ...named.map((n) => indent(wrap(`- ${n}`, style.width - 2), "  ")),
      ...(more > 0 ? [`  and ${more} more`] : []),
    );
  }
  return lines;
}

/**
 * A wrong layer's title as it reads inside a sentence: no closing full
 * stop, and a capital that only starts the sentence made small ("ReLU"
 * keeps its capitals).
 *
 * @example
 * ```ts
 * import { inSentence } from "./report.ts";
 * console.assert(inSentence("Forward is right only at 0.") === "forward is right only at 0");
 * console.assert(inSentence("A second forward goes wrong.") === "a second forward goes wrong");
 * console.assert(inSentence("ReLU backward is off.") === "ReLU backward is off");
 * ```
 */
export function inSentence(title: string): string {
  const bare = title.replace(/\.$/, "");
  const first = bare.split(" ")[0];
  return /^[A-Z][^A-Z]*$/.test(first)
    ? bare[0].toLowerCase() + bare.slice(1)
    : bare;
}

/**
 * `LABEL  text`, wrapped to the screen: the label (plain text, painted by
 * `paint`) counts for its own width only, and its two spaces are kept.
 */
function labelled(
  label: string,
  paint: (s: string) => string,
  text: string,
  style: Style,
): string {
  const stand = "\u0000".repeat(label.length + 1);
  return wrap(`${stand} ${text}`, style.width).replace(
    stand,
    `${paint(label)} `,
  );
}

/** A bug hunt's verdict once its spec passes the correct layer, or has no test. */
function huntLines(v: Verdict, style: Style): string[] {
  const hunt = v.hunt!;
  const mistakes = `\`${TASK} mistakes ${v.kata.name}\``;
  if (v.status === "not started") {
    return [
      `${style.yellow(style.bold("NOT STARTED"))}  Your spec has no tests yet.`,
      "",
      wrap(
        `Write tests in ${kataPaths(v.kata).file}: the runner runs them ` +
          `against the correct ${hunt.layer} and then against ${hunt.total} ` +
          `wrong ones, and tells you how many you catch.`,
        style.width,
      ),
    ];
  }
  if (v.status === "solved") {
    return [
      labelled(
        "SOLVED",
        (l) => style.green(style.bold(l)),
        `Your spec passes the correct layer and catches all ${hunt.total} ` +
          `wrong layers.`,
        style,
      ),
      "",
      wrap(`${mistakes} shows each of them and its diff.`, style.width),
    ];
  }
  const caught = hunt.caught.length;
  return [
    labelled(
      "HUNTING",
      (l) => style.yellow(style.bold(l)),
      `Your spec passes the correct layer; it catches ${caught} of ` +
        `${hunt.total} wrong layers; still passing: ${
          hunt.stillPassing.map((w) => inSentence(w.title)).join(", ")
        }.`,
      style,
    ),
    "",
    wrap(
      caught > 0
        ? `${mistakes} shows the wrong layers you catch, with their diffs, ` +
          `and the titles of the others.`
        : `${mistakes} lists the wrong layers by title.`,
      style.width,
    ),
  ];
}

const LOOP_ADVICE =
  "Your code seems to loop forever, or to be far too slow. Look for a loop " +
  "whose condition never changes, or one that counts the wrong way.";

/**
 * The part of a kata's screen that says what went wrong (or that it passed),
 * and the notes that go with it.
 *
 * @example
 * ```ts
 * import { verdictLines } from "./report.ts";
 * import { Style } from "./style.ts";
 * const kata = { name: "relu_layer", title: "ReLU layer", book: "5.5.1",
 *   file: "relu.ts", spec: "relu_test.ts", uses: [] };
 * const text = verdictLines({ kata, number: 6, status: "failing", passedTests: 0, totalTests: 0,
 *   otherFailures: [], problems: [{ kind: "syntax", message: "SyntaxError: Expected ',', got ';'",
 *     file: "katas/relu_layer/relu.ts", line: 10, column: 24 }],
 *   sandbox: false, unsolvedDependencies: [], usedSolutions: [], missingFile: false,
 *   editedSpec: false },
 *   Style.plain()).join("\n");
 * console.assert(text.startsWith("SYNTAX ERROR  katas/relu_layer/relu.ts:10:24"));
 * ```
 */
export function verdictLines(
  v: Verdict,
  style: Style,
  watching = false,
): string[] {
  const paths = kataPaths(v.kata);
  const lines: string[] = [];
  if (v.status === "missing") {
    lines.push(
      `${
        style.yellow(style.bold("MISSING"))
      }  ${paths.spec} is not in your copy.`,
    );
  } else if (v.missingSpec) {
    lines.push(
      `${style.red(style.bold("MISSING SPEC"))}  ${paths.spec} is gone, ` +
        `so this kata cannot be checked.`,
      "",
      wrap(
        `\`${TASK} reset ${v.kata.name} --spec\` puts the spec back as ` +
          `shipped.`,
        style.width,
      ),
    );
  } else if (v.missingFile) {
    lines.push(
      `${style.red(style.bold("MISSING FILE"))}  ${paths.file} is not there.`,
      "",
      wrap(
        `\`${TASK} reset ${v.kata.name}\` puts the stub back ` +
          `(backups of your files are in .katas/backups/).`,
        style.width,
      ),
    );
  } else if (v.timedOut) {
    lines.push(
      `${
        style.red(style.bold("TIMED OUT"))
      }  The spec was stopped after ${v.timedOut.seconds} s` +
        (v.timedOut.test ? ", in the test:" : "."),
    );
    if (v.timedOut.test) {
      lines.push("", indent(wrap(v.timedOut.test, style.width - 2), "  "));
    }
    const { seconds } = v.timedOut;
    // No test had begun: a short limit can run out while Deno is still
    // loading the spec, and that is not the learner's loop.
    const limitTooShort = !v.timedOut.test &&
      seconds < DEFAULT_TIMEOUT_SECONDS;
    lines.push(
      "",
      wrap(
        limitTooShort
          ? `No test had started when the limit ran out: ${seconds} s may ` +
            `be too short for Deno even to load the spec. Try the default ` +
            `limit (${DEFAULT_TIMEOUT_SECONDS} s, without --timeout); if it ` +
            `still times out, your file may loop as it loads.`
          : `${LOOP_ADVICE} ${
            watching ? "Save again to re-run; " : ""
          }--timeout <seconds> changes the limit.`,
        style.width,
      ),
    );
  } else if (v.problems.length) {
    lines.push(...problemLines(v, style));
  } else if (v.hunt && !v.hunt.specWrong) {
    lines.push(...huntLines(v, style));
  } else if (v.failure) {
    lines.push(...failureLines(v, style));
  } else if (v.editedSpec && v.totalTests > 0) {
    lines.push(
      `${style.yellow(style.bold("EDITED SPEC"))}  ${
        v.totalTests === 1
          ? "The test passes"
          : `All ${v.totalTests} tests pass`
      }, but against your edited spec.`,
    );
  } else if (v.status === "solved") {
    lines.push(
      `${style.green(style.bold("SOLVED"))}  ${
        v.totalTests === 1
          ? "The test passes"
          : `All ${v.totalTests} tests pass`
      }.`,
    );
  }
  if (v.editedSpec) {
    lines.push(
      "",
      wrap(
        `Checked against your edited spec: ${paths.spec} is not the one ` +
          `shipped, so this kata does not count as solved. To put the ` +
          `shipped spec back (your copy is saved to .katas/backups/ first):`,
        style.width,
      ),
      `  ${TASK} reset ${v.kata.name} --spec`,
    );
  }
  if (v.sandbox) lines.push("", wrap(SANDBOX_NOTE, style.width));
  if (v.unsolvedDependencies.length) {
    lines.push(
      "",
      wrap(
        `This kata imports your files from ${
          v.unsolvedDependencies.join(", ")
        }, ` +
          `which still throw "not implemented". To work on this kata now, with ` +
          `the worked answers in their place, run:`,
        style.width,
      ),
      `  ${TASK} kata ${v.kata.name} --use-solutions`,
    );
  }
  if (v.usedSolutions.length) {
    lines.push(
      "",
      wrap(
        `Ran with the worked answers of ${v.usedSolutions.join(", ")} ` +
          `(from solutions/) in place of your files for them; your files ` +
          `are untouched.`,
        style.width,
      ),
    );
  }
  return lines;
}

/** What a kata's screen needs besides the verdict. */
export interface ScreenInfo {
  /** The progress record, for the bar. */
  progress: Progress;
  /** Hints shown so far and hints in the kata's HINTS.md. */
  hints: { shown: number; total: number };
  /** Whether the runner is watching (so keys work). */
  watching: boolean;
  /** Whether the hint command must name the kata (it is not the current one). */
  nameInHint?: boolean;
}

/**
 * A kata's whole screen: title, progress bar, verdict, the file to edit and
 * how to get a hint.
 *
 * @example
 * ```ts ignore
 * import { kataScreen } from "./report.ts";
 * console.log(kataScreen(manifest, verdict, info, style));
 * ```
 */
export function kataScreen(
  manifest: Manifest,
  v: Verdict,
  info: ScreenInfo,
  style: Style,
): string {
  const paths = kataPaths(v.kata);
  const lines = [
    style.bold(kataTitle(v.kata, v.number, manifest.katas.length)),
    progressBar(manifest, info.progress, style),
    "",
    ...verdictLines(v, style, info.watching),
  ];
  if (v.status !== "missing" && v.status !== "solved") {
    const { shown, total } = info.hints;
    const hint = total === 0
      ? "(this kata has no HINTS.md)"
      : shown >= total
      ? `all ${total} hints shown; \`${TASK} solution ${v.kata.name} --force\` shows the answer`
      : `hint ${shown + 1} of ${total}`;
    lines.push(
      "",
      `Edit  ${style.cyan(paths.file)}`,
      `Read  ${paths.readme}`,
      wrap(
        `Hint  \`${TASK} hint${info.nameInHint ? ` ${v.kata.name}` : ""}\`${
          info.watching ? " or press h" : ""
        }: ${hint}`,
        style.width,
      ),
    );
  }
  return lines.join("\n");
}

/**
 * The message when every kata in the copy passes.
 *
 * @example
 * ```ts
 * import { closingMessage } from "./report.ts";
 * import { Style } from "./style.ts";
 * console.assert(closingMessage(26, [], Style.plain()).includes("All 26 katas pass"));
 * console.assert(closingMessage(26, [], Style.plain(), 10).includes("from kata 11 on pass"));
 * ```
 */
export function closingMessage(
  total: number,
  missing: KataEntry[],
  style: Style,
  from = 0,
): string {
  const solved = total - missing.length;
  const lines = [
    style.green(style.bold(
      from > 0
        ? `All the katas from kata ${from + 1} on pass.`
        : missing.length
        ? `All ${solved} katas in your copy pass.`
        : `All ${total} katas pass. Well done!`,
    )),
    "",
    ...(from > 0
      ? [
        wrap(
          `Katas 1 to ${from} came from the worked answers: ` +
            `\`${TASK} --from 1\` walks you through them, from the start.`,
          style.width,
        ),
        "",
      ]
      : []),
    wrap(
      "You have written, by hand, the forward and backward pass of every " +
        "layer in the book, checked them against numerical gradients, and " +
        "trained networks built from them. Compare your answers with the " +
        `worked ones: \`${TASK} solution <kata>\`.`,
      style.width,
    ),
  ];
  if (missing.length) {
    lines.push(
      "",
      wrap(
        `${missing.length} ${missing.length === 1 ? "kata is" : "katas are"} ` +
          `not in your copy yet: ${missing.map((k) => k.name).join(", ")}. ` +
          `Update your copy (git pull) to get ${
            missing.length === 1 ? "it" : "them"
          }.`,
        style.width,
      ),
    );
  }
  return lines.join("\n");
}

/**
 * The one line printed for an error inside the runner itself.
 *
 * @example
 * ```ts
 * import { internalLine } from "./report.ts";
 * console.assert(internalLine(new Error("boom")).includes("boom"));
 * ```
 */
export function internalLine(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  return `Internal error in the kata runner (not in your code): ${
    message.split("\n")[0]
  }. Please report it, with the command you ran.`;
}
