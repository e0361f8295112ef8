import Foundation
import SvodSchema
import SvodSpreadsheet
import SvodTemplates
import SvodTestSupport
import SvodWorkbook
import Testing

/// Templates that check as the school types: a template filled with planted mistakes,
/// recalculated and printed by LibreOffice, shows the conditional formats' red (a warning's
/// yellow) on exactly the cells `svod validate` reports for those rules — read back by
/// sampling the rendered page under each typed number — and its note column says why.
/// `SVOD_KEEP_RENDERS=DIR` keeps the pages.
@Suite struct LiveChecksRenderTests {
    /// A typed number's place on a rendered page, in points.
    struct Word {
        let page: Int
        let text: String
        let box: (x0: Double, y0: Double, x1: Double, y1: Double)
    }

    static let dpi = 100.0

    /// Every word of the PDF with its box (`pdftotext -bbox`).
    static func words(_ pdf: URL) throws -> [Word] {
        let html = try runProcess(URL(fileURLWithPath: "/usr/bin/pdftotext"), ["-bbox", pdf.path, "-"]).stdoutText
        var out: [Word] = []
        var page = 0
        let word = try NSRegularExpression(pattern: #"<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>"#)
        for line in html.split(separator: "\n") {
            if line.contains("<page ") { page += 1; continue }
            let s = String(line)
            guard let m = word.firstMatch(in: s, range: NSRange(s.startIndex..., in: s)) else { continue }
            let g = (1...5).map { String(s[Range(m.range(at: $0), in: s)!]) }
            out.append(Word(page: page, text: g[4], box: (Double(g[0])!, Double(g[1])!, Double(g[2])!, Double(g[3])!)))
        }
        return out
    }

    /// A binary PPM: width, height and the pixels' offset.
    struct Image {
        let bytes: [UInt8]
        let width: Int, height: Int, offset: Int

        init(_ data: Data) throws {
            bytes = [UInt8](data)
            var fields: [String] = []
            var i = 0
            while fields.count < 4 {
                while bytes[i] == 0x20 || bytes[i] == 0x0A { i += 1 }
                var j = i
                while bytes[j] != 0x20 && bytes[j] != 0x0A { j += 1 }
                fields.append(String(decoding: bytes[i..<j], as: UTF8.self))
                i = j
            }
            guard fields[0] == "P6", let w = Int(fields[1]), let h = Int(fields[2]) else { throw CocoaError(.fileReadCorruptFile) }
            width = w; height = h; offset = i + 1
        }

        /// Pixels within 12 of `color` in the box (points): its middle band, which a glyph's
        /// ascent and descent cannot carry into the next row's fill, widened to the left where a
        /// right-aligned number leaves its cell's fill.
        func count(_ color: Color, in box: (x0: Double, y0: Double, x1: Double, y1: Double)) -> Int {
            let k = LiveChecksRenderTests.dpi / 72
            let band = (box.y1 - box.y0) / 4
            let x0 = max(0, Int((box.x0 - 4) * k)), x1 = min(width - 1, Int(box.x1 * k))
            let y0 = max(0, Int((box.y0 + band) * k)), y1 = min(height - 1, Int((box.y1 - band) * k))
            guard x0 <= x1, y0 <= y1 else { return 0 }
            var n = 0
            for y in y0...y1 {
                for x in x0...x1 {
                    let p = offset + (y * width + x) * 3
                    if abs(Int(bytes[p]) - Int(color.red)) <= 12 && abs(Int(bytes[p + 1]) - Int(color.green)) <= 12
                        && abs(Int(bytes[p + 2]) - Int(color.blue)) <= 12 { n += 1 }
                }
            }
            return n
        }
    }

    /// A filled template to check: its values, and the typed numbers whose cells are looked at.
    struct Case {
        let name: String
        let form: FormSchema
        let request: TemplateRequest
        /// Sheet name and cell of each typed number, by the number's text.
        let probes: [String: (sheet: String, cell: CellReference)]
    }

    /// ВПР: five rows with participants 101…105, two of them (103, 105) with marks that add up to less.
    static func vpr(_ catalog: SchemaCatalog, planted: Bool) throws -> Case {
        let form = try #require(catalog.form("vpr"))
        let builder = TemplateBuilder(form: form, catalog: catalog)
        let layout = builder.layout()
        var values = TemplateCommandTests.Filler(catalog: catalog, form: form).values(layout, period: "2024/2025")
        let sheet = try #require(layout.sheet("results"))
        values[sheet.name] = [:]
        let classes = try #require(catalog.list("classes")).items, subjects = try #require(catalog.list("subjects")).items
        var probes: [String: (String, CellReference)] = [:]
        for k in 0..<5 {
            let row = sheet.rows[k]
            let n = 101 + k
            let short = planted && (k == 2 || k == 4) ? 3 : 0
            let typed: [String: CellValue] = ["class": .text(classes[3 + k].name), "subject": .text(subjects[0].name), "n": .number(Double(n)),
                                              "n5": .number(25), "n4": .number(25), "n3": .number(25), "n2": .number(Double(n - 75 - short))]
            for (code, v) in typed { values[sheet.name, default: [:]][row.cells[code]!] = v }
            probes[String(n)] = (sheet.name, row.cells["n"]!)
        }
        return Case(name: planted ? "vpr-planted" : "vpr-clean", form: form, request: TemplateRequest(period: "2024/2025", values: values),
                    probes: probes)
    }

    /// The director's form sheet: every number typed distinct (whole numbers 101, 104, …; decimals
    /// 30.00, 30.01, …), so that some parts exceed their wholes and the НОКУ score is under 40.
    static func director(_ catalog: SchemaCatalog) throws -> Case {
        let form = try #require(catalog.form("director"))
        let layout = TemplateBuilder(form: form, catalog: catalog).layout()
        var values = TemplateCommandTests.Filler(catalog: catalog, form: form).values(layout, period: "2024/2025")
        let sheet = try #require(layout.sheet("inputs"))
        var probes: [String: (String, CellReference)] = [:]
        for (i, field) in sheet.schema.fields.enumerated() {
            guard let places = field.type.places, let cell = sheet.rows[0].cells[field.code], sheet.inputs.contains(cell) else { continue }
            let v = places == 0 ? Double(101 + 3 * i) : 30 + Double(i) / pow(10, Double(places))
            values[sheet.name, default: [:]][cell] = .number(v)
            probes[places == 0 ? String(Int(v)) : String(format: "%.\(places)f", v)] = (sheet.name, cell)
        }
        return Case(name: "director", form: form, request: TemplateRequest(period: "2024/2025", values: values), probes: probes)
    }

    @Test func theColouredCellsAreTheCellsTheValidatorReports() throws {
        guard LibreOffice.isInstalled, FileManager.default.isExecutableFile(atPath: "/usr/bin/pdftoppm") else {
            print("notice: LibreOffice or poppler-utils is missing; the templates' live checks are not rendered")
            return
        }
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (schemas, catalog) = try TemplateCommandTests.schemas(in: dir)
        let cases = [try Self.vpr(catalog, planted: true), try Self.vpr(catalog, planted: false), try Self.director(catalog)]
        var files: [String: [(String, Case)]] = [:]
        for c in cases {
            for format in ["xlsx", "ods"] {
                let path = dir.appendingPathComponent("\(c.name).\(format)").path
                try TemplateBuilder(form: c.form, catalog: catalog).write(c.request, to: path, format: format == "xlsx" ? .xlsx : .ods)
                files[format, default: []].append((path, c))
            }
        }
        var reds = 0, yellows = 0
        for (format, written) in files {
            // What the validator says of the file as LibreOffice computed it, and what LibreOffice prints.
            let saved = try #require(try TemplateCommandTests.libreOffice(written.map(\.0), to: format, in: dir))
            let printed = dir.appendingPathComponent("pdf-\(format)")
            let r = try #require(try LibreOffice.convert(written.map(\.0), to: "pdf", outdir: printed, work: dir, recalculate: true))
            #expect(r.status == 0, "\(r.stderr)")
            for (path, c) in written {
                let file = URL(fileURLWithPath: path).lastPathComponent
                let stem = (file as NSString).deletingPathExtension
                let report = try #require(try validate([saved.appendingPathComponent(file).path], schemas: schemas).values.first)
                let live = Set(TemplateBuilder(form: c.form, catalog: catalog).liveRuleIDs)
                var expected: [String: String] = [:]  // "sheet!cell" → severity
                for f in TemplateCommandTests.findings(report) where live.contains(f["rule"] as? String ?? "") {
                    let key = "\(f["sheet"] ?? "")!\(f["cell"] ?? "")"
                    if expected[key] != "error" { expected[key] = f["severity"] as? String }
                }
                let (red, yellow) = try colours(c, pdf: printed.appendingPathComponent(stem + ".pdf"), dir: dir, stem: "\(stem)-\(format)")
                let reported = Set(c.probes.values.map { "\($0.sheet)!\($0.cell.a1)" })
                #expect(Set(red) == Set(expected.filter { $0.value == "error" && reported.contains($0.key) }.keys),
                        "\(file): red \(red.sorted()), the validator's errors \(expected.filter { $0.value == "error" }.keys.sorted())")
                #expect(Set(yellow) == Set(expected.filter { $0.value == "warning" && reported.contains($0.key) }.keys),
                        "\(file): yellow \(yellow.sorted()), the validator's warnings \(expected.filter { $0.value == "warning" }.keys.sorted())")
                if c.name == "vpr-planted" {
                    #expect(Set(red) == ["ВПР!C7", "ВПР!C9"], "\(file): \(red)")
                    let text = try runProcess(URL(fileURLWithPath: "/usr/bin/pdftotext"), [printed.appendingPathComponent(stem + ".pdf").path, "-"]).stdoutText
                    #expect(text.contains("Участников 103, а сумма отметок") && text.contains("Участников 105, а сумма отметок"),
                            "\(file): the note column says why")
                    #expect(!text.contains("Участников 101,"), "\(file): no note on a row that adds up")
                }
                if c.name == "vpr-clean" { #expect(red.isEmpty && expected.isEmpty, "\(file): \(red) \(expected)") }
                reds += red.count
                yellows += yellow.count
            }
        }
        #expect(reds >= 6 && yellows >= 2, "the planted fills show red (\(reds)) and yellow (\(yellows)) cells")
    }

    /// A message without what the programs print differently: numbers (decimal point or
    /// comma, grouping) and spaces.
    static func letters(_ s: String) -> String {
        String(s.unicodeScalars.filter { !CharacterSet.decimalDigits.contains($0) && !CharacterSet.whitespacesAndNewlines.contains($0)
            && $0 != "." && $0 != "," && $0 != "\u{A0}" && $0 != "-" && $0 != "−" }.map(Character.init))
    }

    /// Every form's template filled by the careful filler (whose counts break some of a form's
    /// rules and keep others), recalculated by LibreOffice: each row's note column says exactly
    /// the messages `svod validate` gives for the live rules on that row, in the rules' order.
    @Test(arguments: ["xlsx", "ods"])
    func everyFormsNotesSayWhatTheValidatorSays(_ format: String) throws {
        guard LibreOffice.isInstalled else {
            print("notice: LibreOffice is missing; the templates' notes are not recalculated")
            return
        }
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (schemas, catalog) = try TemplateCommandTests.schemas(in: dir)
        var written: [(String, FormSchema)] = []
        for form in catalog.forms {
            let builder = TemplateBuilder(form: form, catalog: catalog)
            let period = ["2024/2025", "2025", "1 квартал 2025", "03.2025"].first { (try? form.checkPeriod($0)) != nil } ?? "2024/2025"
            let request = TemplateRequest(period: period, values: TemplateCommandTests.Filler(catalog: catalog, form: form).values(builder.layout(), period: period))
            let path = dir.appendingPathComponent("\(form.id).\(format)").path
            try builder.write(request, to: path, format: format == "xlsx" ? .xlsx : .ods)
            written.append((path, form))
        }
        let saved = try #require(try TemplateCommandTests.libreOffice(written.map(\.0), to: format, in: dir))
        var notes = 0, firing = 0
        for (path, form) in written {
            let file = URL(fileURLWithPath: path).lastPathComponent
            let order = TemplateBuilder(form: form, catalog: catalog).liveRuleIDs
            let report = try #require(try validate([saved.appendingPathComponent(file).path], schemas: schemas).values.first)
            // Live findings by sheet and row, in the order the note writes them.
            var expected: [String: [Int: [String]]] = [:]
            for f in TemplateCommandTests.findings(report).sorted(by: { order.firstIndex(of: $0["rule"] as? String ?? "") ?? 0 < order.firstIndex(of: $1["rule"] as? String ?? "") ?? 0 }) {
                guard let rule = f["rule"] as? String, order.contains(rule), let sheet = f["sheet"] as? String,
                      let cell = (f["cell"] as? String).flatMap(CellReference.init) else { continue }
                expected[sheet, default: [:]][cell.row, default: []].append(f["message"] as? String ?? "")
            }
            let original = try WorkbookDump(Spreadsheet.open(path: path))
            let computed = try WorkbookDump(Spreadsheet.open(path: saved.appendingPathComponent(file).path))
            var seen: [String: Set<Int>] = [:]
            for (sheet, cells) in original.cells {
                for (a1, cell) in cells where cell.formula?.contains("MID(IF(IFERROR") == true {
                    let ref = try #require(CellReference(a1))
                    notes += 1
                    seen[sheet, default: []].insert(ref.row)
                    var shown = ""
                    if case .text(let t) = computed.value(sheet, a1) { shown = t }
                    let want = (expected[sheet]?[ref.row] ?? []).joined(separator: "; ")
                    if !want.isEmpty { firing += 1 }
                    #expect(Self.letters(shown) == Self.letters(want), "\(file) \(sheet)!\(a1): the note says «\(shown)», the validator «\(want)»")
                }
            }
            for (sheet, rows) in expected {
                for row in rows.keys where seen[sheet]?.contains(row) != true {
                    Issue.record("\(file): \(sheet) row \(row + 1) has live findings but no note: \(rows[row]!)")
                }
            }
        }
        #expect(notes > 100 && firing > 10, "\(notes) notes, \(firing) of them firing")
    }

    /// The probes' cells drawn red and drawn yellow, as "sheet!cell".
    func colours(_ c: Case, pdf: URL, dir: URL, stem: String) throws -> (red: [String], yellow: [String]) {
        let prefix = dir.appendingPathComponent(stem).path
        let r = try runProcess(URL(fileURLWithPath: "/usr/bin/pdftoppm"), ["-r", String(Int(Self.dpi)), pdf.path, prefix])
        #expect(r.status == 0, "\(r.stderr)")
        let words = try Self.words(pdf)
        var pages: [Int: Image] = [:]
        var red: [String] = [], yellow: [String] = []
        for (text, place) in c.probes {
            // The typed number, not its echo in a note further right.
            guard let w = words.filter({ $0.text == text }).min(by: { $0.box.x0 < $1.box.x0 }) else {
                Issue.record("\(stem): \(text) (\(place.sheet)!\(place.cell.a1)) is not on any page")
                continue
            }
            if pages[w.page] == nil {
                let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasPrefix(stem + "-") && $0.hasSuffix(".ppm") }
                let name = try #require(names.first { Int($0.dropFirst(stem.count + 1).dropLast(4)) == w.page })
                pages[w.page] = try Image(Data(contentsOf: dir.appendingPathComponent(name)))
            }
            let image = pages[w.page]!
            let key = "\(place.sheet)!\(place.cell.a1)"
            if image.count(Color.errorFill, in: w.box) > 8 { red.append(key) }
            if image.count(Color.warningFill, in: w.box) > 8 { yellow.append(key) }
        }
        if let keep = ProcessInfo.processInfo.environment["SVOD_KEEP_RENDERS"], !keep.isEmpty {
            try? FileManager.default.createDirectory(atPath: keep, withIntermediateDirectories: true)
            _ = try? runProcess(URL(fileURLWithPath: "/usr/bin/pdftoppm"), ["-png", "-r", "70", pdf.path, keep + "/live-" + stem])
        }
        return (red, yellow)
    }

    func validate(_ files: [String], schemas: URL) throws -> [String: [String: Any]] {
        try TemplateCommandTests().validate(files, schemas: schemas)
    }
}
