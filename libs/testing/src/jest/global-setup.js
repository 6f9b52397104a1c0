// Jest runs global setup outside its module registry, so moduleNameMapper does not apply here:
// resolve the @mitra/* aliases of tsconfig.base.json ourselves (jest still compiles the TypeScript).
const Module = require('node:module');
const path = require('node:path');

const workspaceRoot = path.join(__dirname, '../../../..');
const { compilerOptions } = require(path.join(workspaceRoot, 'tsconfig.base.json'));
const aliases = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([alias, [target]]) => [alias, path.join(workspaceRoot, target)]),
);
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return resolveFilename.call(this, aliases[request] ?? request, ...rest);
};

module.exports = require('./start-system.ts').default;
