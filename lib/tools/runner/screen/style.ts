/**
 * Terminal manners: colour only on a terminal and never when `NO_COLOR` is
 * set or the terminal is `dumb`, no escape codes at all when the output is not a terminal, and text
 * wrapped to at most 80 columns.
 *
 * @module
 */

const RESET = "\x1b[0m";

/** How to write to the learner's screen. */
export class Style {
  /** Whether to colour text. */
  readonly color: boolean;
  /** Whether stdout is a terminal (so clearing the screen is allowed). */
  readonly terminal: boolean;
  /** The column to wrap text at. */
  readonly width: number;

  /** A style with the given manners. */
  constructor(color: boolean, terminal: boolean, width: number) {
    this.color = color;
    this.terminal = terminal;
    this.width = width;
  }

  /**
   * The style for this process's stdout: see {@link Style.choose}.
   *
   * @example
   * ```ts
   * import { Style } from "./style.ts";
   * const style = Style.detect();
   * console.assert(style.width <= 80);
   * ```
   */
  static detect(): Style {
    const terminal = Deno.stdout.isTerminal();
    let columns: number | undefined;
    try {
      if (terminal) columns = Deno.consoleSize().columns;
    } catch {
      // No size to be had: keep 80.
    }
    let term: string | undefined;
    try {
      term = Deno.env.get("TERM");
    } catch {
      // Not allowed to read the environment: assume a capable terminal.
    }
    return Style.choose({ terminal, noColor: Deno.noColor, term, columns });
  }

  /**
   * The style for an output with these traits: colour only on a terminal,
   * and not when `NO_COLOR` is set or `TERM` is `dumb` (Emacs' shell, some
   * CI logs, which show escape codes as text); 80 columns, or the
   * terminal's width if narrower (at least 40).
   *
   * @example
   * ```ts
   * import { Style } from "./style.ts";
   * console.assert(Style.choose({ terminal: true, noColor: false, term: "xterm" }).color);
   * const dumb = Style.choose({ terminal: true, noColor: false, term: "dumb", columns: 60 });
   * console.assert(!dumb.color && dumb.width === 60);
   * ```
   */
  static choose(traits: {
    terminal: boolean;
    noColor: boolean;
    term?: string;
    columns?: number;
  }): Style {
    const { terminal, noColor, term, columns } = traits;
    const width = terminal && columns !== undefined
      ? Math.max(40, Math.min(80, columns))
      : 80;
    return new Style(terminal && !noColor && term !== "dumb", terminal, width);
  }

  /**
   * A style with no colour and no escape codes, for tests and pipes.
   *
   * @example
   * ```ts
   * import { Style } from "./style.ts";
   * console.assert(Style.plain().red("x") === "x");
   * ```
   */
  static plain(width = 80): Style {
    return new Style(false, false, width);
  }

  #paint(code: string, text: string): string {
    return this.color ? `\x1b[${code}m${text}${RESET}` : text;
  }

  /** Bold text. */
  bold(text: string): string {
    return this.#paint("1", text);
  }

  /** Dim text, for what matters less. */
  dim(text: string): string {
    return this.#paint("2", text);
  }

  /** Red text, for failures. */
  red(text: string): string {
    return this.#paint("31", text);
  }

  /** Green text, for passes. */
  green(text: string): string {
    return this.#paint("32", text);
  }

  /** Yellow text, for warnings and hints. */
  yellow(text: string): string {
    return this.#paint("33", text);
  }

  /** Cyan text, for commands and paths. */
  cyan(text: string): string {
    return this.#paint("36", text);
  }

  /**
   * The codes that clear the screen and scrollback, or nothing when the
   * output is not a terminal.
   *
   * @example
   * ```ts
   * import { Style } from "./style.ts";
   * console.assert(Style.plain().clearScreen() === "");
   * ```
   */
  clearScreen(): string {
    return this.terminal ? "\x1b[2J\x1b[3J\x1b[H" : "";
  }
}

/**
 * Wraps each line of `text` at spaces to at most `width` columns; a wrapped
 * line's continuation keeps its indentation. Words longer than the width stay
 * whole.
 *
 * @example
 * ```ts
 * import { wrap } from "./style.ts";
 * console.assert(wrap("  one two three", 10) === "  one two\n  three");
 * console.assert(wrap("short\n  kept", 10) === "short\n  kept");
 * ```
 */
export function wrap(text: string, width: number): string {
  return text.split("\n").map((line) => {
    if (line.length <= width) return line;
    const indent = line.match(/^\s*/)![0];
    const words = line.slice(indent.length).split(/ +/);
    const out: string[] = [];
    let current = indent;
    for (const word of words) {
      if (current.trim() && current.length + 1 + word.length > width) {
        out.push(current);
        current = indent + word;
      } else {
        current += (current.trim() ? " " : "") + word;
      }
    }
    out.push(current);
    return out.join("\n");
  }).join("\n");
}

/**
 * {@link wrap} for markdown: paragraphs and list items are wrapped, while
 * fenced code blocks, indented code and table rows are left exactly as
 * written (re-wrapped code would no longer be code).
 *
 * @example
 * ```ts
 * import { wrapMarkdown } from "./style.ts";
 * const fence = "`".repeat(3);
 * const text = `one two three\n${fence}\nconst long = [1, 2, 3];\n${fence}`;
 * console.assert(wrapMarkdown(text, 10) === `one two\nthree\n${fence}\nconst long = [1, 2, 3];\n${fence}`);
 * ```
 */
export function wrapMarkdown(text: string, width: number): string {
  let inFence = false;
  return text.split("\n").map((line) => {
    const fence = line.trimStart().startsWith("```");
    const code = inFence || fence || /^( {4}|\t)/.test(line) ||
      line.trimStart().startsWith("|");
    if (fence) inFence = !inFence;
    return code ? line : wrap(line, width);
  }).join("\n");
}
