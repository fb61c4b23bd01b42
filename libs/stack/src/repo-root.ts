import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The repository root, found upwards from this file (it runs from src/ under Jest and from dist/ otherwise). */
export function findRepoRoot(start: string = __dirname): string {
  for (let dir = start; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).name === 'seller-center') return dir;
  }
  throw new Error(`No seller-center package.json above ${start}`);
}

/** Repository root. */
export const REPO_ROOT = findRepoRoot();
