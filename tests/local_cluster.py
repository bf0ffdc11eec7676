"""The local cluster (deploy/local/cluster.py) for the tests: started once, healed before each fault test.

``started_cluster()`` starts three replicas, HAProxy and PostgreSQL in a fresh folder and stops them at the
end. :func:`healed` brings back whatever an earlier test killed (a replica, the database), so every test
starts from a whole cluster. A cluster that cannot start fails the test with the reason, never skips it.
With ``HAMKORLIK_CLUSTER_IMAGE`` set (e.g. ``localhost/hamkorlik:1.0.0`` from ``make image``) the replicas
run from that image instead of this checkout.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "deploy" / "local"))

from cluster import Cluster, ClusterError, answers  # noqa: E402
from local_postgres import PostgresError  # noqa: E402
from shipped_config import shipped  # noqa: E402

REPLICAS = 3
IMAGE_ENV = "HAMKORLIK_CLUSTER_IMAGE"


@contextmanager
def started_cluster() -> Iterator[Cluster]:
    """A running cluster in a new folder under /tmp (the postgres user must reach it), stopped afterwards."""
    cluster = Cluster(Path(tempfile.mkdtemp(prefix="hamkorlik-cluster-")), image=os.environ.get(IMAGE_ENV, ""))
    try:
        cluster.start(REPLICAS)
    except (ClusterError, PostgresError, OSError) as error:
        cluster.stop()
        pytest.fail(f"the local cluster could not start: {error}\n"
                    "It needs Debian's haproxy and postgresql (`make haproxy postgres`).", pytrace=False)
    try:
        yield cluster
    finally:
        cluster.stop()


def healed(cluster: Cluster) -> Cluster:
    """Restart any replica that is down and PostgreSQL if it is stopped; wait until HAProxy sees all up."""
    if not cluster.postgres.running():
        cluster.postgres.start()
    health = shipped().health_path
    for replica in cluster.replicas:
        if not answers(f"http://127.0.0.1:{replica.port}{health}"):
            cluster.kill_replica(replica.name)
            cluster.restart_replica(replica.name)
    cluster.wait_until_balanced()
    return cluster
