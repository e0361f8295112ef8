import Foundation
import SvodLocale

/// Every form schema in a folder (`Schemas/forms/*.yaml`), loaded and checked together.
public struct SchemaCatalog: Sendable {
    /// The forms, by id order.
    public let forms: [FormSchema]
    /// Reference code lists, by id order (the registry is also the list `organisations`).
    public let lists: [CodeList]
    /// The department's organisations.
    public let organisations: [Organisation]
    /// Registry code → position in `organisations` (the first, when a code repeats).
    private let organisationIndex: [String: Int]
    /// Reference tables for LOOKUP, by id.
    public let tables: [String: ThresholdTable]
    /// Every mistake found, in file order.
    public let issues: [SchemaIssue]
    /// The programme's Section II tables a consolidation computes (`tables/*.yaml`), by id.
    public let programmeTables: [ProgrammeTable]
    /// The risk-zone criteria (`indicators/risk-zones.yaml`), when the catalogue declares them.
    public let riskZones: RiskZones?
    /// The director rubric (`indicators/director-rubric.yaml`), when the catalogue declares it.
    public let directorRubric: DirectorRubric?
    /// The shares and counts of schools (`indicators/school-shares.yaml`), when the catalogue declares them.
    public let schoolShares: SchoolShares?
    /// The measures a school's card recommends (`indicators/recommendations.yaml`).
    public let recommendations: Recommendations?

    /// The organisation with this registry code, found in constant time (a consolidation of
    /// 10 000 schools asks it for every row it writes).
    public func organisation(code: String) -> Organisation? {
        organisationIndex[code].map { organisations[$0] }
    }

    /// Loads `directory/forms/*.yaml` (or `directory/*.yaml` when there is no `forms` folder).
    public init(directory: String) {
        let fm = FileManager.default
        let formsDir = (directory as NSString).appendingPathComponent("forms")
        let dir = fm.fileExists(atPath: formsDir) ? formsDir : directory
        let files = ((try? fm.contentsOfDirectory(atPath: dir)) ?? [])
            .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
        var forms: [FormSchema] = []
        var issues: [SchemaIssue] = []
        for name in files {
            let path = (dir as NSString).appendingPathComponent(name)
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                issues.append(SchemaIssue(SourceLocation(file: path, line: 1, column: 1), ru: "не удалось прочитать файл (нужен UTF-8)",
                                          en: "cannot read the file (UTF-8 expected)"))
                continue
            }
            let (form, found) = SchemaLoader.form(text, file: path)
            issues += found
            if let form { forms.append(form) }
        }
        var lists: [CodeList] = []
        var organisations: [Organisation] = []
        var tables: [ThresholdTable] = []
        let referenceDir = (directory as NSString).appendingPathComponent("reference")
        for name in ((try? fm.contentsOfDirectory(atPath: referenceDir)) ?? []).sorted() where name.hasSuffix(".yaml") {
            let path = (referenceDir as NSString).appendingPathComponent(name)
            let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
            let (found, problems) = CodeList.load(text, file: path)
            lists += found
            issues += problems
            let reference = ReferenceLoader.load(text, file: path)
            organisations += reference.organisations
            tables += reference.tables
            issues += reference.issues
        }
        if !organisations.isEmpty {
            lists.append(CodeList(id: "organisations", title: LocalizedText(ru: "Образовательные организации", en: "Organisations"),
                                  items: organisations.map { .init(code: $0.code, name: $0.name, aliases: $0.short) },
                                  source: SourceLocation(file: referenceDir, line: 1, column: 1)))
        }
        let listIDs = Set(lists.map(\.id))
        issues += Self.districtIssues(organisations, lists: lists, at: referenceDir)
        for form in forms {
            for sheet in form.sheets {
                for field in sheet.fields {
                    if case .code(let list) = field.type, !listIDs.contains(list) {
                        issues.append(SchemaIssue(field.source, ru: "поле «\(field.code)»: нет справочника «\(list)» в \(referenceDir)",
                                                  en: "field '\(field.code)': there is no code list '\(list)' in \(referenceDir)"))
                    }
                }
            }
        }
        issues += RuleReferences.catalogueIssues(forms, lists: lists)
        var programmeTables: [ProgrammeTable] = []
        let tablesDir = (directory as NSString).appendingPathComponent("tables")
        for name in ((try? fm.contentsOfDirectory(atPath: tablesDir)) ?? []).sorted() where name.hasSuffix(".yaml") {
            let path = (tablesDir as NSString).appendingPathComponent(name)
            let (table, found) = SchemaLoader.programmeTable((try? String(contentsOfFile: path, encoding: .utf8)) ?? "", file: path)
            issues += found
            if let table {
                issues += SchemaLoader.check(table, against: forms.first { $0.id == table.form })
                programmeTables.append(table)
            }
        }
        func indicator<T>(_ name: String, _ load: (String, String) -> (T?, [SchemaIssue]), _ check: (T) -> [SchemaIssue]) -> T? {
            let path = (directory as NSString).appendingPathComponent("indicators/\(name)")
            guard fm.fileExists(atPath: path) else { return nil }
            let (value, found) = load((try? String(contentsOfFile: path, encoding: .utf8)) ?? "", path)
            issues += found
            guard let value else { return nil }
            let wrong = check(value)
            issues += wrong
            return wrong.isEmpty ? value : nil
        }
        let riskZones = indicator("risk-zones.yaml", SchemaLoader.riskZones) { SchemaLoader.check($0, forms: forms) }
        let rubric = indicator("director-rubric.yaml", SchemaLoader.directorRubric) { SchemaLoader.check($0, forms: forms) }
        let shares = indicator("school-shares.yaml", SchemaLoader.schoolShares) { SchemaLoader.check($0, forms: forms) }
        directorRubric = rubric
        schoolShares = shares
        recommendations = indicator("recommendations.yaml", SchemaLoader.recommendations) {
            SchemaLoader.check($0, zones: riskZones, rubric: rubric, shares: shares, file: (directory as NSString).appendingPathComponent("indicators/recommendations.yaml"))
        }
        self.riskZones = riskZones
        self.programmeTables = programmeTables.sorted { $0.id.compare($1.id, options: .numeric) == .orderedAscending }
        self.lists = lists.sorted { $0.id < $1.id }
        self.organisations = organisations
        organisationIndex = Dictionary(organisations.enumerated().map { ($1.code, $0) }, uniquingKeysWith: { a, _ in a })
        self.tables = Dictionary(tables.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var seen: [String: FormSchema] = [:]
        for f in forms {
            if let other = seen[f.id] {
                issues.append(SchemaIssue(f.source, ru: "форма «\(f.id)» уже объявлена в \(other.source.file)",
                                          en: "form '\(f.id)' is already declared in \(other.source.file)"))
            }
            seen[f.id] = f
        }
        self.forms = forms.sorted { $0.id < $1.id }
        self.issues = issues
    }

    /// The code list with this id.
    public func list(_ id: String) -> CodeList? { lists.first { $0.id == id } }

    /// The form with this id.
    public func form(_ id: String) -> FormSchema? { forms.first { $0.id == id } }
}

extension SchemaCatalog {
    /// With a `districts` list, every organisation names one of its districts (a district's
    /// consolidation must know all its schools, or the ones it misses would vanish from the city).
    static func districtIssues(_ organisations: [Organisation], lists: [CodeList], at folder: String) -> [SchemaIssue] {
        guard let districts = lists.first(where: { $0.id == "districts" }) else { return [] }
        let codes = Set(districts.items.map(\.code))
        let place = SourceLocation(file: (folder as NSString).appendingPathComponent("organisations.yaml"), line: 1, column: 1)
        return organisations.compactMap { org in
            guard let d = org.district else {
                return SchemaIssue(place, ru: "организация «\(org.code)»: не указан район («district»)", en: "organisation '\(org.code)': no 'district'")
            }
            guard codes.contains(d) else {
                return SchemaIssue(place, ru: "организация «\(org.code)»: нет района «\(d)» в справочнике districts",
                                   en: "organisation '\(org.code)': there is no district '\(d)' in the list 'districts'")
            }
            return nil
        }
    }

    /// The district with this code, as the list `districts` names it.
    public func district(_ code: String) -> CodeList.Item? {
        lists.first { $0.id == "districts" }?.items.first { $0.code == code }
    }
}
