// Maps the workspace path aliases (@sc/*) of tsconfig.base.json onto the compiled tree in dist/,
// so compiled services run with plain `node` and no extra runtime dependency.
const Module = require('module');
const path = require('path');
const { compilerOptions } = require('../../tsconfig.base.json');

const root = path.resolve(__dirname, '../..');
const distRoot = path.join(root, 'dist');
const aliases = Object.entries(compilerOptions.paths).map(([alias, [target]]) => [alias, path.join(distRoot, target)]);

const originalResolve = Module._resolveFilename;
Module._resolveFilename = function resolveWorkspaceAlias(request, parent, ...rest) {
  for (const [alias, target] of aliases) {
    if (request === alias) return originalResolve.call(this, target, parent, ...rest);
    if (request.startsWith(alias + '/')) {
      return originalResolve.call(this, path.join(target, request.slice(alias.length + 1)), parent, ...rest);
    }
  }
  return originalResolve.call(this, request, parent, ...rest);
};
