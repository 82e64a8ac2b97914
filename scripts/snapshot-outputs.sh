#!/usr/bin/env bash
# Writes the outputs of score, report, test, fit and validate, in every format, on the bundled
# sample and the R fixtures, into one folder, so that a change meant to keep behaviour can be
# checked byte for byte:  scripts/snapshot-outputs.sh before/ ; (change) ; scripts/snapshot-outputs.sh after/ ; diff -r before after
set -u
out=${1:?usage: snapshot-outputs.sh FOLDER}
cd "$(dirname "$0")/.."
mkdir -p "$out"
srp() { node bin/srp.js "$@"; }
run() { local name=$1; shift; srp "$@" >"$out/$name.out" 2>"$out/$name.err"; echo "exit $?" >>"$out/$name.err"; }
sample=data/sample-incidents.csv
within=test/fixtures/r/within-500.csv
between=test/fixtures/r/between-400.csv
for f in text json ndjson csv markdown; do run score-sample-$f score --format $f $sample; done
for f in text json markdown html; do run report-sample-$f report --format $f --by team --period week $sample; done
run report-within-json report --format json $within
run report-between-json report --format json $between
for f in text json markdown; do run test-within-$f test --format $f $within; run test-between-$f test --format $f $between; done
run test-within-greater test --format json --alternative greater --conf-level 0.9 $within
run test-binary-within test --format json test/fixtures/r/within-binary.csv
run test-binary-between test --format json test/fixtures/r/between-binary.csv
run test-moderators test --format json test/fixtures/r/between-moderators.csv
for f in text json markdown; do run fit-within-$f fit --format $f $within; done
for f in text json; do run validate-sample-$f validate --format $f $sample; done
run validate-broken validate --format json test/fixtures/broken-rows.csv
run validate-dutch validate --format json --map test/fixtures/dutch-twin.map.json test/fixtures/dutch-twin.csv
run report-dutch report --format json --map test/fixtures/dutch-twin.map.json test/fixtures/dutch-twin.csv
run fail-if report --format json --fail-if "observed.rate < 0.5" $sample
run strict report --strict $sample
run usage report --threshold 2 $sample
if [ -d ../shared/realdata ]; then
  run real-tickets report --format json --map data/mappings/customer-support-tickets.json ../shared/realdata/customer_support_tickets.csv
  run real-airline test --format json --map data/mappings/airline-passenger-satisfaction.json ../shared/realdata/airline_passenger_satisfaction.csv
fi
