#!/usr/bin/env bash
# Builds the benchmarks, runs JMH, the scheduling, detection, deadlock-check and start-up harnesses and the Python
# seed's benchmark, and prints one table of figures and ratios.
#   benchmarks/run.sh           full run (about 15 minutes on 2 cores)
#   benchmarks/run.sh --quick   to check a change (under 3 minutes); figures are rougher
set -euo pipefail
cd "$(dirname "$0")/.."
command -v python3 >/dev/null || { echo "run.sh needs python3 (the seed's benchmark and the table)" >&2; exit 1; }

quick=false
[[ "${1:-}" == "--quick" ]] && quick=true
out=benchmarks/target/perf
mkdir -p "$out"
rm -f "$out"/*.txt "$out"/jmh.json

./mvnw -q -B -ntp -pl benchmarks -am package -DskipTests
cp="benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"
run() { java -cp "$cp" "$@"; }

if $quick; then
	jmh=(-f 1 -wi 1 -w 1s -i 2 -r 1s); ratio=(15 500); beats=5; trials=5; starts=2; seed_n=3000; deadlock_samples=100
else
	jmh=(-f 2 -wi 3 -w 2s -i 5 -r 2s); ratio=(41 2000); beats=60; trials=20; starts=10; seed_n=20000; deadlock_samples=1000
fi

echo "== JMH (beat, floor, Jackson; read, health; -prof gc)" >&2
run org.openjdk.jmh.Main "${jmh[@]}" -prof gc -rf json -rff "$out/jmh.json" > "$out/jmh.log"
echo "== beat / floor, interleaved" >&2
run dev.heartbeat.benchmarks.BeatRatio "${ratio[@]}" > "$out/ratio.txt"
echo "== reading / floor, interleaved" >&2
run dev.heartbeat.benchmarks.ReadRatio "${ratio[@]}" > "$out/readratio.txt"
echo "== scheduling: two spinning threads, an allocation-heavy service, a GC storm, hung user code ($beats beats at 1 s each)" >&2
run dev.heartbeat.benchmarks.SchedulingAccuracy busy "$beats" > "$out/sched-busy.txt"
run -Xmx512m dev.heartbeat.benchmarks.SchedulingAccuracy young "$beats" > "$out/sched-young.txt"
run -Xmx512m dev.heartbeat.benchmarks.SchedulingAccuracy gc "$beats" > "$out/sched-gc.txt"
# the throwing listener's warnings go to the console with the figures: the figures are kept apart
run dev.heartbeat.benchmarks.SchedulingAccuracy isolation "$beats" > "$out/sched-isolation.log"
grep '^sched\.' "$out/sched-isolation.log" > "$out/sched-isolation.txt"
echo "== detection latency ($trials trials)" >&2
run dev.heartbeat.benchmarks.DetectionLatency "$trials" > "$out/detect.txt"
echo "== deadlock check with 300 threads alive ($deadlock_samples samples)" >&2
run dev.heartbeat.benchmarks.DeadlockCheckCost 300 "$deadlock_samples" > "$out/deadlock.txt"
echo "== start-up, with and without the starter ($starts runs each)" >&2
run dev.heartbeat.benchmarks.StartupCost "$starts" "$cp" > "$out/startup.txt"
echo "== the Python seed" >&2
for fs in tmp shm; do
	dir=$([[ $fs == shm ]] && echo /dev/shm || echo "${TMPDIR:-/tmp}")
	python3 ../shared/seed/bench_beat.py "$seed_n" "$dir" | tr ' ' '\n' | sed "s/^/seed.$fs./" >> "$out/seed.txt"
done 2>/dev/null || echo "seed.missing=../shared/seed not found" >> "$out/seed.txt"

{
	echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr)," \
		"load $(cut -d' ' -f1-3 /proc/loadavg); $(java -version 2>&1 | head -1); mode: $($quick && echo quick || echo full)"
	python3 benchmarks/table.py "$out"
} | tee "$out/table.md"
