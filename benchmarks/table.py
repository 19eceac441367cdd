"""Prints the performance table from the files benchmarks/run.sh leaves in its output directory."""
import glob, json, os, sys

out = sys.argv[1]
kv = {}
for path in glob.glob(os.path.join(out, "*.txt")):
    for line in open(path):
        if "=" in line:
            k, v = line.strip().split("=", 1)
            kv[k] = v
jmh = {}
for r in json.load(open(os.path.join(out, "jmh.json"))):
    name = r["benchmark"].rsplit(".", 2)[-2] + "." + r["benchmark"].rsplit(".", 1)[-1]
    fs = r.get("params", {}).get("fs")
    key = name + (("." + fs) if fs else "")
    alloc = r["secondaryMetrics"].get("gc.alloc.rate.norm", {}).get("score")
    jmh[key] = (r["primaryMetric"]["score"], r["primaryMetric"]["scoreError"], alloc)


def f(x, d=2):
    return "n/a" if x is None else f"{float(x):.{d}f}"


def g(key):
    return kv.get(key)


def verdict(ok):
    return "met" if ok else "**missed**"


rows = []
for fs in ("tmp", "shm"):
    b, fl, j = (jmh.get(f"BeatBenchmark.{m}.{fs}") for m in ("beat", "floor", "jackson"))
    r = float(g(f"ratio.{fs}.beat_to_floor") or "nan")
    rows.append((f"1. beat, {fs}: beat / floor (interleaved median, IQR)",
                 f"{g(f'ratio.{fs}.beat_us')} us vs {g(f'ratio.{fs}.floor_us')} us",
                 f"**{f(r, 3)}** ({g(f'ratio.{fs}.beat_to_floor_q1')}-{g(f'ratio.{fs}.beat_to_floor_q3')})",
                 "<= 1.10", verdict(r <= 1.10)))
    fresh = g(f"ratio.{fs}.beat_to_floor_fresh_name")
    if fresh:
        rows.append((f"1. beat, {fs}: beat / floor with a fresh random temp name per write (interleaved median, IQR)",
                     f"{g(f'ratio.{fs}.beat_us')} us vs {g(f'ratio.{fs}.floor_fresh_name_us')} us",
                     f"{fresh} ({g(f'ratio.{fs}.beat_to_floor_fresh_name_q1')}-{g(f'ratio.{fs}.beat_to_floor_fresh_name_q3')})",
                     "", ""))
    if b and fl:
        rows.append((f"1. beat, {fs}: JMH beat / floor", f"{f(b[0])} ± {f(b[1])} us vs {f(fl[0])} ± {f(fl[1])} us",
                     f(b[0] / fl[0], 3), "", ""))
    rows.append((f"1. beat, {fs}: beat / hand-rolled Jackson (interleaved)",
                 f"{g(f'ratio.{fs}.beat_us')} us vs {g(f'ratio.{fs}.jackson_us')} us",
                 g(f"ratio.{fs}.beat_to_jackson"), "", ""))
for fs in ("tmp", "shm"):
    b, fl, j = (jmh.get(f"BeatBenchmark.{m}.{fs}") for m in ("beat", "floor", "jackson"))
    if b:
        rows.append((f"2. allocation per beat, {fs} (floor, Jackson)",
                     f"{f(b[2], 0)} B ({f(fl[2], 0)} B, {f(j[2], 0)} B)", "", "<= 1024 B", verdict(b[2] <= 1024)))
floor = jmh.get("ReadBenchmark.readAllBytes")
for m in ("read", "health"):
    x = jmh.get(f"ReadBenchmark.{m}")
    label = 'HeartbeatState.read' if m == 'read' else 'health()'
    r = g(f"readratio.{m}_to_floor")
    if r:
        rows.append((f"3. {label} / Files.readAllBytes (interleaved median, IQR)",
                     f"{g(f'readratio.{m}_us')} us vs {g('readratio.floor_us')} us",
                     f"**{r}** ({g(f'readratio.{m}_to_floor_q1')}-{g(f'readratio.{m}_to_floor_q3')})",
                     "<= 2", verdict(float(r) <= 2)))
    if x and floor:
        rows.append((f"3. {label} / Files.readAllBytes (JMH; allocation)",
                     f"{f(x[0])} ± {f(x[1])} us vs {f(floor[0])} ± {f(floor[1])} us ({f(x[2], 0)} B vs {f(floor[2], 0)} B)",
                     f(x[0] / floor[0], 2), "", ""))
s = jmh.get("ReadBenchmark.serialize")
if s:
    rows.append(("   serialisation alone (state.toJson(), a String)", f"{f(s[0], 3)} us, {f(s[2], 0)} B", "", "", ""))
loads = {"busy": "busy", "young": "young", "gc": "gc",
         "isolation": "isolation (a check and a recovery that never return, a listener that throws)"}
for load, what in loads.items():
    p99, mx, drift = g(f"sched.{load}.lateness_p99_ms"), g(f"sched.{load}.lateness_max_ms"), g(f"sched.{load}.drift_ms")
    if p99:
        ok = float(p99) < 5 and abs(float(drift)) < 5
        reference = (f"; a thread that only sleeps, beside it: p99 {g(f'sched.{load}.reference_p99_ms')} ms"
                     f"; GC pauses: {g(f'sched.{load}.gc_pauses')}, longest {g(f'sched.{load}.gc_pause_max_ms')} ms")
        rows.append((f"4. scheduling, {what}, {g(f'sched.{load}.beats')} beats at 1 s: lateness p50 / p99 / max, drift (last ten beats' median lateness - first ten's)",
                     f"{g(f'sched.{load}.lateness_p50_ms')} / {p99} / {mx} ms, drift {drift} ms{reference}", "",
                     "p99 < 5 ms, no drift", verdict(ok)))
if g("detect.latency_max_ms"):
    limit = float(g("detect.interval_ms")) + 10
    rows.append((f"5. detection, {g('detect.trials')} trials, 1 s interval: latency p50 / max (after the check p50 / max)",
                 f"{g('detect.latency_p50_ms')} / {g('detect.latency_max_ms')} ms ({g('detect.after_check_p50_ms')} / {g('detect.after_check_max_ms')} ms)",
                 "", f"<= {limit:.0f} ms", verdict(float(g("detect.latency_max_ms")) <= limit)))
if g("deadlock.check_p50_us"):
    rows.append((f"5. deadlock check, {g('deadlock.threads')} threads alive: p50 / p99 / max per check",
                 f"{g('deadlock.check_p50_us')} / {g('deadlock.check_p99_us')} / {g('deadlock.check_max_us')} us",
                 "", "p99 < 1 ms", verdict(float(g("deadlock.check_p99_us")) < 1000)))
if g("startup.added.ready_ms"):
    runs = g("startup.runs")

    def interval(key, scale=1.0, unit="ms"):
        lo, hi = g(f"startup.added.{key}_lo"), g(f"startup.added.{key}_hi")
        return f" [{float(lo) / scale:+.0f}, {float(hi) / scale:+.0f}] {unit}" if lo else ""

    for prefix, what in (("", "wall"), ("cpu_", "CPU")):
        if g(f"startup.starter.{prefix}own_ms"):
            own = float(g(f"startup.starter.{prefix}own_ms"))
            rows.append((f"6. start-up, the starter's own steps in process ({what}), median of {runs}: beans + first beat (IQR)",
                         f"{g(f'startup.starter.{prefix}beans_ms')} + {g(f'startup.starter.{prefix}start_ms')} ms",
                         f"**{own:.1f} ms** ({g(f'startup.starter.{prefix}own_q1_ms')}-{g(f'startup.starter.{prefix}own_q3_ms')})",
                         "< 20 ms", verdict(own < 20)))
    if g("startup.added.bind_ms"):
        for key, what in (("bind", "meter binding, all binders"), ("parse", "configuration parsing and conditions, all")):
            cpu = (f"; CPU {float(g(f'startup.added.{key}_cpu_ms')):+.1f} ms{interval(f'{key}_cpu_ms')}"
                   if g(f"startup.added.{key}_cpu_ms") else "")
            rows.append((f"6. {what} (with - without) [95% CI]",
                         f"{g(f'startup.with.{key}_ms')} - {g(f'startup.without.{key}_ms')} ms",
                         f"{float(g(f'startup.added.{key}_ms')):+.1f} ms{interval(f'{key}_ms')}{cpu}", "",
                         "shared step: the CI says how well it is apportioned"))
    rows.append((f"6. start-up to ready, median of {runs} (with - without) [95% CI]",
                 f"{g('startup.with.ready_ms')} - {g('startup.without.ready_ms')} ms",
                 f"{float(g('startup.added.ready_ms')):+.2f} ms{interval('ready_ms')}",
                 "< 20 ms", "whole JVM: run-to-run noise is far above 20 ms"))
    if g("startup.added.main_cpu_ms"):
        rows.append((f"6. main-thread CPU to ready, median of {runs} (with - without) [95% CI]",
                     f"{g('startup.with.main_cpu_ms')} - {g('startup.without.main_cpu_ms')} ms",
                     f"{float(g('startup.added.main_cpu_ms')):+.2f} ms{interval('main_cpu_ms')}", "", ""))
        rows.append(("6. classes loaded by ready (with - without)",
                     f"{g('startup.with.classes')} - {g('startup.without.classes')}",
                     f"{float(g('startup.added.classes')):+.0f}", "", ""))
    heap = float(g("startup.added.heap_bytes")) / 1024
    rows.append(("6. heap retained after GC (with - without)",
                 f"{float(g('startup.with.heap_bytes')) / 1024:.0f} - {float(g('startup.without.heap_bytes')) / 1024:.0f} KiB",
                 f"+{heap:.0f} KiB", "< 200 KiB", verdict(heap < 200)))
    if g("startup.added.live_bytes"):
        live = float(g("startup.added.live_bytes")) / 1024
        rows.append(("6. live objects after GC, class histogram (with - without) [95% CI]",
                     f"{float(g('startup.with.live_bytes')) / 1024:.0f} - {float(g('startup.without.live_bytes')) / 1024:.0f} KiB",
                     f"+{live:.0f} KiB{interval('live_bytes', 1024, 'KiB')}", "< 200 KiB", verdict(live < 200)))
    threads = float(g("startup.added.threads"))
    rows.append(("6. live threads (with - without)",
                 f"{g('startup.with.threads')} - {g('startup.without.threads')} ({g('startup.with.heartbeat_threads')})",
                 f"+{threads:.0f}", "<= 2", verdict(threads <= 2)))
for fs in ("tmp", "shm"):
    sb = g(f"seed.{fs}.seed_beat_us")
    if sb:
        jb = g(f"ratio.{fs}.beat_us")
        rows.append((f"7. seed (Python) beat, {fs}: seed / this starter",
                     f"{sb} us vs {jb} us (raw Python write+rename {g(f'seed.{fs}.raw_write_rename_us')} us)",
                     f"{float(sb) / float(jb):.2f}x", "", ""))
        rows.append((f"7. seed is_alive, {fs}: seed / HeartbeatState.read",
                     f"{g(f'seed.{fs}.seed_is_alive_us')} us vs {f(jmh['ReadBenchmark.read'][0])} us" if "ReadBenchmark.read" in jmh else g(f"seed.{fs}.seed_is_alive_us"),
                     f"{float(g(f'seed.{fs}.seed_is_alive_us')) / jmh['ReadBenchmark.read'][0]:.2f}x" if "ReadBenchmark.read" in jmh else "", "", ""))

print()
print("| figure | measured | ratio | goal | |")
print("| --- | --- | --- | --- | --- |")
for r in rows:
    print("| " + " | ".join(str(c) if c is not None else "n/a" for c in r) + " |")
