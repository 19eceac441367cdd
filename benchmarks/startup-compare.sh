#!/usr/bin/env bash
# Does a change pay at start-up? StartupApp started with this checkout's heartbeat jars, with another commit's, and
# without the heartbeat, in turn, by this checkout's harness; prints StartupCost's figures and this - base for each.
#   benchmarks/startup-compare.sh <commit> [runs]      e.g. benchmarks/startup-compare.sh HEAD~1 8
# Each run is three starts (about 25 s on 2 cores). The figures to trust are those the machine's load does not move:
# classes, live heap (class histogram), threads; the CPU times with their intervals.
set -euo pipefail
cd "$(dirname "$0")/.."
ref=${1:?usage: benchmarks/startup-compare.sh <commit> [runs]}
runs=${2:-8}
base=$(mktemp -d)
git worktree add -q --detach "$base/tree" "$ref"
trap 'git worktree remove --force "$base/tree"; rm -rf "$base"' EXIT

./mvnw -q -B -ntp -pl benchmarks -am package -DskipTests
(cd "$base/tree" && ./mvnw -q -B -ntp -pl benchmarks -am package -DskipTests)
# one harness, two builds of the heartbeat: this checkout's benchmark classes with either side's jars
harness=benchmarks/target/classes
this_cp="$harness:$(cat benchmarks/target/classpath.txt)"
base_cp="$harness:$(cat "$base/tree/benchmarks/target/classpath.txt")"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
java -cp "$this_cp" dev.heartbeat.benchmarks.StartupCost "$runs" "$this_cp" "$base_cp" | tee benchmarks/target/startup-compare.txt
