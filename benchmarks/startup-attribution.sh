#!/usr/bin/env bash
# Where the starter's start-up cost goes, by measures the machine's load does not move: the classes loaded by ready
# (-Xlog:class+load), the class histogram, the beans, the conditions evaluated, the threads, and each step's CPU time.
#   benchmarks/startup-attribution.sh [runs] [args]   runs starts of StartupApp with the starter and as many without,
#                                                     alternately; args go to the starts with the starter
#   JAVA_OPTS="-XX:SoftRefLRUPolicyMSPerMB=0" benchmarks/startup-attribution.sh 3   soft references cleared by each
#                                                     collection: the histogram counts only what is strongly held
#   OUT=<dir> to keep the files elsewhere than benchmarks/target/startup-attribution
# Prints the comparison and leaves every start's files in benchmarks/target/startup-attribution.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
shift || true
out=${OUT:-benchmarks/target/startup-attribution}
rm -rf "$out"
mkdir -p "$out"
[[ "${SKIP_BUILD:-}" == true ]] || ./mvnw -q -B -ntp -pl benchmarks -am package -DskipTests
with="benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"
# without: every heartbeat jar off the classpath, everything else (Actuator included) the same
without=$(tr ':' '\n' <<<"$with" | grep -v -E '/heartbeat-[^/]*\.jar$' | paste -sd:)
state=$(mktemp -d)
trap 'rm -rf "$state"' EXIT
for i in $(seq 0 "$runs"); do
	for side in with without; do
		cp=$([[ $side == with ]] && echo "$with" || echo "$without")
		args=()
		[[ $side == with ]] && args=("$@")
		dir="$out/$side/$i"
		mkdir -p "$dir"
		# start 0 of each side is unmeasured: it warms the page cache
		# shellcheck disable=SC2086
		java ${JAVA_OPTS:-} -Xlog:class+load:file="$dir/classes.log" -Dstartup.dump="$dir" -Dstartup.classtime=true \
			--add-exports java.management/sun.management=ALL-UNNAMED \
			--add-exports java.management/sun.management.counter=ALL-UNNAMED -cp "$cp" \
			dev.heartbeat.benchmarks.startup.StartupApp --server.port=0 --spring.main.banner-mode=off \
			--logging.level.root=warn --heartbeat.state-file="$state/startup.heartbeat" "${args[@]}" > "$dir/out.txt"
		rm -f "$state/startup.heartbeat"
	done
done
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
python3 benchmarks/startup_attribution.py "$out" | tee "$out/attribution.md"
