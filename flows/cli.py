"""Command line: newsevents run | evaluate | releases | serve."""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from flows.runners import RUNNERS
from flows.settings import configure


def _run(args: argparse.Namespace) -> int:
    configure()
    from flows.runners import extraction_processes
    from flows.server import prefect_api

    processes = extraction_processes(args.task_runner or ("dask" if args.dask_address else None),
                                     args.workers)

    def meanwhile() -> None:
        if processes:
            from newsevents.workers import prewarm
            prewarm(processes)  # the lexicons load while the server starts
        import flows.pipeline  # noqa: F401 - pandas, pyarrow, pandera: also while it starts

    # Once prefect is imported (a caller in this process already ran a flow), its
    # settings are fixed and it keeps its own server: don't start another.
    if "prefect" in sys.modules:
        meanwhile()
        return _run_flow(args, processes)
    log = Path(os.environ["PREFECT_HOME"]) / "server.log"  # set by configure()
    with prefect_api(before_wait=meanwhile, log=log):
        return _run_flow(args, processes)


def _run_flow(args: argparse.Namespace, processes: int) -> int:
    from flows.pipeline import pipeline
    from flows.runners import make_task_runner
    from newsevents.assemble import ValidationFailed

    runner = make_task_runner(args.task_runner, args.workers, args.dask_address)
    try:
        summary = pipeline.with_options(task_runner=runner)(
            raw=args.raw, output=args.output, batch_size=args.batch_size,
            max_bytes=args.max_bytes, processes=processes)
    except ValidationFailed as e:
        where = getattr(e, "failures_path", None) or Path(args.output) / "failures"
        print(f"validation failed: {e}. Nothing was published; the previous release is still "
              f"latest. Failure cases: {where}", file=sys.stderr)
        return 1
    _print_summary(summary)
    if args.summary_json:
        Path(args.summary_json).write_text(json.dumps(summary, indent=2) + "\n")
    return 0


def _print_summary(s: dict) -> None:
    if s["changed"]:
        print(f"published {s['version']} at {s['path']}")
    else:
        print(f"no changes since {s['version']}: nothing published ({s['path']})")
    print(f"documents {s['documents']}  rejections {s['rejections']}  "
          f"extracted {s['extracted']}  reused {s['reused']}  "
          f"{s['seconds']:.1f} s  {s['mb_per_s']:.3f} MB/s")
    width = max(len(t) for t in s["rows"])
    for table, n in s["rows"].items():
        print(f"  {table:<{width}}  {n:>8} rows")


def _evaluate(args: argparse.Namespace) -> int:
    from evaluation.report import run_all

    return run_all(Path(args.corpus), args.json)


def _serve(args: argparse.Namespace) -> int:
    configure()
    from flows.serve import serve

    serve(args.cron, args.raw, args.output, args.batch_size, args.task_runner, args.workers)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="newsevents", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    run = sub.add_parser("run", help="extract raw/ and publish a release into output/")
    run.add_argument("--raw", default="raw", help="input folder (default raw/)")
    run.add_argument("--output", default="output", help="output folder (default output/)")
    run.add_argument("--batch-size", type=int, default=None,
                     help="documents per task (default: batches shrink from 1000 to 20 "
                          "documents toward the end of the run)")
    run.add_argument("--max-bytes", type=int, default=10 * 1024 * 1024,
                     help="inputs larger than this are rejected unread (default 10 MB)")
    run.add_argument("--task-runner", choices=RUNNERS, default=None,
                     help="where extraction batches run (default: process on a multi-core "
                          "machine, dask when --dask-address is given)")
    run.add_argument("--summary-json", default=None, help="also write the run summary here")
    run.add_argument("--workers", type=int, default=None, help="worker count (default: cores)")
    run.add_argument("--dask-address", default=None,
                     help="scheduler of an existing Dask cluster, e.g. tcp://10.0.0.5:8786")
    run.set_defaults(func=_run)

    srv = sub.add_parser("serve", help="serve the flow as a Prefect deployment on a schedule")
    srv.add_argument("--cron", required=True, help='cron schedule, e.g. "0 * * * *"')
    srv.add_argument("--raw", default="raw")
    srv.add_argument("--output", default="output")
    srv.add_argument("--batch-size", type=int, default=None)
    srv.add_argument("--task-runner", choices=RUNNERS, default=None)
    srv.add_argument("--workers", type=int, default=None)
    srv.set_defaults(func=_serve)

    ev = sub.add_parser("evaluate", help="score the extractors on the development corpus")
    ev.add_argument("--corpus", default=str(Path(__file__).resolve().parents[2] / "shared"
                                            / "corpus"), help="corpus folder")
    ev.add_argument("--json", default=None, help="also write the scores as JSON here")
    ev.set_defaults(func=_evaluate)

    __import__("flows.cli_releases").cli_releases.add_parser(sub)  # newsevents releases ...
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
