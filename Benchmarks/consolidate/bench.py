"""Runs the consolidation benchmark (see run.sh): for each number of schools, `svod validate`,
`svod import` and `svod consolidate` over every annual form, then the ВПР alone through svod
(import + consolidate) and through pandas, side by side; prints files per second, times, peak
memory and the ratios the issue sets as targets."""
import argparse, json, os, shutil, subprocess, sys
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "common"))
from measure import run_once, target, wait_for_quiet_machine  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
VPR_COLUMNS = ["Участников", "«5»", "«4»", "«3»", "«2»"]

def step(n, svod, out):
    data = os.path.join(out, f"schools-{n}")
    made = os.path.isdir(os.path.join(data, "files"))
    subprocess.run([sys.executable, os.path.join(HERE, "make_schools.py"), data, str(n)] + (["--schemas-only"] if made else []), check=True)
    schemas, files = os.path.join(data, "schemas"), os.path.join(data, "files")
    count = sum(len(os.listdir(os.path.join(files, f))) for f in os.listdir(files))
    store = os.path.join(data, "store.sqlite")
    for p in [store, store + "-wal", store + "-shm"]:
        if os.path.exists(p): os.remove(p)
    shutil.rmtree(store + ".files", ignore_errors=True)
    common = ["--schemas", schemas]
    validate = run_once([svod, "validate", files] + common)
    imported = run_once([svod, "import", files, "--store", store, "--period", "2019/2020"] + common)
    city = os.path.join(data, "city.xlsx")
    consolidated = run_once([svod, "consolidate", "--store", store, "--period", "2019/2020", "-o", city] + common)
    # One form, both ways, from the same files.
    vpr_store = os.path.join(data, "vpr.sqlite")
    for p in [vpr_store, vpr_store + "-wal", vpr_store + "-shm"]:
        if os.path.exists(p): os.remove(p)
    shutil.rmtree(vpr_store + ".files", ignore_errors=True)
    vpr_files = os.path.join(files, "vpr")
    vpr_import = run_once([svod, "import", vpr_files, "--store", vpr_store] + common)
    vpr_json = os.path.join(data, "vpr.json")
    vpr_cons = run_once([svod, "consolidate", "--store", vpr_store, "--period", "2019/2020", "--form", "vpr", "-o", vpr_json] + common)
    pandas = run_once([sys.executable, os.path.join(HERE, "pandas_totals.py"), vpr_files, "ВПР", "Класс,Предмет"] + VPR_COLUMNS)
    failed = [(name, r) for name, r in [("validate", validate), ("import", imported), ("consolidate", consolidated),
                                        ("vpr import", vpr_import), ("vpr consolidate", vpr_cons)] if r["rc"] not in (0, 1)]
    if failed:
        for name, r in failed:
            print(f"svod {name} failed (exit {r['rc']}): {r.get('err', '')[-500:]}")
        sys.exit(1)
    doc = json.load(open(vpr_json))
    total = [r for r in doc["forms"][0]["sheets"][0]["rows"] if not r["key"]][0]["values"]
    theirs = json.loads(pandas["out"]) if pandas["rc"] == 0 else {}
    agree = theirs.get("Участников") == total.get("n") and theirs.get("«5»") == total.get("n5")
    vpr_n = len(os.listdir(vpr_files))
    print(f"\n== {n} schools, {count} files")
    for name, r in [("validate", validate), ("import", imported), ("consolidate", consolidated),
                    ("vpr import", vpr_import), ("vpr consolidate", vpr_cons), ("pandas vpr", pandas)]:
        print(f"{name:16} rc {r['rc']}  wall {r['wall']:8.2f} s  cpu {r['cpu']:8.2f} s  peak {r['rss']:7.1f} MiB")
    print(f"import {count / imported['wall']:.1f} files/s, validate {count / validate['wall']:.1f} files/s; "
          f"vpr: svod {vpr_n / (vpr_import['wall'] + vpr_cons['wall']):.1f} files/s, pandas {vpr_n / pandas['wall']:.1f} files/s")
    print(f"ВПР totals agree (participants, «5»): {agree} — svod {total.get('n')}, {total.get('n5')}; pandas {theirs}")
    target("import ≥ 80 % of validate's speed", imported["wall"] <= validate["wall"] / 0.8,
           f"import/validate time {imported['wall'] / validate['wall']:.2f}")
    target("svod import + consolidate ≥ 10× faster than pandas (ВПР)", (vpr_import["wall"] + vpr_cons["wall"]) * 10 <= pandas["wall"],
           f"pandas/svod {pandas['wall'] / (vpr_import['wall'] + vpr_cons['wall']):.1f}×")
    target("consolidation peak memory < 100 MiB", consolidated["rss"] < 100, f"{consolidated['rss']:.1f} MiB")
    return consolidated

def main():
    a = argparse.ArgumentParser()
    a.add_argument("--svod", required=True)
    a.add_argument("--out", required=True)
    a.add_argument("--schools", nargs="+", type=int, default=[100, 1000])
    args = a.parse_args()
    wait_for_quiet_machine()
    for n in args.schools:
        step(n, os.path.abspath(args.svod), args.out)

main()
