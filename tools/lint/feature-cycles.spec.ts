import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cyclesOf, folderGraph } from './feature-cycles';

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'cycles-'));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  return root;
}

describe('feature folder cycles', () => {
  it('finds folders that import each other, directly or around a ring, and nothing else', () => {
    const src = tree({
      'order/order.ts': "import { Timer } from '../scheduler/timer';\nexport const order = 1;",
      'scheduler/timer.ts': "import { order } from '../order/order';\nexport type Timer = number;",
      'a/a.ts': "export { b } from '../b/b';",
      'b/b.ts': "import { c } from '../c/c';\nexport const b = c;",
      'c/c.ts': "import { a } from '../a/a';\nexport const c = a;",
      'kernel/k.ts': 'export const k = 1;',
      'leaf/l.ts': "import { k } from '../kernel/k';\nimport { thing } from './own';\nimport { Module } from '@nestjs/common';",
      'leaf/own.ts': 'export const thing = 1;',
      'main.ts': "import { order } from './order/order';",
    });
    expect(cyclesOf(folderGraph(src))).toEqual([
      ['a', 'b', 'c'],
      ['order', 'scheduler'],
    ]);
  });

  it('ignores specs, which may reach across folders to test them', () => {
    const src = tree({
      'order/order.ts': 'export const order = 1;',
      'order/order.spec.ts': "import { t } from '../scheduler/timer';",
      'scheduler/timer.ts': "import { order } from '../order/order';\nexport const t = order;",
    });
    expect(cyclesOf(folderGraph(src))).toEqual([]);
  });
});
