#!/usr/bin/env bash
# Jest on the repository's Node 24, able to require() ESM-only packages (NestJS 12, jose 6) as Node does:
# Jest needs vm.SourceTextModule for that, which --experimental-vm-modules provides (its notice is silenced).
# Arguments go to Jest. Used by test.sh and by the libraries' `nx test` targets.
set -euo pipefail
cd "$(dirname "$0")/../.."
export PATH="$PWD/node_modules/.bin:$PATH"
exec node --experimental-vm-modules --disable-warning=ExperimentalWarning node_modules/jest/bin/jest.js "$@"
