import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The monorepo root, found by walking up from this file. The same code runs from gateway/src (tests)
 * and from dist/gateway/src (compiled), so a fixed number of `..` would be wrong in one of them.
 */
export function findRepoRoot(start: string = __dirname): string {
  let dir = start;
  for (;;) {
    if (existsSync(join(dir, 'tsconfig.base.json')) && existsSync(join(dir, 'package.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`Cannot find the repository root above ${start}`);
    dir = parent;
  }
}
