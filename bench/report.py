"""The tables the benchmarks print, with the targets they are read against.

Targets are reported, never enforced: the figures are measurements, not tests.
"""

import os

BENCH_TARGETS = "uncached article >= 20 % of the ceiling, cached pages >= 90 %, p99 < 50 ms"
NEWSROOM_TARGETS = "drafts >= 95 % of quiet, edits >= 80 % of quiet, p99 < 100 ms in every phase"


def print_bench_report(args, pages, rows, results, counts, sizes, memory, nginx_rows, modes):
    ceiling = results.get(("ceiling", "uncached"), {}).get("rps") or results.get(
        ("ceiling", modes[0]), {}
    ).get("rps")
    workers = f"{args.workers} {args.worker_class} workers" + (
        f" × {args.threads} threads" if args.worker_class == "gthread" else ""
    )
    print()
    print(
        f"Khabarayn at {args.stories:,} stories: gunicorn {workers}, wrk {args.connections} "
        f"connections, {args.duration} s a row, best of {args.rounds} rounds, "
        f"{os.cpu_count()} cores shared by all."
    )
    header = (
        f"{'page':<24}{'mode':<10}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}"
        f"{'SQL/req':>9}{'of ceiling':>12}{'bytes':>9}"
    )
    print(header)
    print("-" * len(header))
    for name, _ in rows:
        for mode in modes:
            result = results.get((name, mode))
            if not result:
                continue
            queries = counts.get((name, mode), 0 if name == "ceiling" else None)
            print(
                f"{name:<24}{mode:<10}{fmt(result['rps'], 0):>9}{fmt(result['p50'], 1):>9}"
                f"{fmt(result['p99'], 1):>9}{fmt(queries, 0):>9}"
                f"{percent(result['rps'], ceiling):>12}"
                f"{fmt(sizes.get(name, sizes.get('article')), 0):>9}"
                + (f"  ({result['errors']} errors)" if result["errors"] else "")
            )
    for name, _ in pages:
        if name not in sizes:
            print(f"{name:<24}n/a: not available in this checkout")
    if nginx_rows:
        limit = nginx_rows[-1][1]["rps"]
        print("-" * len(header))
        for name, result, status in nginx_rows:
            print(
                f"{name:<24}{status:<10}{fmt(result['rps'], 0):>9}{fmt(result['p50'], 1):>9}"
                f"{fmt(result['p99'], 1):>9}{'0':>9}{percent(result['rps'], limit):>12}"
                "  (of the static file)"
            )
    print()
    print("Ceiling: /bench/ceiling/ (bench/urls.py), the page cache bypassed; ratios are to it.")
    for mode, peak in memory.items():
        print(f"Peak RSS of a gunicorn worker ({mode} run): {fmt(peak, 0)} MiB")
    print(f"Targets (reported, not enforced): {BENCH_TARGETS}.")
    for name, url in pages:
        if url is not None:
            print(f"  {name}: {url}")


def print_newsroom_report(args, results):
    print()
    print(
        f"Khabarayn at {args.stories:,} stories while the newsroom works: readers on the newest "
        f"{args.newest:,} stories (Zipf {args.zipf}) and 1 in 10 on home or a section; "
        f"gunicorn {args.workers} gthread workers × {args.threads} threads, wrk "
        f"{args.connections} connections, {args.warm_up} s warm-up and {args.duration} s a "
        "phase, one save every "
        f"{args.interval:g} s in drafts and edits; 2 cores shared by all."
    )
    header = (
        f"{'phase':<10}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'cache hits':>12}"
        f"{'saves':>7}{'of quiet':>10}"
    )
    print(header)
    print("-" * len(header))
    quiet = results.get("quiet", {}).get("rps")
    for phase, result in results.items():
        print(
            f"{phase:<10}{fmt(result['rps'], 0):>9}{fmt(result['p50'], 1):>9}"
            f"{fmt(result['p99'], 1):>9}{100 * result['hit_rate']:>10.1f} %"
            f"{result['saves']:>7}{percent(result['rps'], quiet):>10}"
            + (f"  ({result['errors']} errors)" if result["errors"] else "")
        )
    print(f"Targets (reported, not enforced): {NEWSROOM_TARGETS}.")


def fmt(value, digits):
    if value is None:
        return "-"
    return f"{value:,.{digits}f}"


def percent(value, whole):
    if not value or not whole:
        return "-"
    return f"{100 * value / whole:.0f} %"
