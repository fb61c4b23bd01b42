#!/usr/bin/env bash
# Compiles every project to dist/ with swc (type checking is `npm run typecheck`, run by the test command).
set -euo pipefail
cd "$(dirname "$0")/../.."
npx swc services libs gateway/src tools --out-dir dist --ignore '**/*.spec.ts,**/test/**,**/*.e2e-spec.ts' --quiet
