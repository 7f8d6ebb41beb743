"""The Markdown report of bench/fair.py, written from its JSON result."""

from __future__ import annotations

OURS = "spp-kg serve"


def _spread(entry: dict, key: str) -> str:
    if entry.get(f"{key}_median") is None:
        return "–"
    low, high = entry[f"{key}_spread"]
    return f"**{entry[f'{key}_median']:.2f}x** ({low:.2f}–{high:.2f})"


def _count(value) -> str:
    return f"{value:,}" if isinstance(value, int) else str(value)


def _servers(result: dict) -> list[str]:
    lines = ["| server | start s | default-graph triples | named-graph quads | PSS after start MiB | peak PSS MiB |",
             "| --- | ---: | ---: | ---: | ---: | ---: |"]
    for name, entry in result["servers"].items():
        dataset = entry["dataset"]
        load = f" (upload {entry['load_seconds']} s)" if "load_seconds" in entry else ""
        lines.append(f"| {name} | {entry['start_seconds']}{load} | {_count(dataset['default_graph_triples'])} "
                     f"| {_count(dataset['named_graph_quads'])} | {entry['pss_after_start_mib']} "
                     f"| {entry.get('pss_peak_mib', '–')} |")
    return lines


def _ratios(result: dict) -> list[str]:
    lines = ["| mix | clients | peer | queries/s ours / peer | median latency ours / peer |",
             "| --- | ---: | --- | ---: | ---: |"]
    for mix, by_clients in result["ratios"].items():
        for clients, by_peer in by_clients.items():
            for peer, entry in by_peer.items():
                lines.append(f"| {mix} | {clients} | {peer} | {_spread(entry, 'qps')} | {_spread(entry, 'median_latency')} |")
    return lines


def _runs(result: dict) -> list[str]:
    lines = ["| round | clients | mix | server | answered | in s | queries/s | median ms | server CPU ms/query | errors |",
             "| ---: | ---: | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for run in result["runs"]:
        answered = f"{run['answered']}/{run['block_size']}" + (" (cap)" if run["capped"] else "")
        lines.append(f"| {run['round']} | {run['clients']} | {run['mix']} | {run['server']} | {answered} | {run['seconds']} "
                     f"| {run['queries_per_second']} | {run['median_ms']} | {run['server_cpu_ms_per_query']} | {run['errors']} |")
    return lines


def _kinds(result: dict) -> list[str]:
    """Median latency of each cold query kind per server and client count, over all rounds' medians."""
    table: dict = {}
    for run in result["runs"]:
        if run["mix"] == "cold":
            for kind, value in run["median_ms_by_kind"].items():
                table.setdefault((run["clients"], kind), {}).setdefault(run["server"], []).append(value)
    servers = list(result["servers"])
    lines = ["| clients | kind | " + " | ".join(servers) + " |", "| ---: | --- |" + " ---: |" * len(servers)]
    for (clients, kind), by_server in sorted(table.items()):
        cells = [f"{sorted(by_server[s])[len(by_server[s]) // 2]:.2f}" if by_server.get(s) else "–" for s in servers]
        lines.append(f"| {clients} | {kind} | " + " | ".join(cells) + " |")
    return lines


def _overhead(result: dict) -> list[str]:
    lines = [f"In process: {result['overhead']['store']}, answers serialised as {result['overhead']['serialised_as']}.", "",
             "| server | queries | HTTP median ms | in-process median ms | ratio | median overhead ms | median overhead % |",
             "| --- | --- | ---: | ---: | ---: | ---: | ---: |"]
    for name, entry in result["overhead"]["servers"].items():
        for label, key in (("entity lookups", "lookups"), ("whole cold mix", "cold_mix")):
            s = entry[key]
            if s.get("queries"):
                lines.append(f"| {name} | {label} ({s['queries']}) | {s['http_median_ms']} | {s['in_process_median_ms']} "
                             f"| {s['ratio']}x | {s['median_overhead_ms']} | {s['median_overhead_percent']}% |")
    return lines


def _dumps(result: dict) -> list[str]:
    dumps = result["dumps"]
    if "skipped" in dumps:
        return [f"Dumps: skipped ({dumps['skipped']})."]
    lines = [f"Median of {dumps['repeats']} downloads with curl against `cat FILE > /dev/null` (page cache warm):", "",
             "| file | bytes | HTTP MB/s | disk MB/s | HTTP / disk |", "| --- | ---: | ---: | ---: | ---: |"]
    for f in dumps["files"]:
        lines.append(f"| {f['file']} | {f['bytes']:,} | {f['http_mb_per_second']} | {f['disk_mb_per_second']} "
                     f"| {f['ratio_http_to_disk']} |")
    return lines + ["", f"Median ratio HTTP / disk: **{dumps['median_ratio_http_to_disk']}x**."]


def _rows(result: dict) -> list[str]:
    lines = []
    for peer, entry in result["rows"].items():
        text = f"- {peer}: {entry['compared']} answers compared with ours, {entry['mismatched']} with another number of rows"
        if entry["examples"]:
            text += ": " + "; ".join(f"{e['query'][:80]} ({e['peer']} vs ours {e['ours']})" for e in entry["examples"])
        lines.append(text)
    return lines


def _probe(name: str, seconds: dict, limit: float) -> str:
    return f"{name} (" + ", ".join(f"{server} {'> ' + str(limit) if took is None else took}"
                                   for server, took in seconds.items()) + ")"


def markdown(result: dict) -> str:
    settings = result["settings"]
    build = result["build_report"]
    cold, warm = result["mixes"]["cold"], result["mixes"]["warm"]
    lines = ["# Fair query benchmark", "",
             f"Run on {result['machine']} at {result['started']}: {build['documents']:,} synthetic documents, "
             f"**{build['triples']:,} statements**; {settings['rounds']} rounds, servers in rotated order, "
             f"a cap of {settings['cap_seconds']} s per server and block, {settings['request_timeout']} s per request.",
             "", f"Cold block: {cold['block_size']} distinct queries per round and client count "
             f"({', '.join(f'{n} {k}' for k, n in cold['kinds'].items())}), each sent once to each server. "
             f"Warm block: the {warm['queries']} queries of bench/querymix.py, {warm['repeats']} times. "
             "Each client is one keep-alive connection of bench/leanhttp.py (tens of microseconds per request).", ""]
    if warm["left_out"]:
        lines += [f"Left out of the warm mix, not answered within {settings['probe_timeout']} s by every server "
                  "(seconds each took): " + "; ".join(_probe(name, warm["probe_seconds"][name], settings["probe_timeout"])
                                                      for name in warm["left_out"]) + ".", ""]
    lines += ["## Servers", ""] + _servers(result)
    lines += ["", "## Ratios (median over rounds, min–max in brackets)", "",
              "Queries per second: above 1 means ours answered more. Median latency: below 1 means ours was faster.", ""]
    lines += _ratios(result) + ["", "## Answers", ""] + _rows(result)
    lines += ["", "## Cold mix: median latency (ms) by kind (median over rounds)", ""] + _kinds(result)
    lines += ["", "## Per-request overhead", ""] + _overhead(result)
    lines += ["", "## Dumps", ""] + _dumps(result) + ["", "## Every run", ""] + _runs(result)
    return "\n".join(lines) + "\n"
