import type { PathSegment } from '../problems';

export interface Position {
  line: number;
  column: number;
}

/** Where each value of the document came from; built while converting the YAML tree to JSON. */
export interface SourceNode {
  /** Start of the value. */
  pos: Position;
  /** Start of the key, for map entries. */
  keyPos?: Position;
  /** The value's source text, when it is a scalar (used to point inside strings). */
  source?: string;
  children?: Map<PathSegment, SourceNode>;
}

/** Answers "where is `steps[1].with`?" for problem reports. */
export class SourceMap {
  constructor(private readonly root: SourceNode) {}

  /**
   * Position of the node at `path`. A path that goes past what exists (a missing key) resolves to
   * the deepest node that exists, i.e. the map that lacks the key. `key` asks for the key's
   * position instead of the value's, which is what an admin expects for an unknown key.
   */
  locate(path: readonly PathSegment[], target: 'key' | 'value' = 'value'): Position {
    return this.nodeAt(path, target).pos;
  }

  /** Source text of the scalar at `path`, with its start, when the path names an existing scalar. */
  scalarAt(path: readonly PathSegment[]): { source: string; pos: Position } | undefined {
    const node = this.find(path);
    return node?.source !== undefined ? { source: node.source, pos: node.pos } : undefined;
  }

  private find(path: readonly PathSegment[]): SourceNode | undefined {
    let node: SourceNode | undefined = this.root;
    for (const seg of path) {
      node = node?.children?.get(seg);
      if (!node) return undefined;
    }
    return node;
  }

  private nodeAt(path: readonly PathSegment[], target: 'key' | 'value'): { pos: Position } {
    let node = this.root;
    for (let i = 0; i < path.length; i++) {
      const next = node.children?.get(path[i]);
      if (!next) return { pos: node.pos };
      node = next;
    }
    return { pos: target === 'key' && node.keyPos ? node.keyPos : node.pos };
  }
}
