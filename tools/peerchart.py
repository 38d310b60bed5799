"""peerchart - the side-by-side of an hmbench run and a peer (Linux) run:
rows matched key for key, and peer.png drawn with gnuplot.

A pair is (key, hmbench row, Linux row).  The chart has one slot per
pair, the hmbench point on the left and the Linux point on the right,
each at its p50 with a whisker up to its p99, on a log scale, and the
ratio Linux/hmbench of the p50s written above the slot.  Labels from the
run reach gnuplot only through hmplot.clean().
"""

import os
import shutil
import subprocess
import tempfile

import hmplot
import hmresults as hr


def impl(meta, default):
    """The run's impl (meta.csv), or default for runs from before it."""
    return meta.get("impl", default)


def pairs(rows_h, rows_l):
    """-> (matched, only_h, only_l): matched is [(key, row_h, row_l)] in
    hmbench's order, the others are keys of rows one side lacks."""
    kh = {hr.row_key(r): r for r in rows_h}
    kl = {hr.row_key(r): r for r in rows_l}
    matched = [(k, r, kl[k]) for k, r in kh.items() if k in kl]
    only_h = [k for k in kh if k not in kl]
    only_l = [k for k in kl if k not in kh]
    return matched, only_h, only_l


def ratio(ph, pl):
    """Linux p50 / hmbench p50 as text ('-' when hmbench's is 0)."""
    return "%.2fx" % (pl / ph) if ph else "-"


def short(k):
    """A slot label: bench/variant[ param], ncpus when not 1."""
    s = "%s/%s" % (k[0], k[1])
    if k[2] not in hr.NO_PARAM:
        s += " %s" % k[3]
    if k[5] != 1 or k[4] != 0:
        s += " c%d/%d" % (k[4], k[5])
    return s


def draw(dest, matched, unit, title):
    """Write peer.png of the matched pairs to dest.  -> None on success,
    else one line saying why not."""
    if not matched:
        return "no rows in common"
    if not shutil.which("gnuplot"):
        return "gnuplot not found"
    tmp = tempfile.mkdtemp(prefix="peerchart.")
    try:
        with open(os.path.join(tmp, "data"), "w") as f:
            for i, (k, rh, rl) in enumerate(matched):
                f.write("%d %g %g %g %g %s\n" % (
                    i, max(rh["p50"], 0.5), max(rh["p99"], 0.5),
                    max(rl["p50"], 0.5), max(rl["p99"], 0.5),
                    hmplot.clean(ratio(rh["p50"], rl["p50"])).replace(" ", "_")))
        tics = ", ".join('"%s" %d' % (hmplot.clean(short(k)), i)
                         for i, (k, _, _) in enumerate(matched))
        width = max(1000, 28 * len(matched) + 200)
        top = max(max(rh["p99"], rl["p99"], 1) for _, rh, rl in matched) * 30
        gp = "\n".join([
            "set terminal pngcairo size %d,700 font 'sans,9'" % width,
            "set output 'peer.png'",
            "set termoption noenhanced",
            "set title %s" % hmplot.q(title),
            "set logscale y",
            "set yrange [*:%g]" % top,
            "set ylabel %s" % hmplot.q(hr.unit_label([unit]) + ", p50 (whisker to p99)"),
            "set xtics (%s) rotate by 60 right" % tics,
            "set xrange [-1:%d]" % len(matched),
            "set grid ytics",
            "set key bottom right",
            "set bmargin 14",
            "plot 'data' using ($1-0.18):2:2:3 with yerrorbars lc rgb '%s' pt 7 ps 0.8 "
            "title 'hmbench', \\" % hmplot.COLORS[0],
            "     'data' using ($1+0.18):4:4:5 with yerrorbars lc rgb '%s' pt 5 ps 0.8 "
            "title 'Linux', \\" % hmplot.COLORS[1],
            "     'data' using 1:($3>$5?$3:$5)*1.6:6 with labels rotate by 90 left "
            "font 'sans,8' notitle",
        ]) + "\n"
        with open(os.path.join(tmp, "chart.gp"), "w") as f:
            f.write(gp)
        proc = subprocess.run(["gnuplot", "chart.gp"], cwd=tmp,
                              capture_output=True, text=True)
        if proc.returncode != 0 or not os.path.exists(os.path.join(tmp, "peer.png")):
            err = (proc.stderr.strip().splitlines() or ["no output"])[-1]
            return "gnuplot failed: %s" % err
        shutil.move(os.path.join(tmp, "peer.png"), dest)
        return None
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
