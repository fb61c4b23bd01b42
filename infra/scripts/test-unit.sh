#!/usr/bin/env bash
# `npm run test:unit`: every pure spec (`*.spec.ts` beside the code) of every project, or of one project
# folder given as the first argument, with no PostgreSQL, no Kafka and no build (Jest compiles with swc).
# End-to-end specs (`*.e2e-spec.ts`) are left out; they run in `npm test`. Ends with "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/../.."
project="${1:-}"
bash infra/scripts/ensure-deps.sh
source infra/scripts/runtime.sh
config=jest.config.js
[[ -n "$project" ]] && config="$project/jest.config.js"
mkdir -p .sc
results=".sc/jest-unit-results-$$.json"
status=0
# Unit specs must not reach a database or a broker: point both at closed ports so a spec that tries fails.
SC_UNIT_ONLY=1 SC_TEST_PG_URL="postgres://postgres@127.0.0.1:1/none" SC_TEST_KAFKA_BROKERS="127.0.0.1:1" \
  bash infra/scripts/jest.sh -c "$config" --json --outputFile="$results" "${@:2}" || status=$?
node -e '
  const fs = require("fs");
  const file = process.argv[1];
  if (!fs.existsSync(file)) { console.log("0 passed, 1 failed"); process.exit(0); }
  const r = JSON.parse(fs.readFileSync(file, "utf8"));
  const suitesFailedToRun = r.testResults.filter((t) => t.status === "failed" && t.assertionResults.length === 0).length;
  console.log(`${r.numPassedTests} passed, ${r.numFailedTests + suitesFailedToRun} failed`);
' "$results"
rm -f "$results"
exit "$status"
