#!/usr/bin/env bash
# Regenerates the sample program's gate evidence (content/evidence/1..4) by running the real tools
# on this code base and importing what they write with Phasebook's own importer:
#
#   gate            tool                                              report
#   build           node --test tests/build (tsc clean build + loads)  JUnit (node:test)
#   unit            vitest                                            JUnit (vitest)
#   coverage        vitest --coverage (v8)                            coverage-summary.json
#   e2e             playwright test (chromium, against dist/)         Playwright JSON
#   live-local      node --test tests/live, server started locally    JUnit (node:test)
#   live-container  same tests, server from `npm pack` in namespaces  JUnit (node:test)
#   security        eslint + eslint-plugin-security                   SARIF 2.1.0
#
# Usage: cd examples/orchestrator && npm ci && bash generate-evidence.sh
#
# The code base grew one area per phase (areas.mjs): each phase's gates run that phase's slice
# (ORCH_AREAS). Runs are attributed to the commit of the code (below) and to the ci
# environment. Two histories are replayed, each documented where it runs:
#   - phase 2, e2e: the first run failed on golden files checked out with CRLF line endings
#     (before .gitattributes); it is reproduced with a real git checkout under core.autocrlf=true.
#   - phase 3, e2e: the gate passed on 0.3.0-rc.1, before the review added the F-1 test; that run
#     is the same suite without that one test (--grep-invert), then the full suite fails on it.
#
# Reports go to .reports/ (recreated on every run, ignored by git); only the normalised runs land in
# ../../content/evidence/. Existing evidence of phases 1-4 is replaced.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
REPORTS=$HERE/.reports
BIN=$HERE/node_modules/.bin
cd "$HERE"
export ASTRO_TELEMETRY_DISABLED=1

# The commit holding the code the runs judge: this repository's a57f61a, which added the example
# (the runs were recorded minutes before it was made). The sample phases pin their git ranges to
# it, so \`npm run check\` finds every gate's commit in its phase's range; evidence regenerated from
# changed code belongs to a new commit, and the phases' range pins move with it.
CODE_SHA=a57f61a400b1d32630801297d7de1d7eef2cac88
SHA_P1=$CODE_SHA        # v0.1.0, phase 1 approved
SHA_P2_FIRST=$CODE_SHA  # phase 2, golden files checked out as before .gitattributes
SHA_P2=$CODE_SHA        # v0.2.0, phase 2 approved
SHA_P3_RC1=$CODE_SHA    # v0.3.0-rc.1
SHA_P3=$CODE_SHA        # phase 3 review: F-1 test added
SHA_P4=$CODE_SHA        # phase 4, work in progress

F1_TEST='REQ-3.4 compat check refuses removing an optional field in a minor version'
PUBLISH_TOKEN="live-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
# The live gates of phase 4 serve this many runs of history: the size that exposed RCA-0004.
HISTORY_RUNS=10000

[[ -x $BIN/vitest && -x $BIN/playwright && -x $BIN/eslint ]] || { echo "Run npm ci in $HERE first" >&2; exit 1; }

log() { printf '\n== %s\n' "$*"; }

# A tool's non-zero exit is a failing gate, not a failing script; a missing report is.
need() {
	[[ -s "$1" ]] || { echo "generate-evidence: $1 was not written; see the tool output above" >&2; exit 1; }
}

# record <report> <phase> <gate> <sha> [importer options]: one normalised run under content/evidence.
record() {
	local report=$1 phase=$2 gate=$3 sha=$4
	shift 4
	need "$report"
	(cd "$ROOT" && node scripts/evidence.ts import "$report" --phase "$phase" --gate "$gate" --commit "$sha" --env ci "$@")
}

areas_of() { node -e "import('./areas.mjs').then((m) => console.log(m.AREAS_BY_PHASE[$1].join(',')))"; }

# Source folders and live test files of a slice (core is src/*.ts and has no live file of its own).
sources_of() { local a; for a in ${1//,/ }; do [[ $a == core ]] && ls src/*.ts || echo "src/$a"; done; }
live_tests_of() { local a; for a in ${1//,/ }; do [[ $a == core ]] || echo "tests/live/$a.test.ts"; done; }

gate_build() { # <dir>
	node --test --test-reporter=spec --test-reporter-destination=stdout \
		--test-reporter=junit --test-reporter-destination="$1/build.xml" tests/build/build.test.ts || true
}

gate_unit_and_coverage() { # <dir> <areas>
	ORCH_AREAS=$2 "$BIN/vitest" run --reporter=default --reporter=junit --outputFile.junit="$1/unit.xml" \
		--coverage.enabled --coverage.reportsDirectory="$1/coverage" || true
}

gate_e2e() { # <dir> <areas> <report name> [playwright options]
	local dir=$1 areas=$2 name=$3
	shift 3
	ORCH_AREAS=$areas E2E_JSON_REPORT="$dir/$name" "$BIN/playwright" test "$@" || true
}

gate_live_local() { # <dir> <areas> <history runs>
	local dir=$1 areas=$2 runs=$3 data=$1/live-local-data history=()
	mkdir -p "$data"
	if [[ $runs -gt 0 ]]; then
		node tests/fixtures/make-history.mjs "$runs" "$data/history"
		history=(--history "$data/history")
	fi
	ORCH_PUBLISH_TOKEN=$PUBLISH_TOKEN node dist/cli.js serve --port 0 --repo tests/fixtures/sample-repo "${history[@]}" \
		>"$data/server.log" 2>&1 &
	local server=$! url=
	for _ in $(seq 1 100); do
		url=$(sed -n 's/^listening on //p' "$data/server.log")
		[[ -n $url ]] && break
		sleep 0.1
	done
	[[ -n $url ]] || { cat "$data/server.log" >&2; kill "$server"; exit 1; }
	echo "local instance: $url (pid $server)"
	# shellcheck disable=SC2046
	ORCH_URL=$url ORCH_PUBLISH_TOKEN=$PUBLISH_TOKEN node --test --test-reporter=spec --test-reporter-destination=stdout \
		--test-reporter=junit --test-reporter-destination="$dir/live-local.xml" $(live_tests_of "$areas") || true
	kill "$server"
	wait "$server" 2>/dev/null || true
}

gate_live_container() { # <dir> <areas> <history runs>
	local dir=$1 areas=$2 runs=$3 tgz
	tgz=$(npm pack --pack-destination "$dir" --silent --ignore-scripts 2>/dev/null | tail -1)
	# shellcheck disable=SC2046
	bash tests/live/container.sh "$dir/$tgz" "$dir/live-container.xml" --history "$runs" $(live_tests_of "$areas") || true
}

gate_security() { # <dir> <areas>
	# shellcheck disable=SC2046
	"$BIN/eslint" --format @microsoft/eslint-formatter-sarif --output-file "$1/security.sarif" $(sources_of "$2") || true
}

# run_phase <phase> <sha> <history runs for the live gates> <gates...>
run_phase() {
	local phase=$1 sha=$2 runs=$3 dir=$REPORTS/$1 areas gate
	shift 3
	areas=$(areas_of "$phase")
	mkdir -p "$dir"
	for gate in "$@"; do
		log "phase $phase ($areas): $gate at ${sha:0:7}"
		case $gate in
			build) gate_build "$dir" && record "$dir/build.xml" "$phase" build "$sha" --format junit ;;
			unit) gate_unit_and_coverage "$dir" "$areas" && record "$dir/unit.xml" "$phase" unit "$sha" --format junit ;;
			coverage) record "$dir/coverage/coverage-summary.json" "$phase" coverage "$sha" --format istanbul ;;
			e2e) gate_e2e "$dir" "$areas" e2e.json && record "$dir/e2e.json" "$phase" e2e "$sha" --format playwright ;;
			live-local) gate_live_local "$dir" "$areas" "$runs" && record "$dir/live-local.xml" "$phase" live-local "$sha" --format junit ;;
			live-container) gate_live_container "$dir" "$areas" "$runs" && record "$dir/live-container.xml" "$phase" live-container "$sha" --format junit ;;
			security) gate_security "$dir" "$areas" && record "$dir/security.sarif" "$phase" security "$sha" --format sarif ;;
			*) echo "unknown gate $gate" >&2; exit 1 ;;
		esac
	done
}

# Phase 2's first end-to-end run: the golden files as a Windows runner checked them out before
# .gitattributes pinned them to LF. A real git checkout with core.autocrlf=true turns their LF
# into CRLF; the product is unchanged, and every golden comparison fails on the line endings.
phase2_first_e2e() {
	local dir=$REPORTS/2 origin=$REPORTS/2/golden-origin checkout=$REPORTS/2/golden-windows-checkout
	log "phase 2 (core,compliance,templates): e2e at ${SHA_P2_FIRST:0:7}, golden files checked out with core.autocrlf=true"
	mkdir -p "$origin"
	cp -r tests/e2e/golden/. "$origin/"
	git -C "$origin" init -q -b main
	git -C "$origin" add .
	git -C "$origin" -c user.name=ci -c user.email=ci@example.invalid commit -q -m 'golden files, no .gitattributes yet'
	git clone -q -c core.autocrlf=true "$origin" "$checkout"
	grep -q $'\r' "$checkout/github/security_policy.golden" || { echo "the checkout kept LF; cannot replay the CRLF run" >&2; exit 1; }
	GOLDEN_DIR=$checkout gate_e2e "$dir" "$(areas_of 2)" e2e-first.json
	record "$dir/e2e-first.json" 2 e2e "$SHA_P2_FIRST" --format playwright
}

# Phase 3's end-to-end gate on 0.3.0-rc.1, before the review added the F-1 test.
phase3_rc1_e2e() {
	log "phase 3 (core,compliance,templates,contracts): e2e at ${SHA_P3_RC1:0:7}, before the F-1 test existed"
	gate_e2e "$REPORTS/3" "$(areas_of 3)" e2e-rc1.json --grep-invert "$F1_TEST"
	record "$REPORTS/3/e2e-rc1.json" 3 e2e "$SHA_P3_RC1" --format playwright
}

rm -rf "$REPORTS"
mkdir -p "$REPORTS"
rm -rf "$ROOT/content/evidence/1" "$ROOT/content/evidence/2" "$ROOT/content/evidence/3" "$ROOT/content/evidence/4"

run_phase 1 "$SHA_P1" 0 build unit coverage e2e live-local security
mkdir -p "$REPORTS/2"
phase2_first_e2e
run_phase 2 "$SHA_P2" 0 build unit coverage e2e live-local security
mkdir -p "$REPORTS/3"
phase3_rc1_e2e
run_phase 3 "$SHA_P3" 0 build unit coverage e2e live-local live-container security
run_phase 4 "$SHA_P4" "$HISTORY_RUNS" build unit coverage e2e live-local live-container security

log "readiness"
(cd "$ROOT" && node scripts/readiness.ts) || true
