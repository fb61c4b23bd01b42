import path from 'node:path';
import { REPO_ROOT } from './repo-root';

/** The subgraphs, in start-up order, with their default local ports. */
export const SUBGRAPHS = [
  { name: 'catalog', defaultPort: 4101 },
  { name: 'orders', defaultPort: 4102 },
  { name: 'returns', defaultPort: 4103 },
  { name: 'marketing', defaultPort: 4104 },
  { name: 'creators', defaultPort: 4105 },
] as const;

/** Name of a subgraph. */
export type SubgraphName = (typeof SUBGRAPHS)[number]['name'];

/** The compiled entry point of a subgraph script: `main`, `print-schema`, `database/migrate`. */
export const subgraphScript = (name: string, script: string): string => path.join(REPO_ROOT, 'dist/services', name, 'src', `${script}.js`);

/** The compiled gateway entry point. */
export const gatewayScript = (script = 'main'): string => path.join(REPO_ROOT, 'dist/gateway/src', `${script}.js`);

/** The runtime alias hook every compiled process loads first. */
export const ALIAS_HOOK = path.join(REPO_ROOT, 'tools/runtime/register-aliases.js');
