#!/usr/bin/env python3
"""Writes the golden state files that StateJsonTests compares the Java writer with, byte for byte.

Each .json file is Python's own json.dumps(state, indent=2) of a state that StateJsonTests builds
again in Java from the same values. The doubles of numbers.json and doubles.json are also listed,
as their IEEE 754 bits, in numbers.bits and doubles.bits, from which the test builds the very same
numbers. Run from this directory, and commit what it writes:

    python3 make_golden.py
"""
import json
import random
import struct

STRINGS = [
    "",
    "plain",
    "caf\u00e9",
    "\u20ac uro",
    "\U0001F600",
    "\x7f",
    "\x00\x01\x1f",
    "\"quoted\"",
    "back\\slash",
    "/slash/",
    "\n\r\t\b\f",
    "\u2028\u2029",
    "\ufeff",
    "\ud800",
    "\udfff",
    "a\ud83db",
    " ~!#$%&'()*+,-.:;<=>?@[]^_`{|}",
]

KEYS = {
    "caf\u00e9": 1,
    "tab\tkey": 2,
    "quote\"key": 3,
    "\x00": 4,
    "\U0001F600": 5,
    "\x7f": 6,
    "": 7,
}

TARGET_REASON = ("deadlocked threads: 'caf\u00e9-1' waits for "
                 "java.util.concurrent.locks.ReentrantLock$NonfairSync@1b6d3586 held by 'worker \"2\"'; "
                 "'worker \"2\"' waits for java.lang.Object@4554617c held by 'caf\u00e9-1'")

INTEGERS = [0, 1, -1, 2**31 - 1, -2**31, 2**31, 2**63 - 1, -2**63, 2**64, -2**70, 10**30]

DOUBLES = [
    0.0, -0.0, 1.0, -1.5, 100.0, 0.1, 1 / 3, 2 / 3, 0.0001, 0.00001, 1.5e-05, 0.00012345,
    1e15, 1e16, 1.2345e16, 9007199254740993.0, 123456789012345678.0, 1e20, 1e22, 1e23, 1e100,
    1e-100, 5e-324, 1e-323, 2.2250738585072014e-308, 2.225073858507201e-308, 1.7976931348623157e308,
    4.35, 0.3, 2.675, 1e-07, 1234567.0, 12345678.9,
]


def state(metadata, **extra):
    value = {
        "timestamp": "2026-01-12T10:00:00.123456+00:00",
        "pid": 4242,
        "hostname": "worker-1",
        "metadata": metadata,
    }
    value.update(extra)
    return value


def bits(number):
    return "%016x" % struct.unpack(">Q", struct.pack(">d", number))[0]


def random_doubles(count):
    generator = random.Random(20260112)
    numbers = []
    while len(numbers) < count:
        number = struct.unpack(">d", struct.pack(">Q", generator.getrandbits(64)))[0]
        # random bits are mostly huge or tiny: mix in numbers of every day sizes
        if generator.random() < 0.5:
            number = round(generator.uniform(-1e6, 1e6), generator.randint(0, 9))
        if number == number and abs(number) != float("inf"):
            numbers.append(number)
    return numbers


def write(name, value):
    with open(name, "w", encoding="ascii", newline="") as file:
        file.write(json.dumps(value, indent=2))


def write_bits(name, numbers):
    with open(name, "w", encoding="ascii", newline="\n") as file:
        file.write("".join(bits(number) + "\n" for number in numbers))


def main():
    write("engine.json", state({"version": "1.0.0", "app": "sample"}, status="UP", seq=7, interval=10,
                                targets={"ws": "ALIVE", "db": "DEAD"},
                                staleAfter="2026-01-12T10:00:30.123456+00:00"))
    write("engine-fractional-interval.json", state({}, status="STOPPING", seq=12, interval=1.5, targets={},
                                                   staleAfter="2026-01-12T10:00:04.623456+00:00"))
    write("engine-minimal.json", state({}, seq=0, targets={}))
    write("engine-target-reasons.json", state({"version": "1.0.0"}, status="UP", seq=8, interval=10,
                                              targets={"deadlock": "DEAD", "db": "ALIVE", "orders": "DEAD"},
                                              targetReasons={"deadlock": TARGET_REASON, "orders": "stalled \u2026"},
                                              staleAfter="2026-01-12T10:00:30.123456+00:00"))
    write("engine-restarts-and-timing.json", state({}, status="UP", seq=3, interval=10, targets={},
                                                   uncleanRestarts=2, lateBy=1250, maxPause=0,
                                                   staleAfter="2026-01-12T10:00:30.123456+00:00"))
    write("strings.json", state({"values": STRINGS, "keys": KEYS, "hostname": "h\u00f4te"}, seq=1, targets={}))
    write("numbers.json", state({"integers": INTEGERS, "doubles": DOUBLES}, seq=1, targets={}))
    write("nested.json", state({
        "emptyObject": {},
        "emptyArray": [],
        "arrayOfEmptyArray": [[]],
        "arrayOfEmptyObject": [{}],
        "deep": {"a": {"b": [1, [2, {"c": None, "d": [True, False]}]]}},
        "mixed": [1, "x", None, 2.5, {"k": "v"}],
    }, seq=1, targets={}))
    write_bits("numbers.bits", DOUBLES)
    doubles = random_doubles(2000)
    write("doubles.json", state({"doubles": doubles}, seq=1, targets={}))
    write_bits("doubles.bits", doubles)


if __name__ == "__main__":
    main()
