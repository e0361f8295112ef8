import Foundation
import SvodTestSupport
import Testing

/// The Section II tables that count schools or print two values in a cell, from the bundled
/// schools' files: the seed's figures where the samples carry them (2.5.1–2.5.5's mathematics,
/// 2.7.1's schools, 2.8, 2.9), and where they do not (2.5.6, 2.10) the figures the schools' own
/// rows give, counted here independently of svod's tallies.
@Suite struct ProgrammeTablesCommandTests {
    static let samples = TestPaths.packageRoot.appendingPathComponent("Samples")
    func svod(_ args: [String]) throws -> ProcessResult { try runProcess(TestPaths.svodBinary, args) }
    func folder(_ year: String, _ form: String) -> String { Self.samples.appendingPathComponent("\(year)/\(form)").path }

    /// The rows of the named sheets of a workbook, as openpyxl reads them (cached values).
    func sheets(_ python: URL, _ path: String, _ names: [String]) throws -> [String: [[Any]]] {
        let r = try runProcess(python, ["-c", """
            import json, openpyxl, sys
            wb = openpyxl.load_workbook(sys.argv[1], data_only=True)
            print(json.dumps({n: [list(r) for r in wb[n].iter_rows(values_only=True)] for n in sys.argv[2:]}, ensure_ascii=False))
            """, path] + names)
        #expect(r.status == 0, "\(r.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(r.stdoutText.utf8)) as? [String: [[Any]]])
    }

    /// The row whose first cell is `label`, its other cells as text («—», «4/56,5») or numbers.
    func row(_ rows: [[Any]]?, _ label: String) -> [String] {
        guard let r = rows?.first(where: { $0.first as? String == label }) else { return [] }
        return r.dropFirst().map { v in
            if let n = v as? NSNumber { return "\(Decimal(string: n.stringValue) ?? 0)" }
            return v as? String ?? ""
        }
    }

    /// The schools' own rows of one sheet from `--schools` JSON: school → field → number.
    func schoolRows(_ path: String, form: String, sheet: String) throws -> [[String: Double]] {
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
        let f = try #require((doc["forms"] as? [[String: Any]])?.first { $0["id"] as? String == form })
        let s = try #require((f["sheets"] as? [[String: Any]])?.first { $0["id"] as? String == sheet })
        return (s["schools"] as? [[String: Any]] ?? []).map { ($0["values"] as? [String: Any] ?? [:]).compactMapValues { ($0 as? NSNumber)?.doubleValue } }
    }

    /// A combined cell's numbers.
    func parts(_ cell: String) -> [Decimal?] {
        cell.split(separator: "/").map { $0 == "-" ? nil : Decimal(string: $0.replacingOccurrences(of: ",", with: ".")) }
    }

    @Test func theYear2019_2020ReproducesTheSeed() throws {
        guard let python = IndependentReader.python else { print("notice: no .venv; the programme tables are not read back"); return }
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("city.xlsx").path
        let inputs = ["ege", "upbringing", "talents"].map { folder("2019-2020", $0) } + [folder("2018-2019", "ege")]
        let r = try svod(["consolidate"] + inputs + ["--period", "2019/2020", "-o", out])
        #expect(r.status == 0, "\(r.stdoutText)\(r.stderr)")
        let t = try sheets(python, out, ["Таблица 2.5.1", "Таблица 2.5.2", "Таблица 2.5.3", "Таблица 2.5.5", "Таблица 2.5.6", "Таблица 2.8", "Таблица 2.9"])

        // 2.5.1 and 2.5.3 (lines 619, 635): mathematics base/profile in one cell; 2017/2018 has no files.
        let mean = row(t["Таблица 2.5.1"], "Математика (базовый/профильный уровень)")
        #expect(mean == ["—", "4/56,5", "-/49,7"], "\(mean)")
        #expect(mean.dropFirst().map(parts) == ["4/56,5", "-/49,7"].map(parts))
        #expect(row(t["Таблица 2.5.3"], "Математика (базовый/профильный уровень)") == ["—", "16/0", "-/112"])
        #expect(row(t["Таблица 2.5.1"], "Русский язык") == ["—", "71.9", "71.7"] && row(t["Таблица 2.5.1"], "Физика") == ["—", "55.2", "52.2"])
        // 2.5.2 and 2.5.5 (lines 627, 651): profile mathematics, one value.
        #expect(row(t["Таблица 2.5.2"], "Математика (профильный уровень)") == ["—", "14.8", "9.6"])
        #expect(row(t["Таблица 2.5.5"], "Математика (профильный уровень)") == ["—", "5", "1"])

        // 2.8 (lines 778–787): programmes, schools with any, their share of the 63 that sent the form.
        // The seed's patriotic 77,7 % is 49 / 63 = 77,78 rounded down (Samples/README «Where the seed
        // does not add up», 7): the table prints 77,8.
        let upbringing: [(String, [String])] = [
            ("Духовно-нравственное воспитание", ["47", "33", "52.4"]), ("Патриотическое воспитание", ["56", "49", "77.8"]),
            ("Гражданское (гражданско-правовое) воспитание", ["39", "34", "54"]), ("Экономическая направленность", ["21", "17", "27"]),
            ("Интеллектуальное воспитание, популяризация научных знаний", ["20", "13", "20.6"]),
            ("Краеведческая направленность", ["31", "28", "44.4"]), ("Экологическое воспитание", ["21", "20", "31.7"]),
            ("Физическое воспитание и формирование культуры здоровья", ["48", "30", "47.6"]),
            ("Формирование толерантности", ["36", "33", "52.4"]), ("Первичная профилактика негативных явлений", ["80", "63", "100"]),
        ]
        for (label, seed) in upbringing { #expect(row(t["Таблица 2.8"], label) == seed, "2.8 \(label): \(row(t["Таблица 2.8"], label))") }
        #expect(t["Таблица 2.8"]?.count == 2 + upbringing.count)

        // 2.9 (lines 817–823): participations, winners and prize-winners, their share, by level.
        let talents: [(String, [String])] = [("Международный", ["5405", "1072", "19.8"]), ("Заключительный (всероссийский)", ["20378", "1786", "8.8"]),
                                             ("Региональный", ["7579", "639", "8.4"]), ("Муниципальный", ["24116", "2475", "10.3"])]
        for (label, seed) in talents { #expect(row(t["Таблица 2.9"], label) == seed, "2.9 \(label): \(row(t["Таблица 2.9"], label))") }

        // 2.5.6: the samples do not place the schools in the seed's bands (7/8/19, 2/8/28, 3/11/24):
        // the table must give what the schools' own rows give, counted here from `--schools`.
        var expected: [[String]] = [["—"], ["—"], ["—"]]
        for year in ["2018-2019", "2019-2020"] {
            let json = dir.appendingPathComponent("ege-\(year).json").path
            let e = try svod(["consolidate", folder(year, "ege"), "--schools", "-o", json])
            #expect(e.status == 0, "\(e.stderr)")
            let shares = try schoolRows(json, form: "ege", sheet: "summary").compactMap { v -> Double? in
                guard let g = v["grads"], g > 0, let m = v["medals"] else { return nil }
                return m * 100 / g
            }
            // Medals × 100 and graduates are whole numbers: comparing m × 100 > 30 × g would be exact; as
            // doubles no sample school sits within rounding of a band's edge except exactly on it (30 %).
            for (i, (low, high)) in [(30.0, Double.infinity), (20.0, 30.0), (10.0, 20.0)].enumerated() {
                expected[i].append("\(shares.filter { $0 > low + 1e-9 && $0 <= high + 1e-9 }.count)")
            }
        }
        let medalRows = try #require(t["Таблица 2.5.6"]).dropFirst(2).map { r in row([r], r.first as? String ?? "") }
        #expect(medalRows == expected, "\(medalRows) vs \(expected)")
    }

    @Test func theYear2020_2021CountsSchoolsWithAProfile() throws {
        guard let python = IndependentReader.python else { print("notice: no .venv; the programme tables are not read back"); return }
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("city.xlsx").path, json = dir.appendingPathComponent("career.json").path
        let r = try svod(["consolidate", folder("2020-2021", "career"), "-o", out])
        #expect(r.status == 0, "\(r.stdoutText)\(r.stderr)")
        let t = try sheets(python, out, ["Таблица 2.7.1", "Таблица 2.10"])
        // 2.7.1 (lines 747–752): schools with classes of the profile — every school has every profile's row.
        for (label, seed) in [("Технологический", "20"), ("Естественно-научный", "18"), ("Гуманитарный", "13"),
                              ("Социально-экономический", "20"), ("Универсальный", "47"), ("ИТОГО:", "62")] {
            #expect(row(t["Таблица 2.7.1"], label).last == seed, "2.7.1 \(label): \(row(t["Таблица 2.7.1"], label))")
        }
        // 2.10: the samples' career figures are of 2020/2021 and made up (the seed's are of 2019/2020):
        // the sums and the schools with any participant, counted here from `--schools`.
        let c = try svod(["consolidate", folder("2020-2021", "career"), "--schools", "-o", json])
        #expect(c.status == 0, "\(c.stderr)")
        let guidance = try schoolRows(json, form: "career", sheet: "guidance")
        func sum(_ f: String) -> String { "\(Int(guidance.compactMap { $0[f] }.reduce(0, +)))" }
        func schools(_ f: String) -> String { "\(guidance.filter { ($0[f] ?? 0) > 0 }.count)" }
        for (label, value) in [("«Кадры будущего для регионов»: обучающихся в проектных командах", sum("future_staff")),
                               ("«Кадры будущего для регионов»: ОО", schools("future_staff")),
                               ("«Билет в будущее»: обучающихся", sum("ticket")), ("«Билет в будущее»: ОО", schools("ticket")),
                               ("«Уроки успеха»: участников", sum("success_lessons")), ("Форум «ПроеКТОриЯ»: участников", sum("proektoria"))] {
            #expect(row(t["Таблица 2.10"], label) == ["—", "—", value], "2.10 \(label): \(row(t["Таблица 2.10"], label))")
        }
    }
}
