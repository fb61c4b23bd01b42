/**
 * @apollo/gateway calls every helper of @apollo/federation-internals and @apollo/query-planner through their
 * index modules, where TypeScript's re-exports are getters on an object of hundreds of properties. V8 keeps
 * such an object in dictionary mode and cannot inline the getters, so shaping a large result (one getter
 * call per helper per value) spent ~8 % of the gateway's CPU in them. Before @apollo/gateway loads, each
 * index module's cached exports are replaced with a plain copy: the same values as data properties.
 *
 * Safe because these packages export only functions, classes and constants (no `export let` that changes
 * after loading), and a module loaded earlier keeps the original object, which still works. Import this
 * module before anything that imports @apollo/gateway.
 */
const PLAIN_EXPORT_MODULES = ['@apollo/federation-internals', '@apollo/query-planner'] as const;

function usePlainExports(moduleId: string): void {
  const resolved = require.resolve(moduleId);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const original = require(moduleId) as Record<string, unknown>;
  const cached = require.cache[resolved];
  if (!cached) return;
  const plain: Record<string, unknown> = {};
  for (const key of Object.getOwnPropertyNames(original)) {
    const { enumerable } = Object.getOwnPropertyDescriptor(original, key)!;
    Object.defineProperty(plain, key, { value: original[key], enumerable, writable: true, configurable: true });
  }
  cached.exports = plain;
}

for (const moduleId of PLAIN_EXPORT_MODULES) usePlainExports(moduleId);
