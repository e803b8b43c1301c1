"""Parse throughput (MB/s) on large outputs: netblame vs jc 1.26, same text, same process.

Two netblame figures per input: `parser` = line splitting + the kind's parser (what
`jc.parse(kind, text)` does), `pipeline` = the whole `netblame parse` path from bytes
(decode, clean, prompt/shape segmentation, parse). Best of --repeat runs.
Run: python benchmarks/parse_throughput.py  (needs `pip install '.[bench]'`)
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import jc
from inputs import big_ping, route_table, traceroute_30

from analyzer.parse import parse_bytes
from analyzer.parsers.registry import dialects_of
from analyzer.reader.clean import split_lines


def best(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    cases = [
        ("ping", big_ping()),
        ("traceroute", traceroute_30() * 300),
        ("ip_route", route_table()),
    ]
    print(f"{'input':<12}{'MB':>7}{'jc MB/s':>10}{'parser MB/s':>13}{'x jc':>7}"
          f"{'pipeline MB/s':>15}{'x jc':>7}")
    for kind, text in cases:
        measure(kind, text, args.repeat)


def measure(kind: str, text: str, repeat: int) -> None:
    """Print one row: jc, the kind's parser, and the whole pipeline on `text`."""
    data = text.encode()
    mb = len(data) / 1e6
    parser = dialects_of(kind)[0].parse
    if kind == "traceroute":
        # jc's traceroute parser reads one run per call: feed both run by run.
        runs = [traceroute_30()] * 300
        t_jc = best(lambda: [jc.parse(kind, r, quiet=True) for r in runs], repeat)
        t_parser = best(lambda: [parser(split_lines(r), ()) for r in runs], repeat)
    else:
        t_jc = best(lambda: jc.parse(kind, text, quiet=True), repeat)
        t_parser = best(lambda: parser(split_lines(text), ()), repeat)
    t_pipe = best(lambda: parse_bytes(data), repeat)
    print(f"{kind:<12}{mb:>7.2f}{mb / t_jc:>10.1f}{mb / t_parser:>13.1f}"
          f"{t_jc / t_parser:>7.2f}{mb / t_pipe:>15.1f}{t_jc / t_pipe:>7.2f}")


if __name__ == "__main__":
    main()
