"""`netblame batch --scheduler`: the same archive on a Dask LocalCluster gives the same
records as the local process pool (elapsed times aside)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_batch_cli import build_corpus, check, records_of, run_batch

distributed = pytest.importorskip("distributed")


def test_dask_local_cluster_equals_the_local_run(tmp_path: Path) -> None:
    inputs, stdin, expect = build_corpus(tmp_path)
    common = [*inputs, "-", "--ordered", "--max-bytes", "256K", "--timeout", "5"]
    local = tmp_path / "local.jsonl"
    assert run_batch([*common, "--out", str(local), "--jobs", "2"], stdin).exit_code == 1
    remote = tmp_path / "dask.jsonl"
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False,
                                  dashboard_address=None) as cluster:
        result = run_batch([*common, "--out", str(remote), "--scheduler",
                            cluster.scheduler_address, "--summary-json", "-"], stdin)
    assert result.exit_code == 1, result.output
    dask_records = records_of(remote)
    check(dask_records, expect)

    def strip(records: list[dict[str, object]]) -> list[dict[str, object]]:
        return [{k: v for k, v in r.items() if k != "elapsed_ms"} for r in records]

    assert strip(dask_records) == strip(records_of(local))
    assert json.loads(result.stdout)["total"] == len(expect)
