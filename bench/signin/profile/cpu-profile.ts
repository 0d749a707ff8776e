/** The parts of a V8 .cpuprofile (what node --cpu-prof writes) that the summary reads. */
export interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }>;
  startTime: number;
  endTime: number;
  samples: number[];
  /** Microseconds before each sample. */
  timeDeltas: number[];
}

export interface ProfileFrame {
  name: string;
  /** Where the code lives: a package, `gatehouse src/<folder>`, `bench`, `node:<module>`, or a V8 pseudo-frame. */
  area: string;
}

/** Where a frame's code lives, folded to the level a reader acts on. */
export function areaOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  if (pkg) return pkg[1]!;
  const src = /\/src\/([^/]+)\//.exec(url);
  if (src) return `gatehouse src/${src[1]}`;
  if (url.includes('/bench/')) return 'bench';
  if (url.startsWith('node:')) return url.replace(/^node:(internal\/)?/, 'node:').split('/')[0]!;
  return url;
}

/** Self time per frame and time with each area anywhere on the stack, over samples at or after `fromUs`. */
export function summarizeProfile(profile: CpuProfile, fromUs: number) {
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const frame = (id: number): ProfileFrame => {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    const short = url.replace(/^.*\/(node_modules|src|bench)\//, '$1/');
    return { name: `${functionName || '(anonymous)'} ${short}:${lineNumber + 1}`, area: areaOf(url, functionName) };
  };

  const self = new Map<string, { area: string; us: number }>();
  const selfByArea = new Map<string, number>();
  const onStack = new Map<string, number>();
  let time = profile.startTime;
  let totalUs = 0;
  let idleUs = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    time += profile.timeDeltas[i] ?? 0;
    const us = profile.timeDeltas[i + 1] ?? 0;
    if (time - profile.startTime < fromUs) continue;
    const leaf = frame(profile.samples[i]!);
    if (leaf.area === '(idle)') {
      idleUs += us;
      continue;
    }
    totalUs += us;
    const entry = self.get(leaf.name) ?? { area: leaf.area, us: 0 };
    entry.us += us;
    self.set(leaf.name, entry);
    selfByArea.set(leaf.area, (selfByArea.get(leaf.area) ?? 0) + us);
    const areas = new Set<string>();
    for (let id: number | undefined = profile.samples[i]; id !== undefined; id = parent.get(id)) areas.add(frame(id).area);
    for (const area of areas) onStack.set(area, (onStack.get(area) ?? 0) + us);
  }
  return { totalUs, idleUs, self, selfByArea, onStack };
}
