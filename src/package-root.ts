import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder holding package.json, whether running from src/ (tsx) or from dist/ (built). */
function findRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('gatehouse: cannot find the package root');
    dir = parent;
  }
  return dir;
}

export const PACKAGE_ROOT = findRoot();
export const VIEWS_DIR = join(PACKAGE_ROOT, 'views');
export const PUBLIC_DIR = join(PACKAGE_ROOT, 'public');
