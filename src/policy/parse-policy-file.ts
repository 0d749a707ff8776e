import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import type { KeyPath } from './policy-problem.js';
import type { PolicyProblem } from './types.js';

export interface SourcePosition {
  line: number;
  column: number;
}

/** A policy file read into plain data, with a way back from a key path to its place in the text. */
export interface ParsedPolicyFile {
  /** Plain data; undefined when the YAML itself is broken (see problems). */
  value: unknown;
  /** YAML syntax errors, each with its position. */
  problems: PolicyProblem[];
  /** Where the value (or the key, with atKey) at `path` is written; the nearest existing parent when it is absent. */
  locate(path: KeyPath, atKey?: boolean): SourcePosition | null;
}

/** Parses the YAML text of a policy file; never throws. */
export function parsePolicyFile(text: string): ParsedPolicyFile {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, merge: true });
  const position = (offset: number): SourcePosition => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const problems: PolicyProblem[] = document.errors.map((error) => ({
    severity: 'error',
    path: '',
    ...position(error.pos[0]),
    message: `not valid YAML: ${error.message.split('\n')[0]}`,
  }));
  let value: unknown;
  if (problems.length === 0) {
    try {
      value = document.toJS({ maxAliasCount: 100 });
    } catch (error) {
      problems.push({ severity: 'error', path: '', line: 1, column: 1, message: `not usable YAML: ${(error as Error).message}` });
    }
  }
  const locate = (path: KeyPath, atKey = false): SourcePosition | null => {
    let node: unknown = document.contents;
    let keyNode: unknown = null;
    for (const segment of path) {
      if (isAlias(node)) node = node.resolve(document);
      let next: unknown;
      let nextKey: unknown = null;
      if (isMap(node) && typeof segment === 'string') {
        const pair = node.items.find((item) => (isScalar(item.key) ? String(item.key.value) : item.key) === segment);
        next = pair?.value;
        nextKey = pair?.key;
        if (pair && next == null) next = pair.key;
      } else if (isSeq(node) && typeof segment === 'number') {
        next = node.items[segment];
      }
      if (next == null) break;
      node = next;
      keyNode = nextKey;
    }
    const target = (atKey && keyNode ? keyNode : node) as Node | null | undefined;
    return target?.range ? position(target.range[0]) : null;
  };
  return { value, problems, locate };
}
