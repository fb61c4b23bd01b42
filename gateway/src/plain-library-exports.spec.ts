import { execFileSync } from 'node:child_process';
import { REPO_ROOT, gatewayScript } from '@sc/stack';

// Jest has its own module registry (no require.cache), so the module is checked in a plain node process, as
// the gateway runs it: from the build that the test command makes first.
const probe = (
  preload: boolean,
): { dataProperty: boolean; sameFunction: boolean; exportCount: number; gatewaySeesPlainCopy: boolean; gatewayLoads: boolean } => {
  const script = `
    ${preload ? `require(${JSON.stringify(gatewayScript('plain-library-exports'))});` : ''}
    const internals = require('@apollo/federation-internals');
    const definitions = require('@apollo/federation-internals/dist/definitions');
    const { ApolloGateway } = require('@apollo/gateway');
    const descriptor = Object.getOwnPropertyDescriptor(internals, 'isNonNullType');
    console.log(JSON.stringify({
      dataProperty: 'value' in descriptor,
      sameFunction: internals.isNonNullType === definitions.isNonNullType,
      exportCount: Object.keys(internals).length,
      gatewaySeesPlainCopy: require.cache[require.resolve('@apollo/federation-internals')].exports === internals,
      gatewayLoads: typeof ApolloGateway === 'function',
    }));`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: REPO_ROOT, encoding: 'utf8' }));
};

describe('plain library exports', () => {
  it('replaces the getter re-exports of @apollo/federation-internals with data properties holding the same values', () => {
    const stock = probe(false);
    const plain = probe(true);
    expect(stock.dataProperty).toBe(false);
    expect(plain).toEqual({ dataProperty: true, sameFunction: true, exportCount: stock.exportCount, gatewaySeesPlainCopy: true, gatewayLoads: true });
  });
});
