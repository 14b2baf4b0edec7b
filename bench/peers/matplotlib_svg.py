"""Peer for bench/cli.bench.ts: draws the same 10 plots as SVG with matplotlib (Agg-free SVG backend)
and prints the median wall time of drawing all 10 (ms) over `repeats` runs, as JSON.
stdin: JSON {"plots": [{"kind": "scaling"|"embedding", "series"|"points": ...}], "repeats": n}."""
import io, json, sys, time
import matplotlib
matplotlib.use("svg")
import matplotlib.pyplot as plt

spec = json.load(sys.stdin)

def draw(p):
    fig, ax = plt.subplots(figsize=(6.4, 4.4))
    if p["kind"] == "scaling":
        for s in p["series"]:
            x, y, lo, hi, t = s["x"], s["y"], s["lo"], s["hi"], s["theory"]
            ax.fill_between(x, lo, hi, alpha=0.18)
            ax.plot(x, t, "--")
            ax.errorbar(x, y, yerr=[[a - b for a, b in zip(y, lo)], [b - a for a, b in zip(y, hi)]], fmt="o", ms=3)
        ax.axhline(10, ls=":")
        ax.axvline(16)
        ax.text(16, 10, "reference")
        ax.set_xscale("log"); ax.set_yscale("log")
        ax.legend([s["name"] for s in p["series"]], title="batch size")
    else:
        x, y, t = p["x"], p["y"], p["t"]
        ax.plot(x, y, lw=0.8)
        sc = ax.scatter(x, y, c=t, s=9, cmap="viridis")
        fig.colorbar(sc, label="time t")
    ax.set_title(p["title"]); ax.set_xlabel("x"); ax.set_ylabel("y"); ax.grid(True)
    buf = io.StringIO()
    fig.savefig(buf, format="svg")
    plt.close(fig)
    return len(buf.getvalue())

times = []
size = 0
draw(spec["plots"][0])
for _ in range(spec["repeats"]):
    t0 = time.perf_counter()
    size = sum(draw(p) for p in spec["plots"])
    times.append((time.perf_counter() - t0) * 1e3)
times.sort()
print(json.dumps({"ms": times[len(times) // 2], "bytes": size, "version": matplotlib.__version__}))
