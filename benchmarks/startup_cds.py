"""Starts the sample application each way, alternating, and prints its start-up to ready as a table.

Usage: startup_cds.py <runs> <directory> <java17> <java25>; see startup-cds.sh, which prepares the
directory. Ready is Boot's own figure: "process running for" in its "Started ... in" line, the JVM's
uptime when the application is ready to serve. Each start is stopped with SIGTERM once ready.
"""
import os
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import time

STARTED = re.compile(r"Started \S+ in ([0-9.]+) seconds \(process running for ([0-9.]+)\)")


def ways(directory, java17, java25):
    ext17 = os.path.join(directory, "extracted-17")
    ext25 = os.path.join(directory, "extracted-25")
    aot = ["-Dspring.aot.enabled=true"]
    return [
        ("17", "jar", java17, directory, []),
        ("17", "extracted", java17, ext17, []),
        ("17", "extracted + CDS", java17, ext17, ["-XX:SharedArchiveFile=app.jsa"]),
        ("17", "extracted + CDS + Spring AOT", java17, ext17, ["-XX:SharedArchiveFile=app-aot.jsa"] + aot),
        ("25", "jar", java25, directory, []),
        ("25", "extracted", java25, ext25, []),
        ("25", "extracted + AOT cache", java25, ext25, ["-XX:AOTCache=app.aot"]),
        ("25", "extracted + AOT cache + Spring AOT", java25, ext25, ["-XX:AOTCache=app-aot.aot"] + aot),
    ]


def start(java, directory, options):
    jar = next(name for name in sorted(os.listdir(directory))
               if name.startswith("heartbeat-sample-app") and name.endswith(".jar"))
    with tempfile.TemporaryDirectory() as tmp:
        command = [java, *options, "-Djava.io.tmpdir=" + tmp, "-jar", jar, "--server.port=0"]
        process = subprocess.Popen(command, cwd=directory, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                   text=True, env={k: v for k, v in os.environ.items()
                                                   if not k.startswith(("HEARTBEAT_", "SPRING_", "NOTIFY_SOCKET"))})
        lines = []
        deadline = time.monotonic() + 300
        try:
            for line in process.stdout:
                lines.append(line)
                match = STARTED.search(line)
                if match:
                    return float(match.group(2)) * 1000, float(match.group(1)) * 1000
                if time.monotonic() > deadline:
                    break
            raise RuntimeError("no 'Started' line from " + " ".join(command) + ":\n" + "".join(lines[-30:]))
        finally:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=120)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def quartiles(values):
    if len(values) < 2:
        return values[0], values[0]
    q = statistics.quantiles(values, n=4, method="inclusive")
    return q[0], q[2]


def main():
    runs, directory, java17, java25 = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
    all_ways = ways(directory, java17, java25)
    ready = {way[:2]: [] for way in all_ways}
    context = {way[:2]: [] for way in all_ways}
    load_before = open("/proc/loadavg").read().split()[:3]
    # one unmeasured start of each, then the ways in turn, the order shifted every round
    for way in all_ways:
        start(*way[2:])
    for run in range(runs):
        shift = run % len(all_ways)
        for way in all_ways[shift:] + all_ways[:shift]:
            total, refresh = start(*way[2:])
            ready[way[:2]].append(total)
            context[way[:2]].append(refresh)
            print("run %d, Java %s, %s: ready at %.0f ms" % (run + 1, way[0], way[1], total), file=sys.stderr)
    load_after = open("/proc/loadavg").read().split()[:3]
    print("machine: %d cores, load %s before, %s after; %d runs of each way, alternating"
          % (os.cpu_count(), " ".join(load_before), " ".join(load_after), runs))
    print()
    print("| Java | way | ready, median (IQR) | of which Spring's run, median | ratio to the jar on the same Java |")
    print("| --- | --- | --- | --- | --- |")
    for java in ("17", "25"):
        base = statistics.median(ready[(java, "jar")])
        for way in all_ways:
            if way[0] != java:
                continue
            values = ready[way[:2]]
            median = statistics.median(values)
            low, high = quartiles(values)
            print("| %s | %s | %.0f ms (%.0f-%.0f) | %.0f ms | %.2f |"
                  % (java, way[1], median, low, high, statistics.median(context[way[:2]]), median / base))


if __name__ == "__main__":
    main()
