import Foundation
import SvodExpressions
import SvodSchema
import SvodSpreadsheet
import SvodTemplates
import SvodTestSupport
import SvodValidation
import SvodWorkbook
import SvodZip
import Testing

/// `svod template` for every form of the catalogue (iterated, never named: forms keep being
/// added) and the demo form of `Tests/Fixtures/templates` (a title sheet, fixed rows, «Всего»
/// rows, computed cells on a form sheet): the templates validate as blanks, filled ones
/// validate clean, and LibreOffice keeps their validations, protection and properties.
@Suite struct TemplateCommandTests {
    func svod(_ args: [String]) throws -> ProcessResult { try runProcess(TestPaths.svodBinary, args) }

    /// The project's forms and reference data with the demo form beside them.
    static func schemas(in dir: URL) throws -> (URL, SchemaCatalog) {
        let fm = FileManager.default
        let root = dir.appendingPathComponent("schemas")
        let forms = root.appendingPathComponent("forms")
        try fm.createDirectory(at: forms, withIntermediateDirectories: true)
        let source = TestPaths.packageRoot.appendingPathComponent("Schemas")
        for name in try fm.contentsOfDirectory(atPath: source.appendingPathComponent("forms").path) where name.hasSuffix(".yaml") {
            try fm.copyItem(at: source.appendingPathComponent("forms/\(name)"), to: forms.appendingPathComponent(name))
        }
        try fm.copyItem(at: TestPaths.packageRoot.appendingPathComponent("Tests/Fixtures/templates/demo.yaml"),
                        to: forms.appendingPathComponent("demo.yaml"))
        try fm.copyItem(at: source.appendingPathComponent("reference"), to: root.appendingPathComponent("reference"))
        let catalog = SchemaCatalog(directory: root.path)
        #expect(catalog.issues.isEmpty, "\(catalog.issues.map { $0.line(.en) })")
        #expect(catalog.forms.count >= 3)
        return (root, catalog)
    }

    /// Runs `svod validate --format json` on the files; the reports by file.
    func validate(_ files: [String], schemas: URL) throws -> [String: [String: Any]] {
        let r = try svod(["validate", "--schemas", schemas.path, "--format", "json"] + files)
        #expect(r.status != 2, "\(r.stderr)")
        let json = try JSONSerialization.jsonObject(with: r.stdout)
        let reports = (json as? [[String: Any]]) ?? [(json as? [String: Any]) ?? [:]]
        return Dictionary(reports.map { (($0["file"] as? String) ?? "", $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// What a blank template is reported for: its empty cells, tables and the form itself.
    /// What a blank template may say: values missing, and — checked beside the other forms'
    /// blank templates, which are no submissions either — that there is nothing to compare with.
    static let blankFindings: Set<String> = ["field.required", "sheet.empty", "form.empty", "crossform.not-compared"]

    static func findings(_ report: [String: Any]) -> [[String: Any]] { report["findings"] as? [[String: Any]] ?? [] }

    static func describe(_ findings: [[String: Any]]) -> String {
        findings.prefix(8).map { "\($0["rule"] ?? "") \($0["sheet"] ?? "")!\($0["cell"] ?? "") \($0["message"] ?? "")" }.joined(separator: "\n")
    }

    @Test func everyFormsBlankTemplateReportsOnlyMissingValuesAndIsKnownByItsMetadata() throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (schemas, catalog) = try Self.schemas(in: dir)
        let school = try catalog.school("co9")
        var files: [(path: String, form: FormSchema)] = []
        for format in ["xlsx", "ods"] {
            // The whole set for one school (school and period pre-filled), and every form blank.
            let named = dir.appendingPathComponent("co9-\(format)").path
            var r = try svod(["template", "--all", "--school", "co9", "--period", "2024/2025", "-o", named, "--format", format, "--schemas", schemas.path])
            #expect(r.status == 0, "\(r.stderr)")
            let blank = dir.appendingPathComponent("blank-\(format)").path
            r = try svod(["template", "--all", "-o", blank, "--format", format, "--schemas", schemas.path])
            #expect(r.status == 0, "\(r.stderr)")
            for form in catalog.forms {
                files.append(("\(blank)/\(form.id).\(format)", form))
                guard form.isSubmitted(by: school) else { continue }
                let fits = (try? form.checkPeriod("2024/2025")) != nil
                files.append(("\(named)/\(form.id)-co9\(fits ? "-2024-2025" : "").\(format)", form))
            }
        }
        let reports = try validate(files.map(\.path), schemas: schemas)
        for (path, form) in files {
            let report = try #require(reports[path], "no report for \(path)")
            #expect((report["form"] as? [String: Any])?["id"] as? String == form.id, "\(path): \(report["error"] ?? report["form"] ?? "")")
            let wrong = Self.findings(report).filter { !Self.blankFindings.contains($0["rule"] as? String ?? "") }
            #expect(wrong.isEmpty, "\(path):\n\(Self.describe(wrong))")
            // A blank template is no report: «ошибок нет» must never mean «пусто».
            #expect(Self.findings(report).contains { $0["rule"] as? String == "form.empty" }, "\(path): a blank template passed as filled")
            let reader = try Spreadsheet.open(path: path)
            #expect(try reader.customProperties["svod.form"] == form.id && reader.customProperties["svod.version"] == String(form.version))
            #expect(try FormDetector.detect(reader, in: catalog)?.id == form.id)
        }
    }

    /// Values a careful school would type: list items, numbers within bounds, and every
    /// `field = expression` rule made to hold by computing its left side.
    struct Filler {
        let catalog: SchemaCatalog
        let form: FormSchema

        func values(_ layout: TemplateLayout, period: String) -> [String: [CellReference: CellValue]] {
            var out: [String: [CellReference: CellValue]] = [:]
            for sheet in layout.sheets {
                let rows = sheet.schema.layout == .form || !sheet.schema.fixedRows.isEmpty ? sheet.rows : Array(sheet.rows.prefix(3))
                for (k, row) in rows.enumerated() where !row.isTotal {
                    var record: [String: ExpressionValue] = [:]
                    var typed: [String: CellValue] = [:]
                    for field in sheet.schema.fields {
                        guard let cell = row.cells[field.code] else { continue }
                        if let fixed = row.fixed[field.code] { record[field.code] = .text(fixed); continue }
                        guard sheet.inputs.contains(cell) else { continue }
                        let v = sample(field, k: sheet.schema.key.first == field.code ? k : 0, period: period)
                        typed[field.code] = v
                        record[field.code] = Self.expression(v)
                    }
                    satisfyRules(sheet, &typed, &record)
                    for (code, v) in typed { out[sheet.name, default: [:]][row.cells[code]!] = v }
                }
            }
            return out
        }

        private func satisfyRules(_ sheet: TemplateLayout.Sheet, _ typed: inout [String: CellValue], _ record: inout [String: ExpressionValue]) {
            for _ in 0..<3 {
                for rule in form.rules where rule.sheet == sheet.schema.id && !rule.crossPeriod {
                    guard let (op, left, right) = (try? Expression.parse(rule.check))?.topLevelComparison,
                          case .name(let code) = left, typed[code] != nil, let field = sheet.schema.field(code) else { continue }
                    let env = Env(values: record)
                    guard case .number(let want)? = try? right.evaluate(env), case .number(let have)? = try? left.evaluate(env) else { continue }
                    let holds: Bool
                    switch op {
                    case .equal: holds = have == want
                    case .notEqual: holds = have != want
                    case .less, .lessOrEqual: holds = op == .less ? have < want : have <= want
                    case .greater, .greaterOrEqual: holds = op == .greater ? have > want : have >= want
                    }
                    if holds { continue }
                    var value = NSDecimalNumber(decimal: want).doubleValue + (op == .less ? -1 : op == .greater ? 1 : 0)
                    if case .integer = field.type { value = value.rounded() }
                    typed[code] = .number(value)
                    record[code] = .number(Decimal(value))
                }
            }
        }

        func sample(_ field: FieldSchema, k: Int, period: String) -> CellValue {
            let org = catalog.organisations.first { $0.code == "co9" } ?? catalog.organisations.first
            func within(_ v: Double) -> Double { min(max(v, field.min ?? -.infinity), field.max ?? .infinity) }
            switch field.type {
            case .integer: return .number(within(10 + Double(k)))
            case .decimal, .percent: return .number(within(50))
            case .boolean: return .text("да")
            case .date: return .date(CivilDateTime(year: 2024, month: 9, day: 2)!)
            case .code(let list):
                if list == "organisations", let org {
                    // Key rows of a free table name different schools (partners), never the school itself.
                    let others = catalog.organisations.filter { $0.code != org.code }
                    return .text(k == 0 || others.isEmpty ? org.code : others[(k - 1) % others.count].code)
                }
                let items = catalog.list(list)?.items ?? []
                return items.isEmpty ? .text("?") : .text(items[k % items.count].name)
            case .inn: return .text(org?.inn ?? "7105010009")
            case .ogrn: return .text(org?.ogrn ?? "1027105020007")
            case .kpp: return .text("710501001")
            case .oktmo: return .text("70701000")
            case .text:
                if field.code == "period" { return .text(period) }
                if let first = field.allowed.first { return .text(first) }
                if let pattern = field.pattern {
                    let sample = String(pattern.dropFirst().dropLast()).replacingOccurrences(of: #"\d"#, with: "1")
                    return .text(sample.replacingOccurrences(of: "\\", with: ""))
                }
                return .text("Иванова Мария Петровна")
            }
        }

        static func expression(_ v: CellValue) -> ExpressionValue {
            switch v {
            case .number(let n): return .number(Decimal(n))
            case .text(let t): return .text(t)
            default: return .missing
            }
        }

        struct Env: ExpressionEnvironment {
            let values: [String: ExpressionValue]
            func value(of name: String) -> ExpressionValue { values[name] ?? .missing }
            func column(_ name: String) -> [ExpressionValue]? { nil }
        }
    }

    /// The files saved by LibreOffice headless in `format`, every formula recalculated on load;
    /// nil when it is absent.
    static func libreOffice(_ files: [String], to format: String, in dir: URL) throws -> URL? {
        let out = dir.appendingPathComponent("lo-\(format)")
        guard let r = try LibreOffice.convert(files, to: format, outdir: out, work: dir, recalculate: true) else { return nil }
        #expect(r.status == 0, "\(r.stderr)")
        return out
    }

    /// The filler types values that fit each field and computes what the template's formulas
    /// compute; a form's other rules (parts within wholes, sheets that must agree) ask for data a
    /// generic filler cannot invent, so only the field checks, the totals and the rules behind
    /// computed cells are held to no findings here (the samples check the rest with real data).
    static func templateFindings(_ report: [String: Any], _ form: FormSchema) -> [[String: Any]] {
        let behindFormulas = Set(form.rules.filter { rule in
            guard case .comparison(.equal, .name(let code), _)? = try? SvodExpressions.Expression.parse(rule.check) else { return false }
            return form.sheet(rule.sheet)?.field(code)?.computed == true
        }.map(\.id))
        let computed = Set(form.sheets.flatMap { $0.fields.filter(\.computed).map(\.code) })
        return findings(report).filter { f in
            let rule = f["rule"] as? String ?? ""
            // A share over 100 % comes from the filler's counts (a part larger than its whole).
            if rule == "field.range", computed.contains(f["field"] as? String ?? "") { return false }
            // The filled templates name no school: comparisons with other forms are left out, and say so.
            if rule == "crossform.not-compared" { return false }
            return !form.rules.contains { $0.id == rule } || behindFormulas.contains(rule)
        }
    }

    @Test func aFilledTemplateValidatesCleanAndItsFormulasComputeWhatTheRulesExpect() throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (schemas, catalog) = try Self.schemas(in: dir)
        var files: [String: [(String, FormSchema, TemplateLayout)]] = [:]
        for form in catalog.forms {
            let builder = TemplateBuilder(form: form, catalog: catalog)
            let period = ["2024/2025", "2025", "1 квартал 2025", "03.2025"].first { (try? form.checkPeriod($0)) != nil }
            let layout = builder.layout()
            let request = TemplateRequest(period: period, values: Filler(catalog: catalog, form: form).values(layout, period: period ?? "2024/2025"))
            for format in ["xlsx", "ods"] {
                let path = dir.appendingPathComponent("\(form.id).\(format)").path
                try builder.write(request, to: path, format: format == "xlsx" ? .xlsx : .ods)
                files[format, default: []].append((path, form, layout))
            }
        }
        var checked = files.values.flatMap { $0 }.map(\.0)
        // LibreOffice computes every formula on load (svod writes them without results once values are typed).
        var recalculated: [(String, FormSchema, TemplateLayout)] = []
        for (format, written) in files {
            guard let out = try Self.libreOffice(written.map(\.0), to: format, in: dir) else {
                print("notice: LibreOffice (soffice) is absent; filled templates checked without recalculation")
                break
            }
            recalculated += written.map { (out.appendingPathComponent(URL(fileURLWithPath: $0.0).lastPathComponent).path, $0.1, $0.2) }
        }
        checked += recalculated.map(\.0)
        let formOf = Dictionary(uniqueKeysWithValues: (files.values.flatMap { $0 } + recalculated).map { ($0.0, $0.1) })
        let reports = try validate(checked, schemas: schemas)
        for path in checked {
            let found = Self.templateFindings(try #require(reports[path], "no report for \(path)"), try #require(formOf[path]))
            #expect(found.count == 0, "\(path):\n\(Self.describe(found))")
        }
        // Every computed cell of a filled row holds a number after LibreOffice recalculated.
        for (path, _, layout) in recalculated {
            let dump = try WorkbookDump(Spreadsheet.open(path: path))
            for sheet in layout.sheets {
                for row in sheet.rows {
                    for field in sheet.schema.fields where field.computed {
                        guard let cell = row.cells[field.code], sheet.formulas.contains(cell) else { continue }
                        let filled = sheet.schema.layout == .form || !sheet.schema.fixedRows.isEmpty || row.index < sheet.rows[0].index + 3
                        guard filled else { continue }
                        if case .number = dump.value(sheet.name, cell.a1) { continue }
                        Issue.record("\(path): \(sheet.name)!\(cell.a1) (\(field.code)) is \(dump.value(sheet.name, cell.a1)), not a number")
                    }
                }
            }
        }
    }

    @Test func libreOfficeKeepsValidationsProtectionAndProperties() throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (schemas, catalog) = try Self.schemas(in: dir)
        var originals: [String: [String]] = [:]
        for format in ["xlsx", "ods"] {
            let out = dir.appendingPathComponent("t-\(format)").path
            let r = try svod(["template", "--all", "--school", "co9", "-o", out, "--format", format, "--schemas", schemas.path])
            #expect(r.status == 0, "\(r.stderr)")
            originals[format] = r.stdoutText.split(separator: "\n").map(String.init)
            #expect(originals[format]?.count == catalog.forms.filter { $0.isSubmitted(by: try! catalog.school("co9")) }.count)
        }
        guard let xlsxOut = try Self.libreOffice(originals["xlsx"]!, to: "xlsx", in: dir),
              let odsOut = try Self.libreOffice(originals["ods"]!, to: "ods", in: dir) else {
            print("notice: LibreOffice (soffice) is absent; skipped")
            return
        }
        let resaved = { (out: URL, files: [String]) in files.map { out.appendingPathComponent(URL(fileURLWithPath: $0).lastPathComponent).path } }
        // XLSX: openpyxl reads the same validations (type, cells, list source), protection, hidden lists and properties.
        if IndependentReader.python != nil {
            let script = TestPaths.packageRoot.appendingPathComponent("Tests/Tools/template_checks.py").path
            let paths = originals["xlsx"]! + resaved(xlsxOut, originals["xlsx"]!)
            let r = try runProcess(IndependentReader.python!, [script] + paths)
            #expect(r.status == 0, "\(r.stderr)")
            let docs = r.stdoutText.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
            try #require(docs.count == paths.count)
            let byFile = Dictionary(docs.map { ($0["file"] as! String, $0) }, uniquingKeysWith: { a, _ in a })
            for (original, copy) in zip(originals["xlsx"]!, resaved(xlsxOut, originals["xlsx"]!)) {
                let a = try #require(byFile[original]), b = try #require(byFile[copy])
                #expect(a["error"] is NSNull && b["error"] is NSNull, "\(a["error"] ?? "") \(b["error"] ?? "")")
                for doc in [a, b] {
                    let custom = doc["custom"] as? [String: Any]
                    #expect(custom?["svod.form"] as? String != nil && custom?["svod.school"] as? String == "co9", "\(doc["file"] ?? "")")
                }
                #expect((a["custom"] as? [String: String]) == (b["custom"] as? [String: String]))
                let sa = a["sheets"] as? [[String: Any]] ?? [], sb = b["sheets"] as? [[String: Any]] ?? []
                #expect(sa.map { $0["name"] as? String } == sb.map { $0["name"] as? String })
                for (x, y) in zip(sa, sb) {
                    let name = x["name"] as? String ?? ""
                    #expect(x["protected"] as? Bool == true && y["protected"] as? Bool == true, "\(copy) \(name) lost its protection")
                    #expect(x["state"] as? String == y["state"] as? String)
                    #expect((x["validations"] as? [[String]]) == (y["validations"] as? [[String]]), "\(copy) \(name): validations differ")
                    #expect(x["unlocked"] as? Int == y["unlocked"] as? Int, "\(copy) \(name): unlocked cells differ")
                }
                let lists = sa.first { $0["name"] as? String == TemplateBuilder.listsSheet }
                #expect(lists?["state"] as? String == "hidden")
                let validations = sa.flatMap { $0["validations"] as? [[String]] ?? [] }
                #expect(validations.contains { $0[0] == "list" && $0[2].hasPrefix("Списки!") }, "\(original): no list from «Списки»")
            }
        } else {
            print("notice: no .venv; openpyxl checks skipped")
        }
        // ODS: content.xml keeps the content validations, the cells that use them, and the protection.
        for (original, copy) in zip(originals["ods"]!, resaved(odsOut, originals["ods"]!)) {
            let a = try Self.odsFacts(original), b = try Self.odsFacts(copy)
            #expect(b.validations == a.validations, "\(copy): validations \(b.validations) vs \(a.validations)")
            #expect(b.protected == a.protected && a.protected >= 4, "\(copy): protected sheets \(b.protected) vs \(a.protected)")
            #expect(b.validatedCells > 0)
            #expect(try Spreadsheet.open(path: copy).customProperties["svod.form"] != nil)
        }
        // And svod still sees blank templates in what LibreOffice saved.
        let copies = resaved(xlsxOut, originals["xlsx"]!) + resaved(odsOut, originals["ods"]!)
        let reports = try validate(copies, schemas: schemas)
        for path in copies {
            let wrong = Self.findings(reports[path] ?? [:]).filter { !Self.blankFindings.contains($0["rule"] as? String ?? "") }
            #expect(reports[path]?["form"] != nil && wrong.isEmpty, "\(path):\n\(Self.describe(wrong))")
        }
    }

    /// Conditions of the content validations (kinds only, LibreOffice respells the rest), how
    /// many cells name one, and how many tables are protected.
    static func odsFacts(_ path: String) throws -> (validations: [String], validatedCells: Int, protected: Int) {
        let archive = try ZipArchive(path: path)
        let content = String(decoding: try archive.read(try #require(archive.entry(named: "content.xml"))), as: UTF8.self)
        func matches(_ pattern: String) -> [String] {
            let re = try! NSRegularExpression(pattern: pattern)
            return re.matches(in: content, range: NSRange(content.startIndex..., in: content)).map {
                String(content[Range($0.range(at: $0.numberOfRanges > 1 ? 1 : 0), in: content)!])
            }
        }
        let kinds = matches(#"table:condition="(?:of:)?([a-z-]+)\("#).sorted()
        return (kinds, matches(#"table:content-validation-name="#).count, matches(#"<table:table [^>]*table:protected="true""#).count)
    }

    @Test func refusalsAreOneLineWithExitTwo() throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (schemas, _) = try Self.schemas(in: dir)
        let out = dir.appendingPathComponent("t.xlsx").path
        let cases: [([String], String)] = [
            (["--form", "demo", "--school", "nosuch"], "nosuch"),
            (["--form", "demo", "--period", "2024/2026"], "2024/2026"),
            (["--form", "nosuch"], "nosuch"),
        ]
        for (args, mention) in cases {
            let r = try svod(["template"] + args + ["-o", out, "--schemas", schemas.path])
            #expect(r.status == 2, "\(args): \(r.stderr)")
            #expect(r.stderr.split(separator: "\n").count == 1 && r.stderr.contains(mention), "\(args): \(r.stderr)")
            #expect(!FileManager.default.fileExists(atPath: out))
        }
        let en = try svod(["template", "--form", "demo", "--school", "nosuch", "-o", out, "--schemas", schemas.path, "--lang", "en"])
        #expect(en.status == 2 && en.stderr.contains("there is no organisation"))
        let usage = try svod(["template", "--form", "demo", "--all", "-o", out, "--schemas", schemas.path])
        #expect(usage.status == 2)
        let ext = try svod(["template", "--form", "demo", "-o", dir.appendingPathComponent("t.csv").path, "--schemas", schemas.path])
        #expect(ext.status == 2 && ext.stderr.contains(".xlsx"))
        let ok = try svod(["template", "--form", "demo", "--school", "co9", "--period", "2024/2025", "-o", out, "--schemas", schemas.path])
        #expect(ok.status == 0 && FileManager.default.fileExists(atPath: out), "\(ok.stderr)")
    }
}
