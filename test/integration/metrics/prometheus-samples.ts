/**
 * The samples of a Prometheus text exposition, read strictly: every line is a comment, blank, or a sample of a
 * family declared by `# TYPE` before it, with well-formed labels and a number. (parse-prometheus-text-format
 * checks the text too, but it merges the series of a labelled histogram into one, losing their counts.)
 */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)(?: (-?\d+))?$/;
const LABEL = /^([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\\n]|\\[\\"n])*)"(,|$)/;
const SUFFIXES: Record<string, string[]> = { counter: [''], gauge: [''], untyped: [''], histogram: ['_bucket', '_sum', '_count'], summary: ['', '_sum', '_count'] };

export function readSamples(text: string): Sample[] {
  const types = new Map<string, string>();
  const samples: Sample[] = [];
  for (const [i, line] of text.split('\n').entries()) {
    if (line === '' || line.startsWith('# HELP ')) continue;
    const type = /^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped)$/.exec(line);
    if (type) {
      types.set(type[1]!, type[2]!);
      continue;
    }
    if (line.startsWith('#')) throw new Error(`line ${i + 1}: a comment that is neither HELP nor TYPE: ${line}`);
    const match = SAMPLE.exec(line);
    if (!match) throw new Error(`line ${i + 1}: not a sample: ${line}`);
    const [, name, rawLabels = '', rawValue] = match;
    const family = [...types.entries()].find(([base, kind]) => SUFFIXES[kind]!.some((suffix) => `${base}${suffix}` === name));
    if (!family) throw new Error(`line ${i + 1}: ${name} has no # TYPE before it`);
    // As Prometheus reads them (Go's ParseFloat): NaN and Inf in any case; prom-client writes "Nan".
    const special: Record<string, number> = { '+inf': Infinity, inf: Infinity, '-inf': -Infinity, nan: NaN };
    const lower = rawValue!.toLowerCase();
    const value = lower in special ? special[lower]! : Number(rawValue);
    if (Number.isNaN(value) && lower !== 'nan') throw new Error(`line ${i + 1}: "${rawValue}" is not a number`);
    samples.push({ name: name!, labels: readLabels(rawLabels, i + 1), value });
  }
  return samples;
}

function readLabels(text: string, line: number): Record<string, string> {
  const labels: Record<string, string> = {};
  let rest = text;
  while (rest) {
    const match = LABEL.exec(rest);
    if (!match) throw new Error(`line ${line}: bad labels {${text}}`);
    labels[match[1]!] = match[2]!.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
    rest = rest.slice(match[0].length);
  }
  return labels;
}
