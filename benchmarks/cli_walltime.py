"""Wall time of whole CLI runs on a small transcript: netblame parse/analyze vs jc --ping.

Each command runs --runs times as a fresh process; the median is printed. The first row
is Python starting and importing click and lark, which every netblame run does first.
Run: python benchmarks/cli_walltime.py  (needs `pip install '.[bench]'`)
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SMALL = ROOT / "fixtures" / "lab" / "path-timeout.txt"


def ping_only(text: str) -> str:
    """The first ping output of the transcript, without its prompt line (what jc reads)."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("PING "))
    end = next(i for i in range(start, len(lines)) if lines[i].startswith(("rtt", "[root")))
    if lines[end].startswith("[root"):  # an interrupted run: no rtt line, the next prompt
        end -= 1
    return "\n".join(lines[start:end + 1]).rstrip("\n") + "\n"


def median_time(cmd: list[str], stdin: bytes, runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, input=stdin, stdout=subprocess.DEVNULL, check=True)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=20)
    args = ap.parse_args()
    transcript = SMALL.read_bytes()
    ping = ping_only(transcript.decode()).encode()
    netblame = shutil.which("netblame") or sys.exit("netblame is not installed")
    jc = shutil.which("jc") or sys.exit("jc is not installed: pip install '.[bench]'")
    rows = [
        ("python -c 'import click, lark' (netblame's floor)",
         [sys.executable, "-c", "import click, lark"], b""),
        ("jc --ping (ping output)", [jc, "--ping"], ping),
        ("netblame parse --format json (ping output)", [netblame, "parse", "--format", "json"],
         ping),
        ("netblame parse --format json (transcript)", [netblame, "parse", "--format", "json"],
         transcript),
        ("netblame analyze --format json (transcript)",
         [netblame, "analyze", "--format", "json"], transcript),
    ]
    results = {}
    for label, cmd, data in rows:
        results[label] = median_time(cmd, data, args.runs)
        print(f"{label:<52}{results[label] * 1000:8.1f} ms")
    jc_t = results["jc --ping (ping output)"]
    parse_t = results["netblame parse --format json (transcript)"]
    print(f"netblame parse (ping) / jc --ping: "
          f"{results['netblame parse --format json (ping output)'] / jc_t:.2f}")
    print(f"netblame analyze / netblame parse (transcript): "
          f"{results['netblame analyze --format json (transcript)'] / parse_t:.2f}")


if __name__ == "__main__":
    main()
