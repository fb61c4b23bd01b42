#!/usr/bin/env bash
# The test command (`npm test`, and `.ci/run`). With no argument: build, type-check, lint, check
# schemas/ against the code, then every Jest project. With a project folder (e.g. services/catalog):
# build, then that project's tests only (`npx nx test <project>` calls this); further arguments go to
# Jest, e.g. `bash infra/scripts/test.sh services/orders order-list` runs the matching test files only.
# Tests get their own Kafka broker (fresh data, free ports) so a running `npm start` is untouched.
# Ends with one line: "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/../.."
project="${1:-}"
jest_args=("${@:2}")

bash infra/scripts/ensure-deps.sh
source infra/scripts/runtime.sh
bash infra/scripts/build.sh
if [[ -z "$project" ]]; then
  echo "Type-checking…" >&2
  npx tsc -p tsconfig.json --noEmit
  echo "Linting…" >&2
  # @nx/enforce-module-boundaries reads Nx's cached project graph and silently skips itself without one
  # (a fresh clone has none): compute it first so the boundary rule really runs.
  npx nx show projects >/dev/null
  npx eslint . --max-warnings=0
  echo "Checking feature-folder import cycles and formatting…" >&2
  node dist/tools/lint/feature-cycles.js
  npx prettier --check . --log-level warn
fi

pg_server="$(bash infra/scripts/postgres.sh ensure | tail -n1)"
export SC_TEST_PG_URL="$pg_server/postgres"
if [[ -z "$project" ]]; then
  SC_PG_URL="$SC_TEST_PG_URL" node -r ./tools/runtime/register-aliases.js dist/tools/schemas/generate.js --check
fi

# A broker per run (own data directory and ports), so concurrent test runs never stop each other's.
export SC_KAFKA_DIR="$PWD/.sc/kafka-test-$$"
kafka_port="$(bash infra/scripts/free-port.sh)"
controller_port="$(bash infra/scripts/free-port.sh)"
export SC_KAFKA_PORT="$kafka_port" SC_KAFKA_CONTROLLER_PORT="$controller_port"
rm -rf "$SC_KAFKA_DIR"
brokers="$(bash infra/scripts/kafka.sh start | tail -n1)"
export SC_TEST_KAFKA_BROKERS="$brokers"
trap 'bash infra/scripts/kafka.sh stop >/dev/null 2>&1 || true; rm -rf "$SC_KAFKA_DIR"' EXIT

config=jest.config.js
[[ -n "$project" ]] && config="$project/jest.config.js"
results=".sc/jest-results-$$.json"
mkdir -p .sc
status=0
bash infra/scripts/jest.sh -c "$config" --runInBand --json --outputFile="$results" "${jest_args[@]}" || status=$?

node -e '
  const fs = require("fs");
  const file = process.argv[1];
  if (!fs.existsSync(file)) { console.log("0 passed, 1 failed"); process.exit(0); }
  const r = JSON.parse(fs.readFileSync(file, "utf8"));
  const suitesFailedToRun = r.testResults.filter((t) => t.status === "failed" && t.assertionResults.length === 0).length;
  console.log(`${r.numPassedTests} passed, ${r.numFailedTests + suitesFailedToRun} failed`);
' "$results"
[[ -f "$results" ]] && mv "$results" .sc/jest-results.json
exit "$status"
