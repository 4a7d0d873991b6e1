import type { ActionCatalog, Problem } from '@soar/contracts';
import { formatPath, type PathSegment, type ProblemCode } from '../problems';
import type { Position, SourceMap } from '../yaml/source-map';

/** Collects problems and warnings with their positions while the validators walk the document. */
export class ValidationContext {
  readonly problems: Problem[] = [];
  readonly warnings: Problem[] = [];

  constructor(
    readonly sourceMap: SourceMap,
    readonly catalog: ActionCatalog,
    /** Names of the secrets that exist, when the caller knows them; unknown `secrets.X` are then problems. */
    readonly secretNames?: ReadonlySet<string>,
  ) {}

  error(code: ProblemCode, path: PathSegment[], message: string, at: 'key' | 'value' | Position = 'value'): void {
    this.problems.push(this.make(code, path, message, at));
  }

  warn(code: ProblemCode, path: PathSegment[], message: string, at: 'key' | 'value' | Position = 'value'): void {
    this.warnings.push(this.make(code, path, message, at));
  }

  /**
   * Position of `offset` inside the string value at `path`. Exact when that part of the string is
   * written verbatim in the file (plain or quoted without escapes); otherwise the string's start.
   */
  positionInString(path: PathSegment[], value: string, offset: number, anchor: { start: number; end: number }): Position {
    const scalar = this.sourceMap.scalarAt(path);
    if (!scalar) return this.sourceMap.locate(path);
    const raw = value.slice(anchor.start, anchor.end);
    // Quotes, escapes and indentation only make the source longer than the value, so searching
    // from the value's offset finds this occurrence even when the same template appears twice.
    let idx = scalar.source.indexOf(raw, anchor.start);
    if (idx < 0) idx = scalar.source.indexOf(raw);
    if (idx < 0) return scalar.pos;
    const target = idx + (offset - anchor.start);
    const before = scalar.source.slice(0, target);
    const nl = before.lastIndexOf('\n');
    if (nl < 0) return { line: scalar.pos.line, column: scalar.pos.column + target };
    const lines = before.split('\n').length - 1;
    return { line: scalar.pos.line + lines, column: target - nl };
  }

  private make(code: ProblemCode, path: PathSegment[], message: string, at: 'key' | 'value' | Position): Problem {
    const pos = typeof at === 'string' ? this.sourceMap.locate(path, at) : at;
    return { path: formatPath(path), message, line: pos.line, column: pos.column, code };
  }
}
