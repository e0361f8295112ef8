"""The city tables of the seed's Section II (../shared/seed/000_01284385d8a2a410.txt, lines 451–872)
as data. Every value is the text exactly as the seed prints it (decimal comma, «%», «4,1/48»,
even «61,3++»), next to the number of the seed line it stands on; `number()` reads such text.
`verify(path)` checks that every value really stands on its line (run: python3 seed_tables.py).

Years are academic years «2019/2020»; the ЕГЭ tables (2.5.x) name calendar years «2020 г.»,
which are the exams of the academic year ending then (2020 → 2019/2020).
"""
import os, re, sys

SEED = os.environ.get("SVOD_SEED", "/work/shared/seed/000_01284385d8a2a410.txt")

# Table 2.2.1 — ВПР: результативность (успеваемость) и качество, %, by class and subject.
# Header, line 494: the 2nd quality column is headed «(2019-2018 уч.год)» — a typo for 2018-2019.
VPR_YEARS = ["2019/2020", "2018/2019", "2017/2018"]
VPR = {
    "table": "2.2.1", "lines": (491, 513), "header_line": 494,
    # line, class, subject code (Schemas/reference/lists.yaml), success ×3 years, quality ×3 years
    "rows": [
        (495, "4", "math",  ["98,4", "99,3", "99,4"], ["80,4", "85,7", "85,0"]),
        (496, "4", "rus",   ["97,6", "98,6", "98,9"], ["78,8", "79,6", "8,0"]),
        (497, "4", "world", ["99,7", "97,5", "99,4"], ["86,5", "85,7", "82,0"]),
        (498, "5", "rus",   ["92,7", "92,3", "92,1"], ["56,2", "56,2", "63,1"]),
        (499, "5", "math",  ["94,1", "93,6", "96,9"], ["62,1", "62,7", "69,0"]),
        (500, "5", "bio",   ["98,9", "99,0", "94,5"], ["74,5", "73,5", "71,0"]),
        (501, "5", "hist",  ["95,6", "97,5", "95,9"], ["61,3++", "71,3", "67"]),
        (502, "6", "rus",   ["90,8", "87,3", "87,2"], ["53,8", "46,2", "46,5"]),
        (503, "6", "math",  ["94,1", "92,4", "92,1"], ["45,2", "45,2", "62,1"]),
        (504, "6", "bio",   ["96,6", "96,3", "96,1"], ["67,8", "67,8", "70,6"]),
        (505, "6", "geo",   ["98,8", "96,1", "95,8"], ["48,5", "48,5", "48,3"]),
        (506, "6", "hist",  ["97,0", "91,6", "91,4"], ["67,2", "52,9", "52,4"]),
        (507, "6", "soc",   ["96,5", "97,7", "96,5"], ["65,7", "68,6", "66,2"]),
        (508, "11", "chem", ["99,5", "100", "100"],   ["87", "82,3", "72,0"]),
        (509, "11", "bio",  ["98,5", "100", "98,2"],  ["88,7", "88,7", "72,0"]),
        (510, "11", "geo",  ["99,7", "99,8", "99"],   ["82,6", "74,6", "54,0"]),
        (511, "11", "phys", ["94,6", "97,4", "98"],   ["58,8", "64,8", "57,0"]),
        (512, "11", "hist", ["99,7", "99,2", "100"],  ["90,0", "84,7", "90,0"]),
        (513, "11", "lang", ["99,2", "99,3", "98,1"], ["84,0", "84,9", "80,2"]),
    ],
}

# Misprints the school files do not copy (README «Where the seed does not add up», item 3):
# (year, class, subject) → the value the schools' counts are made to give. The seed files keep the
# printed text, so svod finds the misprint there.
VPR_MISPRINTS = {("2017/2018", "4", "rus"): {"quality": "80,0"}}     # line 496: «8,0» beside 79,6 and 78,8

# Table 2.3.1 — РКР по математике (9 и 11 классы), 2019/2020, one row «г. Тула» (line 529);
# the text at line 521 repeats it: 3800 pupils of 62 schools, 3662 (96,4 %), 138 (3,6 %).
RKR = {
    "table": "2.3.1", "lines": (523, 529), "year": "2019/2020", "line": 529,
    "values": {"n": "3800", "below": "138", "level": "96,4", "enough": "3662", "quality": "74,2",
               "n5": "1125", "n4": "1694", "n3": "843", "n2": "138"},
    "schools": (521, "62"),
}

# Table 2.4.1 — ГИА-9: participants by subject, three years; «Всего человеко-экзаменов» (line 561).
GIA9_YEARS = ["2017/2018", "2018/2019", "2019/2020"]
GIA9_PARTICIPANTS = {
    "table": "2.4.1", "lines": (541, 561),
    "rows": [
        (547, "rus", ["4382", "4665", "4658"]),
        (548, "math", ["4382", "4665", "4657"]),
        (549, "bio", ["1384", "1156", "1028"]),
        (550, "phys", ["724", "707", "663"]),
        (551, "chem", ["629", "516", "484"]),
        (552, "geo", ["843", "995", "1250"]),
        (553, "soc", ["2891", "2998", "3017"]),
        (555, "hist", ["169", "169", "171"]),
        (556, "inf", ["1452", "2043", "1931"]),
        (557, "eng", ["448", "503", "575"]),
        (558, "fra", ["52", "69", "40"]),
        (559, "deu", ["33", "6", "3"]),
        (560, "lit", ["87", "96", "80"]),
    ],
    "total": (561, ["17476", "18588", "18557"]),
}

# Table 2.4.2 — ГИА-9 results: «5» in Russian / mathematics (of them: the highest score), honours
# certificates, not admitted. 2019/2020 had no exams (COVID), so only the last two columns.
GIA9_RESULTS = {
    "table": "2.4.2", "lines": (565, 572),
    "rows": [
        (570, "2017/2018", {"rus5": "730", "math5": "449", "honours": "381", "not_admitted": "30"}),
        (571, "2018/2019", {"rus5": "940", "rus_max": "277", "math5": "528", "math_max": "29",
                            "honours": "390", "not_admitted": "19"}),
        (572, "2019/2020", {"honours": "465", "not_admitted": "7", "repeat": "6"}),
    ],
    # text under the table
    "not_admitted_2020": [(594, "vosh", "5"), (596, "co6", "2")],
    "certificates_2020": (598, "4679", "99,9"),
}

# Tables 2.5.1–2.5.6 — ЕГЭ, calendar years 2018, 2019, 2020 (= academic years ending then).
EGE_YEARS = ["2017/2018", "2018/2019", "2019/2020"]
EGE = {
    "mean": {"table": "2.5.1", "rows": [(618, "rus", ["70,5", "71,9", "71,7"]),
                                        (619, "math", ["4,1/48", "4/56,5", "-/49,7"]),
                                        (620, "phys", ["51,6", "55,2", "52,2"])]},
    "share80": {"table": "2.5.2", "rows": [(626, "rus", ["36,3", "38,3", "38,2"]),
                                           (627, "math", ["3,1", "14,8", "9,6"]),
                                           (628, "phys", ["6,2", "14,2", "9,7"])]},
    "below_min": {"table": "2.5.3", "rows": [(634, "rus", ["1", "4", "15"]),
                                             (635, "math", ["14/74", "16/0", "-/112"]),
                                             (636, "phys", ["26", "21", "28"])]},
    "city": {"table": "2.5.4", "rows": [(642, "medalists", ["412", "351", "418"]),
                                        (643, "hundreds", ["33", "50", "33"]),
                                        (644, "two_hundreds", ["3", "4", "0"])]},
    "hundred": {"table": "2.5.5", "rows": [(650, "rus", ["17", "16", "21"]),
                                           (651, "math", ["0", "5", "1"]),
                                           (652, "phys", ["0", "5", "2"])]},
    "schools_medal_share": {"table": "2.5.6", "rows": [(659, "over30", ["7", "2", "3"]),
                                                       (660, "over20", ["8", "8", "11"]),
                                                       (661, "over10", ["19", "28", "24"])],
                            # the text below the same table (lines 667–671): schools over 10 %
                            "text_over10": [(667, "34", "55"), (669, "37", "60"), (671, "38", "61")]},
    # the text above the tables (line 606–610) repeats some of them
    "text_rus_mean_line": 606,
}

# Table 2.6.1 — diagnostic works in the 10th grade, 2020/2021 (lines 689–706).
DIAG10 = {
    "table": "2.6.1", "lines": (689, 706), "year": "2020/2021",
    # line, subject, pupils, % выполнения, % качества, средний балл
    "rows": [
        (694, "rus", "2168", "98,1%", "81,7%", "4,2"),
        (695, "math", "2126", "94,6%", "74%", "3,9"),
        (696, "soc", "1210", "95%", "64%", "3,8"),
        (697, "inf", "762", "95,3%", "74%", "3,9"),
        (698, "phys", "445", "99,1%", "77,5%", "4"),
        (699, "bio", "401", "96,5%", "68,8%", "3,9"),
        (700, "eng", "395", "99%", "91,9%", "4,5"),
        (701, "geo", "383", "89,3%", "64,5%", "3,7"),
        (702, "chem", "312", "95,6%", "75,4%", "4,1"),
        (703, "hist", "103", "99%", "72,8%", "4"),
        (704, "lit", "34", "94,1%", "79,4%", "4"),
        (705, "fra", "29", "100%", "58,6%", "3,9"),
        (706, "deu", "2", "100%", "100%", "4"),
    ],
    # the highest score (lines 710–720): subject, pupils, share of the participants
    "top": [(710, "eng", "22", "5,6"), (711, "rus", "80", "3,7"), (712, "chem", "10", "3,2"),
            (713, "soc", "8", "0,7"), (714, "phys", "3", "0,7"), (715, "math", "13", "0,6"),
            (716, "bio", "0", None), (717, "inf", "0", None), (718, "geo", "0", None),
            (719, "lit", "0", None), (720, "hist", "0", None)],
}

# Table 2.7.1 — profiles in grades 10–11, 2020/2021 (lines 742–752) and the text around it.
PROFILES = {
    "table": "2.7.1", "lines": (742, 752), "year": "2020/2021",
    # line, profile, classes, pupils, schools
    "rows": [
        (747, "tech", "49", "1031", "20"),
        (748, "science", "32", "627", "18"),
        (749, "humanities", "20", "483", "13"),
        (750, "socio-economic", "38", "840", "20"),
        (751, "universal", "94", "1778", "47"),
    ],
    "total": (752, "228", "4759", "62"),
    "text_classes": (736, "228", "91,5"),     # 228 classes = 91,5 % of all classes of grades 10–11
    "text_pupils": (738, "4759", "93,3"),     # 4759 pupils = 93,3 % of all pupils of grades 10–11
    # share of schools with 1, 2, 3, 4 profiles (lines 754–758)
    "text_profile_counts": [(754, 1, "46,8"), (756, 2, "25,8"), (758, 3, "17,7"), (758, 4, "9,7")],
}

# 2.8 — upbringing programmes by direction, 2019/2020 (lines 778–787): programmes, schools, share.
UPBRINGING = {
    "table": "2.8", "lines": (778, 787), "year": "2019/2020",
    "rows": [
        (778, "spiritual", "47", "33", "52,4"),
        (779, "patriotic", "56", "49", "77,7"),
        (780, "legal", "39", "34", "54"),
        (781, "economic", "21", "17", "27"),
        (782, "intellectual", "20", "13", "20,6"),
        (783, "local-history", "31", "28", "44,4"),
        (784, "ecological", "21", "20", "31,7"),
        (785, "health", "48", "30", "47,6"),
        (786, "tolerance", "36", "33", "52,4"),
        (787, "prevention", "80", "63", "100"),
    ],
}

# 2.9 — talents: participants and winners/prize-winners by level, 2019/2020 (lines 817–823).
TALENTS = {
    "table": "2.9", "lines": (817, 823), "year": "2019/2020",
    "rows": [
        (817, "international", "5405", "1072", "19,8"),
        (819, "federal", "20378", "1786", "8,8"),
        (821, "regional", "7579", "639", "8,4"),
        (823, "municipal", "24116", "2475", "10,3"),
    ],
}

# 2.10 — career guidance, 2019/2020 (lines 829–843): event, pupils, schools (where given).
CAREER = {
    "table": "2.10", "lines": (829, 843), "year": "2019/2020",
    "rows": [
        (829, "kadry-budushchego", "52", "13"),
        (833, "bilet-v-budushchee", "3685", "53"),
        (835, "festival-maksi", "200", "6"),
        (837, "police", "138", "7"),
        (839, "worldskills", "1925", "62"),      # «К участию были привлечены все образовательные организации»
        (841, "uroki-uspekha", "6468", None),
        (843, "proektoria", "13118", None),
    ],
    # the schools the text names for the same events: count them against the number it gives
    "named_schools": {829: 13, 835: 6, 837: 6},
    "previous": {(833, "2018/2019"): "1015", (841, "2018/2019"): "5404", (841, "2017/2018"): "3838",
                 (843, "2018/2019"): "13597", (843, "2017/2018"): "11100"},
}

# Table 2.12.1 — associations and pupils of additional education by direction (lines 853–871).
DOD_YEARS = ["2017/2018", "2018/2019", "2019/2020"]
DOD = {
    "table": "2.12.1", "lines": (853, 871),
    # direction, (line, associations ×3), (line, pupils ×3)
    "rows": [
        ("art", (858, ["320", "341", "442"]), (859, ["7248", "8222", "10395"])),
        ("technical", (860, ["135", "157", "178"]), (861, ["2368", "2702", "3319"])),
        ("sport", (862, ["334", "328", "346"]), (863, ["6921", "7809", "8217"])),
        ("social", (864, ["361", "395", "431"]), (865, ["7562", "8136", "9148"])),
        ("science", (866, ["329", "381", "344"]), (867, ["5587", "6277", "6066"])),
        ("tourism", (868, ["117", "160", "106"]), (869, ["2041", "1811", "2138"])),
    ],
    "total": ((870, ["1596", "1762", "1847"]), (871, ["31727", "34957", "39283"])),
}

# Section II opening (lines 453–457): organisations and pupils.
ORGANISATIONS = {"lines": (453, 457), "total": (453, "81"),
                 "parts": [(455, "61"), (455, "9"), (455, "8"), (455, "1"), (455, "1")],
                 "pupils": (457, "54280")}


def number(text):
    """The seed's number text as a float: «98,4» → 98.4, «74%» → 74, «61,3++» → 61.3;
    None for «-» and empty. Combined «4,1/48» cells are split by the caller."""
    if text is None:
        return None
    t = text.strip().replace("\u00a0", "").replace(" ", "").rstrip("%+")
    if t in ("", "-", "—"):
        return None
    return float(t.replace(",", "."))


def _values():
    """(line, text) for every value above, for verify()."""
    out = []
    for line, _c, _s, succ, qual in VPR["rows"]:
        out += [(line, v) for v in succ + qual]
    out += [(RKR["line"], v) for v in RKR["values"].values()]
    for line, _s, vals in GIA9_PARTICIPANTS["rows"]:
        out += [(line, v) for v in vals]
    out += [(GIA9_PARTICIPANTS["total"][0], v) for v in GIA9_PARTICIPANTS["total"][1]]
    for line, _y, d in GIA9_RESULTS["rows"]:
        out += [(line, v) for v in d.values()]
    for part in ("mean", "share80", "below_min", "city", "hundred", "schools_medal_share"):
        for line, _k, vals in EGE[part]["rows"]:
            out += [(line, v) for v in vals]
    for line, _s, *vals in DIAG10["rows"]:
        out += [(line, v) for v in vals]
    for line, _p, *vals in PROFILES["rows"]:
        out += [(line, v) for v in vals]
    out += [(PROFILES["total"][0], v) for v in PROFILES["total"][1:]]
    for line, _d, *vals in UPBRINGING["rows"] + TALENTS["rows"]:
        out += [(line, v) for v in vals]
    for line, _e, *vals in CAREER["rows"]:
        out += [(line, v) for v in vals if v is not None and line != 839 or v == "1925"]
    for _d, (l1, a), (l2, p) in DOD["rows"]:
        out += [(l1, v) for v in a] + [(l2, v) for v in p]
    for line, vals in DOD["total"]:
        out += [(line, v) for v in vals]
    return out


def verify(path=SEED):
    """Every value stands on its line of the seed (as a whole token). Returns the misses."""
    lines = open(path, encoding="utf-8").read().split("\n")
    misses = []
    for line, text in _values():
        tokens = re.split(r"[\t ()–;,]+", lines[line - 1].replace(",", ",")) + lines[line - 1].split("\t")
        if text not in lines[line - 1] or not (text in tokens or re.search(r"(?<![\d,])" + re.escape(text) + r"(?![\d,])", lines[line - 1])):
            misses.append((line, text))
    return misses


if __name__ == "__main__":
    m = verify(sys.argv[1] if len(sys.argv) > 1 else SEED)
    print(f"{len(_values())} values checked against the seed, {len(m)} not on their line: {m}")
    sys.exit(1 if m else 0)
