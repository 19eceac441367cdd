#!/usr/bin/env bash
# The sample application's start-up to ready with each way a user can make a Boot jar start faster on
# the JVM: the jar as built, extracted (java -Djarmode=tools ... extract), extracted with a CDS archive
# (Java 17+), extracted with an AOT cache (Java 25), and each of those with Spring AOT
# (-Dspring.aot.enabled=true, from spring-boot:process-aot at build time).
#   benchmarks/startup-cds.sh [runs]     default 5 runs of each way, alternating (about 10 minutes)
# Prints a Markdown table to benchmarks/target/startup-cds/table.md. JAVA17 and JAVA25 name the JDKs
# (default: /usr/lib/jvm/java-17-openjdk-amd64 and /usr/lib/jvm/temurin-25-jdk-amd64).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
java17=${JAVA17:-/usr/lib/jvm/java-17-openjdk-amd64}/bin/java
java25=${JAVA25:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
out=benchmarks/target/startup-cds
rm -rf "$out" && mkdir -p "$out"

# process-aot starts the application, which prints its banner: kept out of the table
./mvnw -q -B -ntp -pl sample-app -am package -DskipTests > "$out/build.log"
jar=$(ls sample-app/target/heartbeat-sample-app-*.jar | grep -v '\.original$' | head -1)
cp "$jar" "$out/"

# one extracted copy per JDK: an archive or a cache is valid only for the JVM and the class path it was
# trained with
for v in 17 25; do
	java=java$v
	"${!java}" -Djarmode=tools -jar "$out/$(basename "$jar")" extract --destination "$out/extracted-$v" > /dev/null
done

# the training runs, as Boot's documentation gives them: the context is refreshed, then the JVM exits
# (the heartbeat, a SmartLifecycle, has not started: its first beat is not in the archive)
train() {
	local java=$1 dir=$2; shift 2
	mkdir -p "$dir/tmp"
	(cd "$dir" && "$java" "$@" -Djava.io.tmpdir=tmp -Dspring.context.exit=onRefresh \
		-jar heartbeat-sample-app-*.jar --server.port=0 > training.log 2>&1)
}
train "$java17" "$out/extracted-17" -XX:ArchiveClassesAtExit=app.jsa
train "$java17" "$out/extracted-17" -XX:ArchiveClassesAtExit=app-aot.jsa -Dspring.aot.enabled=true
train "$java25" "$out/extracted-25" -XX:AOTCacheOutput=app.aot
train "$java25" "$out/extracted-25" -XX:AOTCacheOutput=app-aot.aot -Dspring.aot.enabled=true

python3 benchmarks/startup_cds.py "$runs" "$out" "$java17" "$java25" | tee "$out/table.md"
