"""Several uvicorn workers, each on its own listening socket with ``SO_REUSEPORT`` (Linux).

uvicorn's own supervisor binds one socket and hands it to every worker; each worker's event
loop then races to accept. Under keep-alive load (an EHR's connection pool, the HTTP bench)
one worker won nearly every connection: with 2 workers and 20 clients one process did 99 % of
the work and the second core idled. Here every worker binds the port itself with
``SO_REUSEPORT``, and the kernel spreads new connections over the workers' sockets.

A worker builds and warms the runtime before it binds, so no connection waits in the backlog
of a worker that is still starting. A worker that exits is started again; one that fails
during start-up (a bad setting, the port taken by another program) stops the server.
"""

from __future__ import annotations

import multiprocessing
import signal
import socket
import sys
import threading
from multiprocessing.process import BaseProcess
from typing import Any

__all__ = ["reuse_port_supported", "run_workers"]


#: uvicorn's exit code for a worker that failed before it served (``uvicorn.config``).
_STARTUP_FAILURE = 3
#: How long stopping workers may take before they are killed (seconds).
_STOP_S = 30.0


def _say(message: str) -> None:
    # the supervisor's own lines go to stderr as they are: the CLI keeps the root logger quiet
    print(f"calcidx serve: {message}", file=sys.stderr, flush=True)


def reuse_port_supported() -> bool:
    """Whether the kernel spreads connections over ``SO_REUSEPORT`` sockets (Linux)."""
    return sys.platform.startswith("linux") and hasattr(socket, "SO_REUSEPORT")


def _listen(host: str, port: int, backlog: int) -> socket.socket:
    family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
    sock = socket.create_server((host, port), family=family, backlog=backlog, reuse_port=True)
    sock.set_inheritable(True)
    return sock


def _worker(options: dict[str, Any]) -> None:
    """One worker process: warm the runtime, then bind and serve (runs in a spawned process)."""
    import uvicorn

    from calcidx.api.engine import warm_runtime

    config = uvicorn.Config(**options)
    config.configure_logging()
    try:
        warm_runtime()  # the process-wide runtime: the lifespan's own warm-up is then quick
        sock = _listen(config.host, config.port, config.backlog)
    except OSError as exc:
        _say(f"cannot listen on {config.host}:{config.port}: {exc.strerror or exc}")
        sys.exit(_STARTUP_FAILURE)
    uvicorn.Server(config).run(sockets=[sock])


def run_workers(options: dict[str, Any], workers: int) -> int:
    """Run ``workers`` uvicorn servers on ``options`` (``uvicorn.Config`` keyword arguments,
    ``host`` and ``port`` included) until SIGINT or SIGTERM; the exit status.

    Returns:
        0 after a requested stop, 1 when a worker failed during start-up.
    """
    context = multiprocessing.get_context("spawn")
    stop = threading.Event()
    failed = False

    def start() -> BaseProcess:
        process = context.Process(target=_worker, args=(options,), name="calcidx-worker")
        process.start()
        return process

    def request_stop(signum: int, _frame: object) -> None:
        _say(f"signal {signum}: stopping {workers} worker(s)")
        stop.set()

    previous = {sig: signal.signal(sig, request_stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    processes = [start() for _ in range(workers)]
    try:
        while not stop.wait(0.5):
            for index, process in enumerate(processes):
                if process.is_alive():
                    continue
                if process.exitcode == _STARTUP_FAILURE:
                    failed = True
                    stop.set()
                    break
                _say(f"worker pid={process.pid} exited with {process.exitcode}; starting another")
                processes[index] = start()
    finally:
        for process in processes:
            if process.is_alive():
                process.terminate()  # SIGTERM: uvicorn finishes the requests in flight
        for process in processes:
            process.join(_STOP_S)
            if process.is_alive():
                process.kill()
                process.join()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    return 1 if failed else 0
