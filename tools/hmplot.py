"""hmplot - write gnuplot scripts for hmbench charts and run gnuplot.

A chart is a title plus one or two panels side by side:
  LinePanel   series of (x, p50, p90, p99) over a numeric x, with optional
              vertical markers and horizontal reference lines;
  PointPanel  categorical points (label, p50, p90, p99, group).
Every point is drawn at its p50, with a thick whisker up to p90 and a thin
one up to p99.  Strings from the run (labels, meta values) only reach the
script through clean(), which keeps a small safe alphabet, so nothing in a
results file can run a command through gnuplot's backquotes or macros.
"""

import os
import re
import shutil
import subprocess

COLORS = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd",
          "#8c564b", "#e377c2", "#17becf", "#7f7f7f", "#bcbd22"]
SAFE_RE = re.compile(r"[^A-Za-z0-9 _.,:;=()/+%#<>*@!?&|~^-]")
WIDTH, HEIGHT = 1000, 600


def clean(s, limit=120):
    """s with every character outside the safe alphabet replaced by '?'."""
    return SAFE_RE.sub("?", str(s))[:limit]


def q(s):
    """A gnuplot double-quoted string of clean(s); '\\n' breaks lines."""
    return '"%s"' % "\\n".join(clean(part) for part in str(s).split("\n"))


class LinePanel:
    def __init__(self, xlabel, series, logx=None, logy=None, xtics=None,
                 vlines=(), hlines=(), title="", key=True):
        self.xlabel = xlabel
        self.series = series      # [(label, [(x, p50, p90, p99)])]
        self.logx = logx          # None, 2 or 10
        self.logy = logy          # True, False or None (decide from data)
        self.xtics = xtics        # explicit numeric tics, or None
        self.vlines = vlines      # [(x, label)]
        self.hlines = hlines      # [(label, y)]
        self.title = title
        self.key = key            # False: no legend (a panel beside one)

    def values(self):
        """Every y value drawn, for the shared y range."""
        return [v for _, pts in self.series for p in pts for v in p[1:]] + \
            [y for _, y in self.hlines]


class PointPanel:
    def __init__(self, points, title=""):
        self.points = points      # [(label, p50, p90, p99, group)]
        self.title = title

    def values(self):
        """Every y value drawn, for the shared y range."""
        return [v for p in self.points for v in p[1:4]]


def want_logy(values):
    """Log y when all values are positive and span more than 20x."""
    pos = [v for v in values if v > 0]
    return len(pos) == len(values) and bool(pos) and max(pos) / min(pos) > 20


def yrange(values, logy):
    """A y range that shows every value with some room: from 0 on a linear
    axis, from a bit under the smallest on a log axis."""
    if not values:
        return "set yrange [*:*]"
    lo, hi = min(values), max(values)
    if logy:
        return "set yrange [%g:%g]" % (lo / 1.6, hi * 1.6)
    return "set yrange [%g:%g]" % (min(lo, 0) * 1.1, max(hi * 1.12, 1))


def _header(title, ylabel, footnote):
    """-> (setup lines, the multiplot line carrying the chart title)."""
    lines = ["set terminal pngcairo size %d,%d noenhanced font ',10'"
             % (WIDTH, HEIGHT),
             "set output 'chart.png'", "set grid", "set errorbars small",
             "set ylabel %s" % q(ylabel),
             "set label 99 %s at screen 0.01,0.015 font ',8'" % q(footnote)]
    for i, c in enumerate(COLORS, 1):
        lines.append("set linetype %d lc rgb '%s' lw 2" % (i, c))
    return lines, "set multiplot title %s font ',11'" % q(title)


def _line_panel(p, tmp, logy, n):
    """Script lines for a LinePanel; its data go to files under tmp, which
    the script names relative to tmp (gnuplot runs there)."""
    out = ["set xlabel %s" % q(p.xlabel), "set title %s" % q(p.title)]
    out.append("set logscale x %d" % p.logx if p.logx else "unset logscale x")
    out.append("set logscale y" if logy else "unset logscale y")
    if p.xtics:
        out.append("set xtics (%s)" % ", ".join("%g" % x for x in p.xtics))
    else:
        out.append("set xtics autofreq")
    out.append("set offsets graph 0.03, graph 0.03, 0, 0")
    out.append("set key top left Left reverse box opaque" if p.key
               else "unset key")
    for i, (x, text) in enumerate(p.vlines):
        out.append("set arrow %d from first %g, graph 0 to first %g, graph 1 "
                   "nohead dt 3 lw 1.5 lc rgb '#444444'" % (i + 1, x, x))
        out.append("set label %d %s at first %g, graph 0.97 right offset "
                   "-0.5,0" % (i + 1, q(text), x))
    for j, (text, y) in enumerate(p.hlines):
        k = len(p.vlines) + j + 1
        c = COLORS[(len(p.series) + j) % len(COLORS)]
        out.append("set arrow %d from graph 0, first %g to graph 1, first %g "
                   "nohead dt 2 lw 1.5 lc rgb '%s'" % (k, y, y, c))
        out.append("set label %d %s at graph 0.99, first %g right offset "
                   "0,0.6 tc rgb '%s'" % (k, q(text), y, c))
    layers = []
    for i, (text, pts) in enumerate(p.series):
        f = "s%d_%d.dat" % (n, i)
        with open(os.path.join(tmp, f), "w") as fh:
            for pt in sorted(pts):
                fh.write("%g %g %g %g\n" % pt)
        lt = i % len(COLORS) + 1
        layers += ["'%s' using 1:2:2:4 with yerrorbars lt %d lw 1 ps 0 "
                   "notitle" % (f, lt),
                   "'%s' using 1:2:2:3 with yerrorbars lt %d lw 3 ps 0 "
                   "notitle" % (f, lt),
                   "'%s' using 1:2 with linespoints lt %d pt 7 ps 0.9 "
                   "title %s" % (f, lt, q(text))]
    out.append("plot " + ", \\\n  ".join(layers))
    out += ["unset arrow", "unset label"]
    return out


def _point_panel(p, tmp, logy, n):
    """Script lines for a PointPanel; its data go to a file under tmp."""
    f = "p%d.dat" % n
    with open(os.path.join(tmp, f), "w") as fh:
        for i, (text, p50, p90, p99, group) in enumerate(p.points, 1):
            fh.write('%d "%s" %g %g %g %d\n'
                     % (i, clean(text), p50, p90, p99,
                        group % len(COLORS) + 1))
    rotate = any(len(pt[0]) > 10 for pt in p.points) or len(p.points) > 6
    out = ["set title %s" % q(p.title), "unset xlabel", "unset logscale x",
           "set logscale y" if logy else "unset logscale y",
           "set xrange [0.4:%g]" % (len(p.points) + 0.6),
           "set offsets 0, 0, 0, 0", "unset key",
           "set xtics rotate by -30" if rotate else "set xtics norotate"]
    out.append("plot " + ", \\\n  ".join([
        "'%s' using 1:3:3:5:6 with yerrorbars lc variable lw 1 ps 0 notitle"
        % f,
        "'%s' using 1:3:3:4:6 with yerrorbars lc variable lw 3 ps 0 notitle"
        % f,
        "'%s' using 1:3:6:xtic(2) with points pt 7 ps 1.1 lc variable "
        "notitle" % f,
        "'%s' using 1:3:(sprintf('%%g', $3)) with labels left offset 1.2,0 "
        "notitle" % f]))
    out.append("set xrange [*:*]")
    return out


def script(title, ylabel, footnote, panels, tmp):
    """The whole gnuplot script for one chart (panels side by side)."""
    lines, multi = _header(title, ylabel, footnote)
    lines.append(multi)
    values = [v for p in panels for v in p.values()]
    logy = want_logy(values)
    widths = [0.62, 0.38] if len(panels) == 2 else [1.0]
    if len(panels) == 2:
        lines.append("set bmargin 6")  # align the two panels' x axes
    x = 0.0
    for n, (p, w) in enumerate(zip(panels, widths)):
        lines += ["set origin %g,0.03" % x, "set size %g,0.86" % w]
        x += w
        if isinstance(p, LinePanel):
            ly = p.logy if p.logy is not None else logy
            ly = ly and min(values, default=0) > 0
            lines.append(yrange(values, ly))
            lines += _line_panel(p, tmp, ly, n)
        else:
            lines.append(yrange(values, logy))
            lines += _point_panel(p, tmp, logy, n)
    lines.append("unset multiplot")
    return "\n".join(lines) + "\n"


def draw(dest, title, ylabel, footnote, panels, tmp, keep=None):
    """Run gnuplot in tmp for one chart and move the PNG to dest; with keep
    (a folder), also leave the script and data there for inspection.
    -> None on success, else gnuplot's last error line."""
    with open(os.path.join(tmp, "chart.gp"), "w") as f:
        f.write(script(title, ylabel, footnote, panels, tmp))
    if keep:
        base = os.path.splitext(os.path.basename(dest))[0]
        os.makedirs(keep, exist_ok=True)
        for f in os.listdir(tmp):
            if f.endswith((".gp", ".dat")):
                shutil.copyfile(os.path.join(tmp, f),
                                os.path.join(keep, "%s.%s" % (base, f)))
    proc = subprocess.run(["gnuplot", "chart.gp"], cwd=tmp,
                          stdin=subprocess.DEVNULL, capture_output=True,
                          text=True, timeout=60)
    png = os.path.join(tmp, "chart.png")
    if proc.returncode != 0 or not os.path.exists(png):
        err = [ln for ln in proc.stderr.splitlines() if ln.strip()]
        return (err[-1] if err else "exit %d" % proc.returncode)[:200]
    shutil.move(png, dest + ".tmp")
    os.replace(dest + ".tmp", dest)
    return None
