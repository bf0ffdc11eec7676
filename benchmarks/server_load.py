"""How the server alone holds up with 1, 10 and 20 sessions moving a lever, without browsers on the same cores.

``load.py`` drives real Chromium sessions; on this 2-core machine the twenty browsers' rendering takes over
90 % of the CPU and the latency it reports is mostly theirs. Colleagues in a ministry each have their own
machine: what they share is the server. This benchmark talks Streamlit's own WebSocket protocol (the
``BackMsg``/``ForwardMsg`` protobufs that ship with Streamlit) from one asyncio process: each session opens
the Explorer, then steps the trade-growth lever as the browser's live levers do on release (a fragment rerun
request carrying the component's ``release`` trigger with the three values), and a step is timed from the
request to the server's ``script_finished``; the server's turnover text must change with every step.

    python benchmarks/server_load.py [--levels 1,10,20] [--steps 15] [--pause 0.5] [--json]
    python benchmarks/server_load.py --cluster [--replicas 3] --levels 1,10,20,50     (make bench-cluster)

It reports p50/p95 per level, the ratio to a single session, errors (a step with no ``script_finished``
within ``--step-timeout`` s, an exception element in the run, a closed socket) and server RSS per session.
With ``--cluster`` the sessions go through the local cluster's load balancer (deploy/local/cluster.py:
HAProxy, the replicas, PostgreSQL), each pinned to the replica HAProxy chose; the table adds each replica's
sessions, CPU (share of one core over the level) and memory.
It reports and never gates: exit 0 whatever the figures, 2 when it could not measure.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import re
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import websockets  # noqa: E402
from latency import OURS, HarnessError, log, machine_info, measure_and_report, percentile, rss_mb, servers  # noqa: E402
from streamlit.proto.BackMsg_pb2 import BackMsg  # noqa: E402
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # noqa: E402

GOAL_P95_RATIO = 2.0
GOAL_LEVEL = 20  # the ratio goal is for twenty colleagues
MAX_SESSIONS = 50
ROUTE = re.compile(r"hamkorlik_route=([^;]+)")


LIVE_LEVERS = "hamkorlik_live_levers"


@dataclass
class Run:
    """What one script run sent: the live levers (id, values, grid, fragment, turnover text) and any exception."""

    finished: bool = False
    exception: bool = False
    live: dict[str, Any] | None = None
    page_hash: str = ""


@dataclass
class ProtocolSession:
    """One Streamlit session over a raw WebSocket."""

    url: str
    socket: Any = None
    replica: str = "server"
    page_hash: str = ""
    live: dict[str, Any] = field(default_factory=dict)
    times_ms: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    seq: int = 0

    async def open(self, timeout_s: float) -> None:
        self.socket = await websockets.connect(self.url, subprotocols=["streamlit"], max_size=2**24)
        if match := ROUTE.search(self.socket.response.headers.get("set-cookie", "")):
            self.replica = match[1]  # the replica the load balancer pinned this session to
        run = await self.request(BackMsg(), timeout_s)
        if run.live is None:
            raise HarnessError("the first run showed no live levers")
        self.live, self.page_hash = run.live, run.page_hash

    async def request(self, message: BackMsg, timeout_s: float) -> Run:
        """Send a rerun request and read messages until the run's ``script_finished``."""
        if not message.HasField("rerun_script"):
            message.rerun_script.query_string = ""
            message.rerun_script.page_script_hash = self.page_hash
        await self.socket.send(message.SerializeToString())
        run = Run()
        deadline = time.monotonic() + timeout_s
        while not run.finished:
            raw = await asyncio.wait_for(self.socket.recv(), max(deadline - time.monotonic(), 0.001))
            read(ForwardMsg.FromString(raw), run)
        return run

    async def step(self, timeout_s: float) -> None:
        live = self.live
        growth = live["growth"]
        value = round(live["values"]["trade_growth"] + growth["step"], 6)
        if value > growth["max"] + 1e-9:
            value = growth["min"]
        self.seq += 1
        message = BackMsg()
        state = message.rerun_script
        state.query_string, state.page_script_hash = "", self.page_hash
        if live["fragment_id"]:
            state.fragment_id = live["fragment_id"]
        # What the browser sends on release (setTriggerValue("release", …)): the component's one trigger widget,
        # "<internal prefix><component id>__events", holding a JSON list of {event, value}.
        # The browser also sends the component's own (here empty) state, without which Streamlit hides the
        # trigger from the callback on the first release.
        own = state.widget_states.widgets.add()
        own.id, own.json_value = live["id"], "{}"
        widget = state.widget_states.widgets.add()
        widget.id = f"$$STREAMLIT_INTERNAL_KEY_{live['id']}__events"
        widget.json_trigger_value = json.dumps(
            [{"event": "release", "value": {**live["values"], "trade_growth": value, "seq": self.seq}}])
        start = time.perf_counter()
        try:
            run = await self.request(message, timeout_s)
        except (TimeoutError, websockets.ConnectionClosed) as error:
            self.errors.append(f"{type(error).__name__}: {error}")
            return
        self.times_ms.append((time.perf_counter() - start) * 1000)
        if run.exception:
            self.errors.append("the run showed an exception")
        elif run.live is None or run.live["turnover"] == live["turnover"]:  # the step must reach the model
            self.errors.append(f"the turnover did not change: {live['turnover']}")
        elif abs(run.live["values"]["trade_growth"] - value) > 1e-9:
            self.errors.append(f"the server did not take the released value {value}: {run.live['values']}")
        else:
            self.live = {**run.live, "fragment_id": run.live["fragment_id"] or live["fragment_id"]}

    async def close(self) -> None:
        if self.socket is not None:
            await self.socket.close()


def read(message: ForwardMsg, run: Run) -> None:
    """Fold one server message into what the run has shown so far."""
    kind = message.WhichOneof("type")
    if kind == "new_session":
        run.page_hash = message.new_session.page_script_hash
    elif kind == "script_finished":
        run.finished = True
    elif kind == "delta" and message.delta.WhichOneof("type") == "new_element":
        element = message.delta.new_element
        if element.WhichOneof("type") == "exception":
            run.exception = True
        elif element.WhichOneof("type") == "bidi_component" and element.bidi_component.component_name == LIVE_LEVERS:
            # Sent as UTF-8 JSON bytes (ui.render.element_data), as JSON text before
            component = element.bidi_component
            data = json.loads(component.bytes.decode("utf-8") if component.bytes else component.json)
            run.live = {"id": element.bidi_component.id, "values": data["values"],
                        "fragment_id": message.delta.fragment_id,
                        "growth": next(lever for lever in data["levers"] if lever["key"] == "trade_growth"),
                        "turnover": data["server"]["texts"]["turnover"], "label": "live levers: trade growth"}


async def drive(session: ProtocolSession, steps: int, pause_s: float, timeout_s: float, rng: random.Random) -> None:
    await asyncio.sleep(rng.uniform(0, pause_s))  # desynchronise the sessions' first steps
    for _ in range(steps):
        await session.step(timeout_s)
        await asyncio.sleep(pause_s * rng.uniform(0.5, 1.5))


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process and its children so far, s."""
    import psutil

    try:
        process = psutil.Process(pid)
        times = [process.cpu_times(), *(child.cpu_times() for child in process.children(recursive=True))]
    except psutil.Error:
        return float("nan")
    return sum(t.user + t.system for t in times)


def per_replica(pids: dict[str, int], cpu_before: dict[str, float], elapsed: float,
                sessions: list[ProtocolSession]) -> dict[str, dict[str, Any]]:
    """Each replica's sessions, CPU (% of one core over ``elapsed``) and resident memory now."""
    return {name: {"sessions": sum(s.replica == name for s in sessions),
                   "cpu_pct": round((cpu_seconds(pid) - cpu_before[name]) / elapsed * 100, 1),
                   "rss_mb": rss_mb(pid)} for name, pid in pids.items()}


async def measure(url: str, pids: dict[str, int], args: argparse.Namespace) -> dict[str, Any]:
    rng = random.Random(args.seed)
    sessions: list[ProtocolSession] = []
    levels = []
    idle = sum(rss_mb(pid) or 0 for pid in pids.values())
    try:
        for level in args.levels:
            while len(sessions) < level:
                session = ProtocolSession(url)
                await session.open(args.timeout)
                sessions.append(session)
            for session in sessions:
                session.times_ms, session.errors = [], []
            cpu_before = {name: cpu_seconds(pid) for name, pid in pids.items()}
            start = time.monotonic()
            await asyncio.gather(*(drive(s, args.steps, args.pause, args.step_timeout, rng) for s in sessions))
            replicas = per_replica(pids, cpu_before, time.monotonic() - start, sessions)
            times = [t for s in sessions for t in s.times_ms]
            errors = [e for s in sessions for e in s.errors]
            await asyncio.sleep(args.settle)
            levels.append({"sessions": level, "steps_ok": len(times), "steps": level * args.steps,
                           "errors": len(errors), "error_samples": errors[:5],
                           "p50_ms": round(percentile(times, 0.5), 1) if times else None,
                           "p95_ms": round(percentile(times, 0.95), 1) if times else None,
                           "max_ms": round(max(times), 1) if times else None,
                           "rss_mb": round(sum(rss_mb(pid) or 0 for pid in pids.values()), 1),
                           "replicas": replicas, "time_s": round(time.monotonic() - start, 1)})
            log(f"level {level}: p50 {levels[-1]['p50_ms']} ms, p95 {levels[-1]['p95_ms']} ms, "
                f"errors {len(errors)}, RSS {levels[-1]['rss_mb']} MB")
    finally:
        await asyncio.gather(*(s.close() for s in sessions), return_exceptions=True)
    live = sessions[0].live if sessions else {}
    return {"idle_rss_mb": round(idle, 1), "levels": levels, "slider": live.get("label"),
            "fragment": bool(live.get("fragment_id"))}


def verdicts(out: dict[str, Any]) -> list[tuple[bool, str]]:
    levels = out["levels"]
    first = levels[0]
    last = next((level for level in levels if level["sessions"] == GOAL_LEVEL), levels[-1])
    errors = sum(level["errors"] for level in levels)
    ratio = last["p95_ms"] / first["p95_ms"] if first["p95_ms"] and last["p95_ms"] else float("inf")
    ratio_text = (f"p95 at {last['sessions']} sessions <= {GOAL_P95_RATIO:g}x p95 at {first['sessions']}: "
                  f"{ratio:.2f}x ({last['p95_ms']} ms / {first['p95_ms']} ms)")
    return [(errors == 0, f"0 errors at every level: {errors}"), (ratio <= GOAL_P95_RATIO, ratio_text)]


def print_table(out: dict[str, Any]) -> None:
    info = out["machine"]
    print(f"Hamkorlik {out.get('target', 'one server')} under load, no browsers - "
          f"Streamlit {info.get('streamlit')}, {info.get('cpus')} CPUs, "
          f"load average {info.get('loadavg_1m')} at start\ncommit {info.get('commit')}\n"
          f"each session: Streamlit's WebSocket protocol, {out['steps']} steps of {out['slider']!r} "
          f"({'fragment rerun' if out['fragment'] else 'full rerun'}), pause {out['pause_s']:g} s +-50 %\n")
    header = ["sessions", "steps ok", "errors", "p50 ms", "p95 ms", "max ms", "p95 / 1 session", "RSS MB",
              "MB/extra session"]
    rows = [header, ["idle", "", "", "", "", "", "", str(out["idle_rss_mb"]), ""]]
    first = out["levels"][0]
    for level in out["levels"]:
        extra = level["sessions"] - first["sessions"]
        per = (level["rss_mb"] - first["rss_mb"]) / extra if extra else None
        ratio = level["p95_ms"] / first["p95_ms"] if level["p95_ms"] and first["p95_ms"] else None
        rows.append([str(level["sessions"]), f"{level['steps_ok']}/{level['steps']}", str(level["errors"]),
                     str(level["p50_ms"]), str(level["p95_ms"]), str(level["max_ms"]),
                     f"{ratio:.2f}x" if ratio else "", str(level["rss_mb"]), f"{per:.2f}" if per else ""])
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    for index, row in enumerate(rows):
        print("  ".join(cell.rjust(width) for cell, width in zip(row, widths, strict=True)))
        if index == 0:
            print("  ".join("-" * width for width in widths))
    if len(first.get("replicas", {})) > 1:
        print("\nper replica (sessions / CPU % of one core over the level / RSS MB):")
        for level in out["levels"]:
            cells = [f"{name} {r['sessions']} / {r['cpu_pct']} % / {r['rss_mb']} MB"
                     for name, r in level["replicas"].items()]
            print(f"  {level['sessions']:>3} sessions: " + "   ".join(cells))
    print()
    for passed, text in verdicts(out):
        print(f"{'PASS' if passed else 'FAIL'}  {text}")


@contextmanager
def single_target() -> Iterator[tuple[str, dict[str, int]]]:
    """One ``streamlit run`` of the app: its stream URL and process."""
    with servers([OURS.script]) as (server,):
        yield f"ws://127.0.0.1:{server.port}/_stcore/stream", {"server": server.pid}


@contextmanager
def cluster_target(replicas: int) -> Iterator[tuple[str, dict[str, int]]]:
    """The local cluster (deploy/local/cluster.py): the load balancer's stream URL and each replica's process."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "deploy" / "local"))
    from cluster import Cluster

    cluster = Cluster(Path(tempfile.mkdtemp(prefix="hamkorlik-bench-cluster-")))
    try:
        cluster.start(replicas)
        yield f"ws://127.0.0.1:{cluster.lb_port}/_stcore/stream", {r.name: r.pid for r in cluster.replicas}
    finally:
        cluster.stop()


def parse_levels(text: str) -> list[int]:
    levels = sorted({int(part) for part in text.split(",") if part.strip()})
    if not levels or levels[0] < 1 or levels[-1] > MAX_SESSIONS:
        raise argparse.ArgumentTypeError(f"levels between 1 and {MAX_SESSIONS}, e.g. 1,10,20")
    return levels


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--levels", type=parse_levels, default=[1, 10, 20], help="sessions per level (default 1,10,20)")
    parser.add_argument("--steps", type=int, default=15, help="lever steps per session and level (default 15)")
    parser.add_argument("--pause", type=float, default=0.5, help="pause between a session's steps, s (default 0.5)")
    parser.add_argument("--settle", type=float, default=1.0, help="wait before reading RSS, s (default 1)")
    parser.add_argument("--timeout", type=float, default=60, help="first run timeout, s (default 60)")
    parser.add_argument("--step-timeout", type=float, default=30, help="step timeout, s (default 30)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the pause jitter (default 1)")
    parser.add_argument("--json", action="store_true", help="print JSON only on stdout")
    parser.add_argument("--cluster", action="store_true", help="through the local cluster's load balancer")
    parser.add_argument("--replicas", type=int, default=3, help="replicas of the cluster (default 3)")
    args = parser.parse_args(argv)

    def measured() -> dict[str, Any]:
        target = cluster_target(args.replicas) if args.cluster else single_target()
        with target as (url, pids):
            out = asyncio.run(measure(url, pids, args))
        out.update(machine=machine_info(), steps=args.steps, pause_s=args.pause,
                   target=f"cluster of {args.replicas} replicas behind HAProxy" if args.cluster else "one server")
        out["verdicts"] = [{"passed": passed, "text": text} for passed, text in verdicts(out)]
        return out

    return measure_and_report(measured, args.json, print_table)

if __name__ == "__main__":
    sys.exit(main())
