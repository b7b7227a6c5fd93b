// Reads a YAML document (a roadmap.yaml or a topic's front matter) keeping positions,
// so every problem found later can be reported as path:line:column.
import { isMap, isNode, LineCounter, parseDocument } from 'yaml';

export interface ContentProblem {
  file: string;
  line: number;
  column: number;
  message: string;
}

export type PathSegment = string | number;

export interface YamlSource {
  file: string;
  data: unknown;
  /** Where a value (or, with `key: true`, its key) sits; falls back to the nearest parent. */
  locate(path: PathSegment[], options?: { key?: boolean }): { line: number; column: number };
  problem(path: PathSegment[], message: string, options?: { key?: boolean }): ContentProblem;
  syntaxProblems: ContentProblem[];
}

/** `lineOffset` is the number of lines before `text` in the file (front matter starts on line 2). */
export function readYaml(file: string, text: string, lineOffset = 0): YamlSource {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number) => {
    const pos = lineCounter.linePos(offset);
    return { line: pos.line + lineOffset, column: pos.col };
  };

  const locate: YamlSource['locate'] = (path, options = {}) => {
    for (let depth = path.length; depth >= 0; depth--) {
      const prefix = path.slice(0, depth);
      if (options.key && depth === path.length && depth > 0) {
        const parent = prefix.length > 1 ? doc.getIn(prefix.slice(0, -1), true) : doc.contents;
        if (isMap(parent)) {
          const pair = parent.items.find(
            (item) => isNode(item.key) && (item.key.toJSON() as unknown) === path.at(-1),
          );
          if (pair && isNode(pair.key) && pair.key.range) return at(pair.key.range[0]);
        }
      }
      const node = depth === 0 ? doc.contents : doc.getIn(prefix, true);
      if (isNode(node) && node.range) return at(node.range[0]);
    }
    return { line: lineOffset + 1, column: 1 };
  };

  const syntaxProblems = [...doc.errors, ...doc.warnings].map((error) => {
    const firstLine = error.message.split('\n')[0] ?? error.message;
    return { file, ...at(error.pos[0]), message: `YAML: ${firstLine}` };
  });

  return {
    file,
    data: doc.errors.length > 0 ? undefined : doc.toJS(),
    locate,
    problem: (path, message, options) => ({ file, ...locate(path, options), message }),
    syntaxProblems,
  };
}

export interface MarkdownSource {
  frontMatter: YamlSource;
  body: string;
  /** 1-based line where the body starts. */
  bodyLine: number;
}

const FENCE = /^---[ \t]*$/;

/** Splits a topic file into YAML front matter (between `---` lines) and a Markdown body. */
export function readMarkdownWithFrontMatter(file: string, text: string): MarkdownSource | ContentProblem {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (!FENCE.test(lines[0] ?? '')) {
    return { file, line: 1, column: 1, message: 'topic file must start with front matter between --- lines' };
  }
  const end = lines.findIndex((line, index) => index > 0 && FENCE.test(line));
  if (end === -1) return { file, line: 1, column: 1, message: 'front matter is not closed by a --- line' };
  return {
    frontMatter: readYaml(file, lines.slice(1, end).join('\n'), 1),
    body: lines.slice(end + 1).join('\n'),
    bodyLine: end + 2,
  };
}
