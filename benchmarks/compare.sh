#!/usr/bin/env bash
# Measures whether a change pays: the interleaved ratios (beat / floor, read / floor) of this
# checkout's engine and of another commit's, run by the same harness, alternately, on this machine.
#   benchmarks/compare.sh <commit> [runs]      e.g. benchmarks/compare.sh HEAD~1 3
# Each run is one BeatRatio and one ReadRatio per side (about 1.5 minutes); the median of the runs'
# ratios is printed for each side.
set -euo pipefail
cd "$(dirname "$0")/.."
ref=${1:?usage: benchmarks/compare.sh <commit> [runs]}
runs=${2:-3}
base=$(mktemp -d)
git worktree add -q --detach "$base/tree" "$ref"
trap 'git worktree remove --force "$base/tree"; rm -rf "$base"' EXIT

./mvnw -q -B -ntp -pl benchmarks -am package -DskipTests
(cd "$base/tree" && ./mvnw -q -B -ntp -pl benchmarks -am package -DskipTests)
# one harness, two engines: this checkout's benchmark classes with either side's jars
harness=benchmarks/target/classes
this_cp="$harness:$(cat benchmarks/target/classpath.txt)"
base_cp="$harness:$(cat "$base/tree/benchmarks/target/classpath.txt")"

for i in $(seq "$runs"); do
	for side in base this; do
		cp=$([[ $side == base ]] && echo "$base_cp" || echo "$this_cp")
		echo "== run $i, $side" >&2
		java -cp "$cp" dev.heartbeat.benchmarks.BeatRatio 15 1000 | sed "s/^/$side /"
		java -cp "$cp" dev.heartbeat.benchmarks.ReadRatio 15 1000 | sed "s/^/$side /"
	done
done | python3 -c '
import statistics, sys
values = {}
for line in sys.stdin:
    side, pair = line.split()
    key, value = pair.split("=")
    values.setdefault(key, {}).setdefault(side, []).append(float(value))
print("%-46s %12s %12s" % ("figure", sys.argv[1], "this"))
for key, sides in sorted(values.items()):
    if not key.endswith(("_q1", "_q3")):
        cells = ["%12.3f" % statistics.median(sides[side]) if side in sides else "%12s" % "-" for side in ("base", "this")]
        print("%-46s %s %s" % (key, cells[0], cells[1]))
' "$ref"
