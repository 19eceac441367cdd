"""Compares the starts left by startup-attribution.sh: with the starter against without it."""
import collections
import os
import re
import statistics
import sys

out = sys.argv[1]


def runs(side):
    root = os.path.join(out, side)
    return [os.path.join(root, d) for d in sorted(os.listdir(root), key=int) if d != "0"]


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read().splitlines()


# classes loaded by ready: (name, source) before the ready mark
LOAD = re.compile(r"\] (\S+) source: (.*)$")


def classes(run):
    loaded = {}
    for line in read(os.path.join(run, "classes.log")):
        m = LOAD.search(line)
        if not m:
            continue
        name, source = m.groups()
        if name == "dev.heartbeat.benchmarks.startup.ReadyMark":
            break
        # a lambda's or a proxy's name carries an address that differs from start to start
        name = re.sub(r"(\$\$Lambda|\$\$SpringCGLIB\$\$|\$Proxy)[$\d/x0-9a-f]*", r"\1", name)
        while name in loaded:
            name += "+"
        loaded[name] = source
    return loaded


def origin(name, source):
    if name.startswith("dev.heartbeat.") and not name.startswith("dev.heartbeat.benchmarks"):
        return "heartbeat: " + name.rsplit(".", 1)[0]
    if "/" in source and source.endswith(".jar"):
        jar = os.path.basename(source)
        return re.sub(r"-\d[\w.\-]*\.jar$", "", jar)
    if source.startswith("jrt:") or "shared objects file" in source:
        return "JDK: " + ".".join(name.split(".")[:2])
    if "__JVM" in source or "Lambda" in name or "$$" in name:
        return "generated (lambdas, proxies)"
    return source.split(" ")[0]


def median(values):
    return statistics.median(values) if values else 0


def section(title):
    print(f"\n## {title}\n")


with_runs, without_runs = runs("with"), runs("without")
print(f"{len(with_runs)} starts with the starter, {len(without_runs)} without, alternating")

# --- classes
section("Classes loaded by ready (with - without)")
w_sets = [classes(r) for r in with_runs]
o_sets = [classes(r) for r in without_runs]
print(f"median: {median([len(s) for s in w_sets])} - {median([len(s) for s in o_sets])} = "
      f"{median([len(s) for s in w_sets]) - median([len(s) for s in o_sets]):+}")
always_with = set.intersection(*(set(s) for s in w_sets))
ever_without = set.union(*(set(s) for s in o_sets))
ours = sorted(always_with - ever_without)
sources = {}
for s in w_sets:
    sources.update(s)
w_groups = [collections.Counter(origin(n, src) for n, src in s.items()) for s in w_sets]
o_groups = [collections.Counter(origin(n, src) for n, src in s.items()) for s in o_sets]
stable = collections.Counter(origin(n, sources[n]) for n in ours)
print("| origin | with - without, median | of which loaded in every start with and in none without |")
print("| --- | --- | --- |")
rows = []
for group in set().union(*w_groups, *o_groups):
    added = median([g[group] for g in w_groups]) - median([g[group] for g in o_groups])
    if added or stable[group]:
        rows.append((added, group))
for added, group in sorted(rows, reverse=True):
    print(f"| {group} | {added:+.0f} | {stable[group]} |")
with open(os.path.join(out, "classes-added.txt"), "w") as f:
    for n in ours:
        f.write(f"{origin(n, sources[n])}\t{n}\n")
gone = sorted(set.intersection(*(set(s) for s in o_sets)) - set.union(*(set(s) for s in w_sets)))
if gone:
    print(f"\nloaded only without the starter: {len(gone)} ({', '.join(gone[:10])}{' ...' if len(gone) > 10 else ''})")

# --- histogram
section("Live heap after a full collection, class histogram (with - without), medians")
HIST = re.compile(r"^\s*\d+:\s+(\d+)\s+(\d+)\s+(\S+)")


def histogram(run):
    table = {}
    total = 0
    for line in read(os.path.join(run, "histogram.txt")):
        m = HIST.match(line)
        if m:
            table[m.group(3)] = (int(m.group(1)), int(m.group(2)))
        elif line.startswith("Total"):
            total = int(line.split()[2])
    return table, total


w_h = [histogram(r) for r in with_runs]
o_h = [histogram(r) for r in without_runs]
tw, to = median([t for _, t in w_h]), median([t for _, t in o_h])
print(f"total: {tw / 1024:.0f} - {to / 1024:.0f} KiB = {(tw - to) / 1024:+.0f} KiB\n")
names = set().union(*(h for h, _ in w_h), *(h for h, _ in o_h))
diffs = []
for n in names:
    b = median([h.get(n, (0, 0))[1] for h, _ in w_h]) - median([h.get(n, (0, 0))[1] for h, _ in o_h])
    c = median([h.get(n, (0, 0))[0] for h, _ in w_h]) - median([h.get(n, (0, 0))[0] for h, _ in o_h])
    diffs.append((b, c, n))
diffs.sort(reverse=True)
print("| type | instances | KiB |\n| --- | --- | --- |")
for b, c, n in diffs[:40]:
    print(f"| `{n}` | {c:+.0f} | {b / 1024:+.1f} |")
ours_heap = sum(b for b, _, n in diffs if n.startswith("dev.heartbeat.") and "benchmarks" not in n)
print(f"\nobjects of the heartbeat's own classes: {ours_heap / 1024:+.1f} KiB")
with open(os.path.join(out, "histogram-diff.txt"), "w") as f:
    for b, c, n in diffs:
        if b or c:
            f.write(f"{b:+.0f}\t{c:+.0f}\t{n}\n")

# --- beans
section("Beans (with - without)")


def beans(run):
    return dict(line.split("\t", 1) for line in read(os.path.join(run, "beans.txt")))


wb, ob = beans(with_runs[0]), beans(without_runs[0])
added = sorted(set(wb) - set(ob))
print(f"{len(wb)} - {len(ob)} = {len(wb) - len(ob):+}\n")
for n in added:
    print(f"- `{n}`: {wb[n]}")

# --- conditions
section("Conditions (with - without)")


def conditions(run):
    return [line.split("\t") for line in read(os.path.join(run, "conditions.txt"))]


wc, oc = conditions(with_runs[0]), conditions(without_runs[0])
print(f"condition outcomes recorded: {len(wc)} - {len(oc)} = {len(wc) - len(oc):+}")
ours_c = [c for c in wc if c[0].startswith("dev.heartbeat.")]
sources_c = collections.OrderedDict()
for c in ours_c:
    sources_c.setdefault(c[0], []).append(c)
print(f"the heartbeat's classes and methods with conditions: {len(sources_c)}\n")
for src, cs in sources_c.items():
    verdict = "matched" if all(c[1] in ("match", "unconditional") for c in cs) else "**not matched**"
    print(f"- `{src.replace('dev.heartbeat.autoconfigure.', '')}` {verdict}: " + "; ".join(
        f"{c[2] if len(c) > 2 else c[1]}" + (f" ({c[3]})" if len(c) > 3 and c[1] == "NO" else "") for c in cs))
others = sorted({c[0] for c in wc if not c[0].startswith("dev.heartbeat.")} - {c[0] for c in oc})
if others:
    print(f"\nother sources evaluated only with the starter: {', '.join(others)}")

# --- threads
section("Threads (with - without)")


def threads(run):
    return collections.Counter(re.sub(r"\d+", "#", t) for t in read(os.path.join(run, "threads.txt")))


tw_, to_ = threads(with_runs[0]), threads(without_runs[0])
print(f"{sum(tw_.values())} - {sum(to_.values())}: added {dict(tw_ - to_)}, gone {dict(to_ - tw_)}")

# --- steps
section("CPU time of the start-up steps (with - without), medians, ms")


def steps(run):
    rows = {}
    for line in read(os.path.join(run, "steps.txt")):
        i, parent, name, wall, cpu, tags, cls, verify = (line.split("\t") + ["", "0", "0"])[:8]
        rows[i] = dict(parent=parent, name=name, wall=float(wall), cpu=float(cpu), tags=tags, cls=float(cls),
                       verify=float(verify))
    return rows


def by_name(rows):
    totals = collections.Counter()
    for r in rows.values():
        # only outermost occurrences of a name, so that nesting is not counted twice
        p, nested = r["parent"], False
        while p != "-" and p in rows:
            if rows[p]["name"] == r["name"]:
                nested = True
                break
            p = rows[p]["parent"]
        if not nested:
            totals[r["name"]] += r["cpu"]
    return totals


ws = [by_name(steps(r)) for r in with_runs]
os_ = [by_name(steps(r)) for r in without_runs]
print("| step | with | without | with - without |\n| --- | --- | --- | --- |")
for name in sorted(set().union(*ws)):
    a, b = median([s[name] for s in ws]), median([s[name] for s in os_])
    if a > 1 or b > 1:
        print(f"| `{name}` | {a:.1f} | {b:.1f} | {a - b:+.1f} |")


def heartbeat_beans(rows, run):
    types = beans(run)
    def mine(n):
        t = types.get(n, "")
        return ((t.startswith("dev.heartbeat.") and not t.startswith("dev.heartbeat.benchmarks."))
                or n.startswith("heartbeat") or n.startswith("dev.heartbeat."))
    result = collections.OrderedDict()
    for i, r in rows.items():
        if r["name"] != "spring.beans.instantiate":
            continue
        bean = r["tags"].replace("beanName=", "").split(" ")[0]
        if not mine(bean):
            continue
        depth, p = 0, r["parent"]
        outer = True
        while p != "-" and p in rows:
            if rows[p]["name"] == "spring.beans.instantiate":
                depth += 1
                pb = rows[p]["tags"].replace("beanName=", "").split(" ")[0]
                if mine(pb):
                    outer = False
            p = rows[p]["parent"]
        result[bean] = (r["cpu"], outer, r["cls"], r["verify"])
    return result


section("CPU time of creating each of the heartbeat's beans (its dependencies included), median ms")
hb = [heartbeat_beans(steps(r), r) for r in with_runs]
print("| bean | CPU ms | of which class loading (verifying) | counted (outermost) |\n| --- | --- | --- | --- |")
total = [0, 0, 0]
for bean in hb[0]:
    cpu, cls, verify = (median([h[bean][k] for h in hb if bean in h]) for k in (0, 2, 3))
    outer = hb[0][bean][1]
    if outer:
        total = [total[0] + cpu, total[1] + cls, total[2] + verify]
    print(f"| `{bean}` | {cpu:.2f} | {cls:.2f} ({verify:.2f}) | {'yes' if outer else ''} |")
print(f"\nsum of the outermost: {total[0]:.1f} ms CPU, of which {total[1]:.1f} ms loading, linking, verifying"
      f" and initialising classes ({total[2]:.1f} ms verifying)")

section("The STARTUP line's figures, medians (with; without)")


def startup_line(run):
    for line in read(os.path.join(run, "out.txt")):
        if line.startswith("STARTUP "):
            return dict(pair.split("=", 1) for pair in line[8:].split(" "))
    return {}


wl, ol = [startup_line(r) for r in with_runs], [startup_line(r) for r in without_runs]
for key in ("beans_cpu_ms", "beans_class_ms", "start_cpu_ms", "start_class_ms", "bind_cpu_ms", "parse_cpu_ms",
            "main_cpu_ms", "ready_ms", "classes", "live_bytes", "threads"):
    a = median([float(x[key]) for x in wl if key in x])
    b = median([float(x[key]) for x in ol if key in x])
    print(f"- {key}: {a:.2f}; {b:.2f}")
