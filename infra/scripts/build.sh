#!/usr/bin/env bash
# Compiles every project to dist/ with swc (type checking is `npm run typecheck`, run by the test command).
set -euo pipefail
cd "$(dirname "$0")/../.."
# A clean tree each time: a compiled copy of a deleted or moved file would otherwise still load at run time.
rm -rf dist/services dist/libs dist/gateway dist/tools
npx swc services libs gateway/src tools --out-dir dist --ignore '**/*.spec.ts,**/test/**,**/*.e2e-spec.ts' --quiet
