"""wrk, the load generator: a run against the server, read into the figures the benchmarks
print (requests per second, p50 and p99 in milliseconds, errors)."""

import re
import subprocess
import urllib.request


def run(url, connections, seconds, script=None):
    """{"requests", "rps", "p50", "p99", "errors"} of wrk against `url` for `seconds`; with a
    Lua `script`, the script chooses the paths."""
    command = [
        "wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout=10s",
        *(["-s", str(script)] if script else []), url,
    ]  # fmt: skip
    output = subprocess.run(
        command, capture_output=True, text=True, timeout=seconds + 60, check=False
    ).stdout
    result = {"requests": 0, "rps": None, "p50": None, "p99": None, "errors": 0}
    found = re.search(r"(\d+) requests in", output)
    result["requests"] = int(found[1]) if found else 0
    found = re.search(r"Requests/sec:\s+([\d.]+)", output)
    result["rps"] = float(found[1]) if found else None
    percentiles = dict(re.findall(r"^\s+(50|99)%\s+(\S+)", output, re.MULTILINE))
    if "50" in percentiles and result["requests"]:  # none finished: no latency to show
        result["p50"], result["p99"] = to_ms(percentiles["50"]), to_ms(percentiles["99"])
    for pattern in (r"Non-2xx or 3xx responses: (\d+)", r"timeout (\d+)"):
        found = re.search(pattern, output)
        result["errors"] += int(found[1]) if found else 0
    return result


def to_ms(value):
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60_000}[unit]


def measure(args, url, warm_up=20, script=None):
    """wrk's figures for `url` over --connections for --duration seconds, after `warm_up`
    requests (the first ones in a process fill its caches); `script` as for run()."""
    for _ in range(warm_up):
        try:
            with urllib.request.urlopen(url, timeout=30) as response:
                response.read()
        except OSError:
            pass
    return run(url, args.connections, args.duration, script)


# The read beacon (articles/reads) as browsers send it, each request from a reader not
# seen before: the dearest path (the reader's mark, the story's probe, the hour's counter).
NEW_READERS_SCRIPT = """
local n = 0
request = function()
  n = n + 1
  wrk.headers["User-Agent"] = "Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0 reader/" .. n
  return wrk.format("POST")
end
"""


def script_for(name, work):
    """The Lua script a row needs, written into `work`, or None."""
    if not name.startswith("read beacon"):
        return None
    path = work / "new_readers.lua"
    path.write_text(NEW_READERS_SCRIPT)
    return path


def best(earlier, later):
    """The round with more requests per second (its own latencies with it)."""
    if earlier is None or (later["rps"] or 0) > (earlier["rps"] or 0):
        return later
    return earlier
