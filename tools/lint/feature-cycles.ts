import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * Feature folders of a service (`services/<name>/src/<feature>/`) import each other in one direction only:
 * this finds every cycle between them. A cycle means two folders are one feature in disguise, or that
 * one of them reaches into the other's internals instead of its module's public API.
 */

/** Imports between the feature folders of one service: folder → folders it imports from. */
export type FolderGraph = Map<string, Set<string>>;

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"](\.[^'"]+)['"]/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return full.endsWith('.ts') && !full.endsWith('.spec.ts') ? [full] : [];
  });
}

/** The folder graph of a service's `src/`: the first path segment under src is the feature folder. */
export function folderGraph(srcRoot: string): FolderGraph {
  const graph: FolderGraph = new Map();
  const featureOf = (file: string): string | null => {
    const relative = path.relative(srcRoot, file);
    const [first, ...rest] = relative.split(path.sep);
    return rest.length > 0 && !first.startsWith('..') ? first : null;
  };
  for (const file of sourceFiles(srcRoot)) {
    const from = featureOf(file);
    if (!from) continue;
    for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const to = featureOf(path.resolve(path.dirname(file), match[1]));
      if (!to || to === from) continue;
      if (!graph.has(from)) graph.set(from, new Set());
      graph.get(from)!.add(to);
    }
  }
  return graph;
}

/** Every strongly connected group of two or more folders (Tarjan), each sorted, largest first. */
export function cyclesOf(graph: FolderGraph): string[][] {
  let index = 0;
  const indexOf = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  const nodes = new Set([...graph.keys(), ...[...graph.values()].flatMap((targets) => [...targets])]);
  const visit = (node: string): void => {
    indexOf.set(node, index);
    low.set(node, index);
    index += 1;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!indexOf.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, indexOf.get(next)!));
    }
    if (low.get(node) === indexOf.get(node)) {
      const group: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        group.push(member);
      } while (member !== node);
      if (group.length > 1) groups.push(group.sort());
    }
  };
  for (const node of [...nodes].sort()) if (!indexOf.has(node)) visit(node);
  return groups.sort((a, b) => b.length - a.length);
}

function main(): void {
  const root = path.resolve(__dirname, '../../..');
  const servicesDir = path.join(root, 'services');
  let found = 0;
  for (const service of readdirSync(servicesDir).sort()) {
    const src = path.join(servicesDir, service, 'src');
    for (const group of cyclesOf(folderGraph(src))) {
      found += 1;
      const graph = folderGraph(src);
      const edges = group.flatMap((from) => [...(graph.get(from) ?? [])].filter((to) => group.includes(to)).map((to) => `${from} → ${to}`));
      console.error(`services/${service}/src: import cycle between feature folders ${group.join(', ')}\n  ${edges.join('\n  ')}`);
    }
  }
  if (found > 0) {
    console.error(`${found} import cycle(s) between feature folders; each folder must depend on the others one way.`);
    process.exit(1);
  }
  console.log('No import cycles between feature folders.');
}

if (require.main === module) main();
