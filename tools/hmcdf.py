"""hmcdf - CDF charts of the raw=1 samples (raw.csv, see tools/hmraw.py).

One chart per bench, <bench>_cdf.png: for each of its rows (variant,
param, cpu, ncpus) the share of samples at or below each cost, so a rare
dear op shows as a step near the top (the kmap cycle sweep: one kmap in
512 pays the wrap).  At most MAX_SERIES rows per chart, the one-CPU rows
first.  Labels reach gnuplot only through hmplot.clean().
"""

import csv
import os
import subprocess

import hmplot
import hmresults as hr

MAX_SERIES = 12


def load(path):
    """raw.csv -> {bench: {key: [values]}} in file order, or {} if absent."""
    out = {}
    try:
        with open(path, newline="") as f:
            for r in csv.DictReader(f):
                key = (r["variant"], r["param_name"], r["param"], r["cpu"],
                       r["ncpus"], r["unit"])
                out.setdefault(r["bench"], {}).setdefault(key, []).append(
                    int(r["value"]))
    except FileNotFoundError:
        return {}
    return out


def label(key):
    """A series title: variant, param=value, and cpu/ncpus off 0/1."""
    variant, pname, param, cpu, ncpus, _ = key
    s = variant + (" %s=%s" % (pname, param) if pname else "")
    if ncpus != "1" or cpu != "0":
        s += " cpu%s/%s" % (cpu, ncpus)
    return s


def script(bench, series, subtitle, unit):
    """The gnuplot script; data files s<i>.dat are written by draw()."""
    allv = [v for _, vals in series for v in vals]
    logx = min(allv) > 0 and max(allv) > 20 * min(allv)
    lines = ["set terminal pngcairo size %d,%d noenhanced font ',10'"
             % (hmplot.WIDTH, hmplot.HEIGHT),
             "set output 'chart.png'", "set grid",
             "set title %s" % hmplot.q("%s: CDF of the raw samples (raw=1)\n%s"
                                       % (bench, subtitle)),
             "set xlabel %s" % hmplot.q(hr.unit_label([unit])),
             "set ylabel 'share of samples at or below'",
             "set yrange [0:1.02]", "set key bottom right box opaque",
             "set logscale x" if logx else "unset logscale x"]
    plots = []
    for i, (key, _) in enumerate(series):
        plots.append("'s%d.dat' using 1:2 with steps lw 2 lc rgb '%s' "
                     "title %s" % (i, hmplot.COLORS[i % len(hmplot.COLORS)],
                                   hmplot.q(label(key))))
    lines.append("plot " + ", \\\n  ".join(plots))
    return "\n".join(lines) + "\n"


def draw(rundir, outdir, subtitle, tmp):
    """Draws <bench>_cdf.png for each bench in rundir/raw.csv.  -> (names
    drawn, None) or (names, gnuplot's error line)."""
    drawn = []
    for bench, rows in load(os.path.join(rundir, "raw.csv")).items():
        keys = sorted(rows, key=lambda k: (k[4] != "1", k[3] != "0"))
        series = [(k, sorted(rows[k])) for k in keys[:MAX_SERIES]]
        for f in os.listdir(tmp):
            os.remove(os.path.join(tmp, f))
        for i, (_, vals) in enumerate(series):
            with open(os.path.join(tmp, "s%d.dat" % i), "w") as fh:
                n = len(vals)
                for j, v in enumerate(vals, 1):
                    fh.write("%d %.6f\n" % (v, j / n))
        with open(os.path.join(tmp, "chart.gp"), "w") as f:
            f.write(script(bench, series, subtitle, series[0][0][5]))
        proc = subprocess.run(["gnuplot", "chart.gp"], cwd=tmp,
                              stdin=subprocess.DEVNULL, capture_output=True,
                              text=True, timeout=60)
        png = os.path.join(tmp, "chart.png")
        name = "%s_cdf.png" % hmplot.clean(bench).replace(" ", "_")
        if proc.returncode != 0 or not os.path.exists(png):
            err = [ln for ln in proc.stderr.splitlines() if ln.strip()]
            return drawn, "%s: %s" % (name, (err[-1] if err else "exit %d"
                                             % proc.returncode)[:200])
        os.replace(png, os.path.join(outdir, name))
        drawn.append(name)
    return drawn, None
