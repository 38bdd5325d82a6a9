"""newsevents releases list | prune: what is published, and removing old releases."""
from __future__ import annotations

import argparse


def _list(args: argparse.Namespace) -> int:
    from newsevents.prune import releases

    found = releases(args.output)
    if not found:
        print(f"no releases in {args.output}")
        return 0
    for r in reversed(found):  # newest first, as people look for the latest
        total = sum(r["rows"].values())
        mark = "  (latest)" if r["latest"] else ""
        print(f"{r['version']:<16} {r['created_at'] or '?':<26} {total:>10} rows  "
              f"{r['path']}{mark}")
        if args.verbose:
            for table, n in r["rows"].items():
                print(f"    {table:<12} {n:>10}")
    return 0


def _prune(args: argparse.Namespace) -> int:
    from newsevents.lock import output_lock
    from newsevents.prune import prune
    from newsevents.storage import work_dir

    work = work_dir(args.output)
    work.mkdir(parents=True, exist_ok=True)
    try:
        # the run's lock: a prune never races a publish into the same output
        with output_lock(work):
            removed = prune(args.output, args.keep, args.dry_run)
    except ValueError as e:
        print(e)
        return 2
    verb = "would remove" if args.dry_run else "removed"
    print(f"{verb} {len(removed)} release(s)" + (": " + " ".join(removed) if removed else ""))
    return 0


def add_parser(sub: argparse._SubParsersAction) -> None:
    rel = sub.add_parser("releases", help="list or prune published releases")
    rsub = rel.add_subparsers(dest="releases_command", required=True)
    ls = rsub.add_parser("list", help="every release, newest first")
    ls.add_argument("--output", default="output", help="output folder or URL (default output/)")
    ls.add_argument("-v", "--verbose", action="store_true", help="rows per table too")
    ls.set_defaults(func=_list)
    pr = rsub.add_parser("prune", help="remove all but the N newest releases (never the latest)")
    pr.add_argument("--keep", type=int, required=True, help="how many of the newest to keep")
    pr.add_argument("--output", default="output", help="output folder or URL (default output/)")
    pr.add_argument("--dry-run", action="store_true", help="say what would go, remove nothing")
    pr.set_defaults(func=_prune)
