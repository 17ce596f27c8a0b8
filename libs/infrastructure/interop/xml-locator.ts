import { InputError } from '#domain/shared/errors.js';

/** A path to an element: tag names with their 0-based index among same-named siblings, from the root down. */
export type ElementPath = readonly (readonly [tag: string, index: number])[];

/**
 * Finds where an element sits in the raw XML text, for error messages. The scanner keeps no element
 * positions, so this walks the text only when an error is reported: the `index`-th `<tag` after the parent's
 * start, for each step of the path. Lines are counted on demand (no index is built on the happy path).
 */
export class XmlLocator {
  constructor(
    private readonly text: string,
    readonly source: string,
  ) {}

  /** Offset of the element's start tag, or -1 when not found. */
  offsetOf(path: ElementPath): number {
    let from = 0;
    for (const [tag, index] of path) {
      let found = -1;
      for (let k = 0; k <= index; k += 1) {
        found = this.nextTag(tag, found < 0 ? from : found + 1);
        if (found < 0) return -1;
      }
      from = found;
    }
    return from;
  }

  private nextTag(tag: string, from: number): number {
    const needle = `<${tag}`;
    let at = this.text.indexOf(needle, from);
    while (at >= 0) {
      const next = this.text.charCodeAt(at + needle.length);
      // '>', '/', whitespace: the whole tag name matched (not <Tasks for <Task)
      if (next === 62 || next === 47 || next === 32 || next === 9 || next === 10 || next === 13) return at;
      at = this.text.indexOf(needle, at + 1);
    }
    return -1;
  }

  lineColumn(offset: number): { line: number; column: number } {
    let line = 1;
    let lineStart = 0;
    for (let i = this.text.indexOf('\n'); i >= 0 && i < offset; i = this.text.indexOf('\n', i + 1)) {
      line += 1;
      lineStart = i + 1;
    }
    return { line, column: offset - lineStart + 1 };
  }

  /** `file:line:column` of the element, or just the file when it cannot be found. */
  where(path: ElementPath): string {
    const offset = this.offsetOf(path);
    if (offset < 0) return this.source;
    const { line, column } = this.lineColumn(offset);
    return `${this.source}:${line}:${column}`;
  }

  /** An InputError naming the file, line and element path. */
  error(path: ElementPath, message: string): InputError {
    const element = path.map(([tag, index]) => (index > 0 ? `${tag}[${index + 1}]` : tag)).join('/');
    return new InputError(`${this.where(path)}: <${element}>: ${message}`, { source: this.source, element });
  }
}
