"""hmtlbplot - the charts of the TLB model (ACCEL=model runs, which have
tlb_model.csv beside results.csv; docs/tlbmodel.md):

  tlb_events_<bench>.png  one per mechanism: each single-CPU row's modelled
                          TLB events per op (DTLB misses, page walks, ITLB
                          misses, invlpg, full flushes) beside its
                          instructions per op (p50);
  tlb_kmap_cycle.png      the kmap working-set sweep: page walks and full
                          flushes per op against instructions per op, the
                          LAST_PKMAP wrap marked.
Labels reach gnuplot only through hmplot.clean/q.
"""
import csv
import os
import subprocess

import hmplot
import hmresults as hr
from hmplot import clean, q

EVENTS = [("dtlb_miss", "DTLB misses"), ("walks", "page walks (STLB misses)"),
          ("itlb_miss", "ITLB misses"), ("flush_one", "invlpg"),
          ("flush_full", "full flushes")]
LABEL = "modelled TLB under icount"


def load(run):
    """tlb_model.csv rows as dicts, or [] when the run has none."""
    path = os.path.join(run, "tlb_model.csv")
    if not os.path.exists(path):
        return []
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def _key(r):
    return (r["bench"], r["variant"], r["param_name"], r["param"], str(r["cpu"]), str(r["ncpus"]))


def _gnuplot(tmp, script, dest):
    """Run script in tmp; -> None, or gnuplot's last error line."""
    with open(os.path.join(tmp, "tlb.gp"), "w") as f:
        f.write(script)
    proc = subprocess.run(["gnuplot", "tlb.gp"], cwd=tmp, stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, timeout=60)
    png = os.path.join(tmp, "chart.png")
    if proc.returncode != 0 or not os.path.exists(png):
        err = [ln for ln in proc.stderr.splitlines() if ln.strip()]
        return (err[-1] if err else "exit %d" % proc.returncode)[:200]
    os.replace(png, dest)
    return None


def _head(title, subtitle, note):
    """Terminal, colours, footnote and the multiplot title line."""
    lines = ["set terminal pngcairo size %d,%d noenhanced font ',10'" % (hmplot.WIDTH, hmplot.HEIGHT),
             "set output 'chart.png'", "set grid", "set ylabel 'per operation'",
             "set label 99 %s at screen 0.01,0.015 font ',8'" % q(note)]
    lines += ["set linetype %d lc rgb '%s' lw 2" % (i, c) for i, c in enumerate(hmplot.COLORS, 1)]
    return lines + ["set multiplot title %s font ',11'" % q(title + "\n" + subtitle)]


def events_script(bench, rows, subtitle, note, tmp):
    """Two panels: events per op (clustered bars) | instructions per op."""
    with open(os.path.join(tmp, "ev.dat"), "w") as f:
        for label, t, r in rows:
            f.write('"%s" %s %s\n' % (clean(label), " ".join(t[k] for k, _ in EVENTS),
                                       r["p50"]))
    n = len(rows)
    rot = "set xtics rotate by -30" if n > 4 or any(len(x[0]) > 10 for x in rows) else "set xtics norotate"
    lines = _head("%s: modelled TLB events per op beside instructions per op" % bench,
                  subtitle, note)
    lines += ["set bmargin 7", "set style data histograms", "set style histogram clustered gap 1",
              "set style fill solid 0.8 border -1", "set boxwidth 0.9", rot,
              "set origin 0,0.03", "set size 0.62,0.86", "set yrange [0:*]",
              "set title %s" % q("TLB events per op (%s)" % LABEL), "set key top left"]
    lines.append("plot " + ", \\\n  ".join(
        "'ev.dat' using %d%s title %s" % (i + 2, ":xtic(1)" if i == 0 else "", q(name))
        for i, (_, name) in enumerate(EVENTS)))
    lines += ["set origin 0.62,0.03", "set size 0.38,0.86", "unset key",
              "set ylabel 'guest instructions per op'", "set xtics rotate by -45 font ',8'",
              "set title %s" % q("instructions per op (p50, icount)"),
              "plot 'ev.dat' using %d:xtic(1) lc rgb '#7f7f7f' notitle" % (len(EVENTS) + 2),
              "unset multiplot"]
    return "\n".join(lines) + "\n"


def kmap_script(points, last, subtitle, note, tmp):
    """Working set (log2 x) against walks and full flushes per op (left y)
    and instructions per op (right y)."""
    with open(os.path.join(tmp, "km.dat"), "w") as f:
        for x, t, r in points:
            f.write("%g %s %s %g\n" % (x, t["walks"], t["flush_full"], r["p50"]))
    lines = _head("kmap cycle: the wrap cliff at LAST_PKMAP as page walks", subtitle, note)
    lines += ["set origin 0,0.03", "set size 1,0.86", "set logscale x 2",
              "set xlabel 'working_set (pages cycled through)'",
              "set ylabel %s" % q("per op (%s)" % LABEL), "set y2label 'guest instructions per op (p50)'",
              "set ytics nomirror", "set y2tics", "set yrange [0:*]", "set y2range [0:*]",
              "set key center right", "set title ''",
              "set arrow 1 from %g, graph 0 to %g, graph 1 nohead dt 2 lc rgb '#555555'" % (last, last),
              "set label 1 %s at %g, graph 0.97 right offset -0.5,0" % (
                  q("LAST_PKMAP = %g: the pool wraps, flush_tlb_all" % last), last),
              "plot 'km.dat' using 1:2 with linespoints pt 7 title 'page walks per op', \\\n"
              "  'km.dat' using 1:3 with linespoints pt 5 title 'full flushes per op', \\\n"
              "  'km.dat' using 1:4 axes x1y2 with linespoints pt 9 dt 3 title 'instructions per op (right axis)'",
              "unset multiplot"]
    return "\n".join(lines) + "\n"


def draw(run, outdir, meta, tmp):
    """-> ([names drawn], error or None)."""
    subtitle = "accel=%s: icount plus the TLB model, geometry %s" % (
        meta.get("accel", "?"), meta.get("tlb_model", "?"))
    note = ("events: modelled, per timed op (a model, not a measurement); instructions: p50, "
            "markers included   git_rev=%s" % meta.get("git_rev", "?"))
    tlb = load(run)
    if not tlb:
        return [], None
    rows = hr.load_rows(run)
    res = {hr.row_key(r): r for r in rows}
    pairs = []
    for t in tlb:
        r = res.get(tuple(x if i < 4 else int(x) for i, x in enumerate(_key(t))))
        if r is not None:
            pairs.append((t, r))
    drawn = []
    base = {hr.row_key(r) for r in hr.base_rows(rows)}
    for bench in hr.benches(rows):
        sel = [(hr.label(r), t, r) for t, r in pairs
               if r["bench"] == bench and hr.row_key(r) in base]
        if not sel:
            continue
        name = "tlb_events_%s.png" % bench
        err = _gnuplot(tmp, events_script(bench, sel, subtitle, note, tmp),
                       os.path.join(outdir, name))
        if err:
            return drawn, "%s: %s" % (name, err)
        drawn.append(name)
    cyc = sorted((hr.param_value(r), t, r) for t, r in pairs
                 if (r["bench"], r["variant"], r["cpu"], r["ncpus"]) == ("kmap", "cycle", 0, 1)
                 and hr.param_value(r))
    if len(cyc) >= 2:
        last = float(meta.get("last_pkmap", "512")) if meta.get("last_pkmap", "512").isdigit() else 512.0
        err = _gnuplot(tmp, kmap_script(cyc, last, subtitle, note, tmp),
                       os.path.join(outdir, "tlb_kmap_cycle.png"))
        if err:
            return drawn, "tlb_kmap_cycle.png: " + err
        drawn.append("tlb_kmap_cycle.png")
    return drawn, None
