"""The production server `skillpath serve` runs: gunicorn with threaded workers.

Chosen by a measurement on our own pages (docs/adr/0003-production-server.md): as fast as
granian here, with shorter tails, and the server Django documents. Several processes share
nothing but the database (and Redis, where configured), so any number of them may run.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

from django.conf import settings

THREADS = 4  # per worker: a request mostly waits on the database, so a few threads pay off


def default_workers() -> int:
    """One process on a laptop (a single learner); on a server, one per core, at least two
    (so that a slow request never holds up everyone)."""
    if settings.LOCAL_MODE:
        return 1
    return max(2, os.cpu_count() or 1)


@dataclass(frozen=True)
class ServerOptions:
    host: str
    port: int
    workers: int
    threads: int = THREADS

    def gunicorn_config(self) -> dict[str, Any]:
        config: dict[str, Any] = {
            "bind": f"{self.host}:{self.port}",
            "workers": self.workers,
            "worker_class": "gthread",
            "threads": self.threads,
            # Our own middleware writes one line per request (with its request id); the
            # server's access log would repeat it.
            "accesslog": None,
            "errorlog": "-",
            "loglevel": "warning",
            "timeout": 60,
            # Longer than a reader's pause between two clicks, and than the idle timeout of
            # most proxies in front (nginx: 75 s upstream, but browsers reuse within seconds):
            # a connection closed while the client reuses it is a failed request.
            "keepalive": 5,
            "graceful_timeout": 30,
            # A worker is replaced after this many requests (plus jitter), so a slow leak
            # in a dependency never grows without bound.
            "max_requests": 5000,
            "max_requests_jitter": 500,
        }
        config["child_exit"] = _child_exit
        if settings.BEHIND_PROXY:
            # The proxy in front sets X-Forwarded-*; Django reads them (settings), and
            # gunicorn must not strip them.
            config["forwarded_allow_ips"] = "*"
        return config


def _child_exit(server: Any, worker: Any) -> None:
    from skillpath.ops.metrics import worker_exited

    worker_exited(worker.pid)


def prepare_metrics_directory(workers: int) -> None:
    """Several workers add up their metrics through files (prometheus-client's multiprocess
    mode), in a directory emptied at each start. It must be set before prometheus-client is
    first imported, so before the application loads."""
    if workers < 2 or os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        return
    directory = settings.DATA_DIR / "metrics"
    directory.mkdir(parents=True, exist_ok=True)
    for stale in directory.glob("*.db"):
        stale.unlink()
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = str(directory)


def run(options: ServerOptions) -> None:
    """Serve until interrupted (blocks). Raises ImportError where gunicorn cannot run."""
    prepare_metrics_directory(options.workers)
    from gunicorn.app.base import BaseApplication

    from skillpath.config.wsgi import application

    class Server(BaseApplication):  # type: ignore[misc]
        def load_config(self) -> None:
            for key, value in options.gunicorn_config().items():
                self.cfg.set(key, value)

        def load(self) -> Any:
            return application

    Server().run()
