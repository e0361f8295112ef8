"""Runs the indicators benchmark (see run.sh): for each number of schools, `svod import` of three
years into a store (timed, not the target), `svod indicators` of 2019/2020 from the store into
JSON and XLSX (the target: under 10 s at 1,000 schools), then the ВПР 4th-grade criterion over
the same ВПР files both ways — `svod indicators FILES` (a scratch store, every criterion) and
vpr4_pandas.py —, the verdicts compared; prints times, peak memory and the ratios."""
import argparse, json, os, shutil, subprocess, sys
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "common"))
from measure import run_once, target, wait_for_quiet_machine  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
YEARS = ["2017-2018", "2018-2019", "2019-2020"]
MAKE = os.path.join(HERE, "..", "consolidate", "make_schools.py")


def fresh(store):
    for p in [store, store + "-wal", store + "-shm"]:
        if os.path.exists(p):
            os.remove(p)
    shutil.rmtree(store + ".files", ignore_errors=True)


def svod_vpr4(path, n):
    """{"risk", "clear", "no-data"} of the ВПР 4th-grade criterion over the generated schools."""
    doc = json.load(open(path, encoding="utf-8"))
    out = {"risk": 0, "clear": 0, "no-data": 0}
    for s in doc["risk_zones"]["schools"]:
        if s["school"].startswith("b") and int(s["school"][1:]) <= n:
            out[next(c["verdict"] for c in s["criteria"] if c["id"] == "vpr4")] += 1
    return out


def step(n, svod, out):
    data = os.path.join(out, f"schools-{n}")
    made = os.path.isdir(os.path.join(data, "files"))
    subprocess.run([sys.executable, MAKE, data, str(n)] + (["--schemas-only"] if made else ["--years", ",".join(YEARS)]), check=True)
    schemas, files = os.path.join(data, "schemas"), os.path.join(data, "files")
    years = [os.path.join(files, y) for y in YEARS]
    count = sum(len(os.listdir(os.path.join(y, f))) for y in years for f in os.listdir(y))
    common = ["--schemas", schemas]
    store = os.path.join(data, "store.sqlite")
    fresh(store)
    imported = run_once([svod, "import"] + years + ["--store", store] + common)
    as_json, as_xlsx = os.path.join(data, "indicators.json"), os.path.join(data, "indicators.xlsx")
    ind_json = run_once([svod, "indicators", "--store", store, "--period", "2019/2020", "-o", as_json] + common)
    ind_xlsx = run_once([svod, "indicators", "--store", store, "--period", "2019/2020", "-o", as_xlsx] + common)
    vpr = [os.path.join(y, "vpr") for y in years]
    vpr_n = sum(len(os.listdir(v)) for v in vpr)
    files_json = os.path.join(data, "vpr-indicators.json")
    from_files = run_once([svod, "indicators"] + vpr + ["--period", "2019/2020", "-o", files_json] + common)
    pandas = run_once([sys.executable, os.path.join(HERE, "vpr4_pandas.py"), str(n)] + vpr)
    runs = [("import (3 years)", imported), ("indicators → json", ind_json), ("indicators → xlsx", ind_xlsx),
            ("indicators FILES", from_files), ("pandas vpr4", pandas)]
    failed = [(name, r) for name, r in runs if r["rc"] not in (0, 1)]
    if failed:
        for name, r in failed:
            print(f"{name} failed (exit {r['rc']}): {r.get('err', '')[-500:]}")
        sys.exit(1)
    ours = svod_vpr4(files_json, n)
    stored = svod_vpr4(as_json, n)
    theirs = json.loads(pandas["out"]) if pandas["rc"] == 0 else {}
    print(f"\n== {n} schools × 3 years, {count} files ({vpr_n} ВПР)")
    for name, r in runs:
        print(f"{name:18} rc {r['rc']}  wall {r['wall']:8.2f} s  cpu {r['cpu']:8.2f} s  peak {r['rss']:7.1f} MiB")
    print(f"ВПР 4 класс, verdicts of the {n} schools: svod from the store {stored}, svod from the files {ours}, pandas {theirs}; "
          f"agree: {ours == theirs == stored}")
    print(f"ВПР files per second: svod indicators {vpr_n / from_files['wall']:.1f}, pandas {vpr_n / pandas['wall']:.1f} "
          f"(pandas/svod time {pandas['wall'] / from_files['wall']:.1f}×, svod doing all seven criteria, pandas one)")
    target("indicators of 1,000 schools × 3 years from the store under 10 s" if n == 1000 else f"indicators of {n} schools under 10 s",
           max(ind_json["wall"], ind_xlsx["wall"]) < 10, f"json {ind_json['wall']:.2f} s, xlsx {ind_xlsx['wall']:.2f} s")


def main():
    a = argparse.ArgumentParser()
    a.add_argument("--svod", required=True)
    a.add_argument("--out", required=True)
    a.add_argument("--schools", nargs="+", type=int, default=[1000])
    args = a.parse_args()
    wait_for_quiet_machine()
    for n in args.schools:
        step(n, os.path.abspath(args.svod), args.out)


main()
