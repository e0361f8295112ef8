"""The ВПР 4th-grade risk criterion (seed line 1003) as an analyst would compute it with pandas:
read_excel (engine calamine) of every school's «ВПР» sheet of every year; a year is «bad» when a
4th-grade row with participants has «2» for 20 % or more of them or no «5»; a school is in the
zone with two bad years of the three, unknown when the missing years could make it so.

    vpr4_pandas.py N YEAR-FOLDER...     (N schools b00001…; each folder holds one year's ВПР
                                          files, named …-<school>.xlsx|ods)

Prints {"risk": N, "clear": N, "no-data": N} over the N schools as JSON — the reading of the rule
in Schemas/indicators/risk-zones.yaml (either condition, a row without participants says nothing,
a year without the school's file is unknown)."""
import glob, json, os, re, sys
import pandas as pd

n, folders = int(sys.argv[1]), sys.argv[2:]
bad = [{} for _ in folders]         # per year: school → whether the year is bad
for yi, folder in enumerate(folders):
    for path in sorted(glob.glob(os.path.join(folder, "*"))):
        school = re.sub(r"^.*-", "", os.path.splitext(os.path.basename(path))[0])
        df = pd.read_excel(path, sheet_name="ВПР", engine="calamine", header=2)
        rows = df[(df["Класс"].astype(str) == "4") & (df["Участников"] > 0)]
        bad[yi][school] = bool(((rows["«2»"] * 100 >= 20 * rows["Участников"]) | (rows["«5»"] == 0)).any())
out = {"risk": 0, "clear": 0, "no-data": 0}
for i in range(1, n + 1):
    school = f"b{i:05d}"
    counted = sum(1 for year in bad if year.get(school) is True)
    missing = sum(1 for year in bad if school not in year)
    out["risk" if counted >= 2 else "clear" if counted + missing < 2 else "no-data"] += 1
print(json.dumps(out))
