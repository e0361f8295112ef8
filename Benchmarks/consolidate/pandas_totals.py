"""The city totals of one form as a department analyst would compute them: pandas.read_excel
(engine calamine) of each school's sheet, concat, groupby(key).sum().

    pandas_totals.py FOLDER SHEET KEY,KEY FIELD-HEADER...

Prints the grand total of each named column as JSON."""
import glob, json, os, sys
import pandas as pd

folder, sheet, keys, columns = sys.argv[1], sys.argv[2], sys.argv[3].split(","), sys.argv[4:]
frames = []
for path in sorted(glob.glob(os.path.join(folder, "*"))):
    df = pd.read_excel(path, sheet_name=sheet, engine="calamine", header=2)
    frames.append(df[keys + columns])
city = pd.concat(frames).groupby(keys).sum(numeric_only=True)
print(json.dumps({c: int(city[c].sum()) for c in columns}, ensure_ascii=False))
