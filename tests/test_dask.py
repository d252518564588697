"""``--executor dask`` runs the same unit of work on a Dask cluster and writes the same bytes."""

from __future__ import annotations

import pytest

from tests.support.newspaper import write_corpus
from tests.support.outputs import summary, tree

pytest.importorskip("distributed", reason="Dask comes with the newsclean[dask] extra: pip install -e '.[dask]'")


def test_a_local_dask_cluster_writes_byte_for_byte_what_the_process_pool_writes(cli, tmp_path):
    corpus = tmp_path / "dumps"
    write_corpus(corpus, 40, seed=3, articles=3, paragraphs=3)
    (corpus / "issue0000" / "broken.txt").write_bytes(b"\x00\x01binary")
    pool = cli("batch", corpus, "-o", tmp_path / "pool", "-j", 2)
    dask = cli("batch", corpus, "-o", tmp_path / "dask", "-j", 2, "--executor", "dask")
    assert pool.exit_code == dask.exit_code == 1  # the broken page fails the same way
    assert tree(tmp_path / "dask") == tree(tmp_path / "pool")
    assert summary(dask.stderr)["cleaned"] == 40
    rerun = cli("batch", corpus, "-o", tmp_path / "dask", "-j", 2, "--executor", "dask")
    assert summary(rerun.stderr)["unchanged (skipped)"] == 40


def test_an_existing_scheduler_is_used_when_given_by_address(cli, tmp_path):
    from distributed import LocalCluster

    corpus = tmp_path / "dumps"
    write_corpus(corpus, 6, seed=4, articles=2, paragraphs=2)
    local = cli("batch", corpus, "-o", tmp_path / "local", "-j", 1)
    with LocalCluster(n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None) as cluster:
        remote = cli("batch", corpus, "-o", tmp_path / "remote", "--scheduler", cluster.scheduler_address)
        assert remote.exit_code == local.exit_code == 0
    assert tree(tmp_path / "remote") == tree(tmp_path / "local")
