"""`netblame batch` throughput and peak memory on a synthetic ticket archive.

Builds N tickets of 2-5 KB (lab transcripts with a ticket's prose around them, their
destination address varied), writes them as files in a temporary directory, and
times `python -m analyzer batch DIR --jobs J --out FILE` as a fresh process while
sampling the resident memory of its whole process tree (parent, forkserver, workers).

Run: python benchmarks/batch_throughput.py [--counts 1000 10000] [--jobs 2]
Linux only (reads /proc).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LAB = ROOT / "fixtures" / "lab"
PAGE = os.sysconf("SC_PAGE_SIZE")

OPENINGS = [
    "Hello network team,\n\nsince this morning {host} cannot reach {dest}. The order screen "
    "times out for every user of the branch office. Nothing changed on our side as far as "
    "we know; the last deployment was two weeks ago.\n",
    "Hi,\n\nour batch job on {host} fails to connect to {dest} (connection timed out). It "
    "worked yesterday evening. Below is what the terminal showed, copied as is.\n",
    "お疲れ様です。アプリチームの山田です。\n{host} から {dest} に疎通できません。"
    "昨日までは問題ありませんでした。ターミナルの出力を貼ります。\n",
]
MIDDLE = [
    "\nThen I checked the routes and the gateway as your guide says:\n",
    "\nMore output from the same session:\n",
    "\nAnd from the other terminal:\n",
]
CLOSINGS = [
    "\nCould you please check the path between the firewalls? The change window is "
    "tonight at 22:00.\n\nThanks in advance,\nTaro Yamada (app team), ext. 1234\n",
    "\nPlease tell me if you need anything else (switch port, VLAN number...).\n\n"
    "Best regards,\nops on-call\n",
    "\nよろしくお願いします。\n山田\n",
]
FILLER = ("Note: the monitoring dashboard shows the service as degraded since 09:12 JST; "
          "the load balancer health checks still pass. ")


def tickets(count: int, seed: int = 1) -> Iterator[bytes]:
    """`count` tickets of 2-5 KB: prose, one or two lab transcripts, prose."""
    rng = random.Random(seed)
    lab = [p.read_text(encoding="utf-8") for p in sorted(LAB.glob("*.txt"))]
    for _ in range(count):
        target = rng.randint(2048, 5120)
        dest = f"203.0.113.{rng.randint(10, 250)}"
        parts = [rng.choice(OPENINGS).format(host=f"app{rng.randint(1, 99):02d}", dest=dest)]
        size = len(parts[0].encode())
        while True:
            transcript = rng.choice(lab).replace("203.0.113.10", dest)
            if size + len(transcript.encode()) > target - 200 and len(parts) > 1:
                break
            parts += [transcript, rng.choice(MIDDLE)]
            size += len(transcript.encode()) + len(parts[-1].encode())
        body = ("".join(parts[:-1]) + rng.choice(CLOSINGS)).encode()
        missing = max(0, target - len(body) - 1)
        yield body + (FILLER * (missing // len(FILLER) + 1))[:missing].encode() + b"\n"


def _tree_rss(root: int) -> tuple[int, int]:
    """Resident bytes of `root` and all its descendants, and of the largest of them."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            parents[int(entry)] = int(stat.rsplit(")", 1)[1].split()[1])
    tree, frontier = {root}, [root]
    while frontier:
        pid = frontier.pop()
        children = [p for p, ppid in parents.items() if ppid == pid]
        tree.update(children)
        frontier += children
    sizes = []
    for pid in tree:
        try:
            sizes.append(int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE)
        except (OSError, IndexError):
            continue
    return sum(sizes), max(sizes, default=0)


def measure(directory: Path, count: int, jobs: int, chunk: int | None) -> dict[str, float]:
    """Run the batch on `directory`; wall time, rates and peak RSS."""
    out = directory.parent / f"out-{count}.jsonl"
    summary = directory.parent / f"summary-{count}.json"
    cmd = [sys.executable, "-m", "analyzer", "batch", str(directory), "--jobs", str(jobs),
           "--out", str(out), "--summary-json", str(summary), "--no-progress"]
    if chunk:
        cmd += ["--chunk", str(chunk)]
    peak = largest = 0
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT)
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak, largest
        while not stop.wait(0.1):
            total, biggest = _tree_rss(proc.pid)
            peak, largest = max(peak, total), max(largest, biggest)

    sampler = threading.Thread(target=sample)
    sampler.start()
    code = proc.wait()
    wall = time.perf_counter() - started
    stop.set()
    sampler.join()
    if code not in (0, 1):
        sys.exit(f"netblame batch failed with exit code {code}")
    lines = sum(1 for _ in out.open(encoding="utf-8"))
    doc = json.loads(summary.read_text(encoding="utf-8"))
    assert lines == count == doc["total"], (lines, count, doc["total"])
    return {
        "tickets": count,
        "wall_s": wall,
        "tickets_per_s": count / wall,
        "run_tickets_per_s": doc["tickets_per_s"],
        "peak_rss_tree_mb": peak / 2**20,
        "peak_rss_largest_process_mb": largest / 2**20,
        "ok": doc["status"]["ok"],
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--counts", type=int, nargs="+", default=[1000, 10_000])
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--chunk", type=int, default=None, help="--chunk for netblame batch")
    args = ap.parse_args()
    print(f"{'tickets':>8} {'wall s':>7} {'tickets/s':>10} {'(run loop)':>10} "
          f"{'peak RSS tree MB':>17} {'largest proc MB':>16}")
    with tempfile.TemporaryDirectory(prefix="nb-bench-") as tmp:
        for count in args.counts:
            directory = Path(tmp) / f"tickets-{count}"
            directory.mkdir()
            sizes = []
            for i, data in enumerate(tickets(count)):
                (directory / f"ticket-{i:06d}.txt").write_bytes(data)
                sizes.append(len(data))
            r = measure(directory, count, args.jobs, args.chunk)
            print(f"{count:>8} {r['wall_s']:>7.2f} {r['tickets_per_s']:>10.0f} "
                  f"{r['run_tickets_per_s']:>10.0f} {r['peak_rss_tree_mb']:>17.0f} "
                  f"{r['peak_rss_largest_process_mb']:>16.0f}   "
                  f"(sizes {min(sizes)}-{max(sizes)} B, {r['ok']} ok)")


if __name__ == "__main__":
    main()
