import Foundation
import SvodSchema

/// ВПР quality by subject and year, from the schools' rows: (Σ «5» + Σ «4») / Σ participants × 100,
/// over every class, as the consolidation computes the city's quality.
public struct VPRQuality: Sendable, Equatable {
    public var years: [String]
    /// Subject code → quality per year (nil: no participants that year).
    public var bySubject: [(subject: String, quality: [Decimal?])]

    public static func == (a: VPRQuality, b: VPRQuality) -> Bool {
        a.years == b.years && a.bySubject.map(\.subject) == b.bySubject.map(\.subject) && a.bySubject.map(\.quality) == b.bySubject.map(\.quality)
    }

    /// The quality of `years` (most recent last) from `data`.
    public static func compute(years: [String], data: SchoolSheets, catalog: SchemaCatalog) throws -> VPRQuality {
        var sums: [String: [Int: (good: Decimal, n: Decimal)]] = [:]
        for (i, y) in years.enumerated() {
            for rows in try data.rows(form: "vpr", sheet: "results", period: y).values {
                for r in rows {
                    guard let subject = r.key["subject"] else { continue }
                    var s = sums[subject, default: [:]][i] ?? (0, 0)
                    s.good += (r.numbers["n5"] ?? 0) + (r.numbers["n4"] ?? 0)
                    s.n += r.numbers["n"] ?? 0
                    sums[subject, default: [:]][i] = s
                }
            }
        }
        let order = catalog.list("subjects")?.items.map(\.code) ?? []
        let subjects = sums.keys.sorted { (order.firstIndex(of: $0) ?? .max, $0) < (order.firstIndex(of: $1) ?? .max, $1) }
        return VPRQuality(years: years, bySubject: subjects.map { s in
            (s, years.indices.map { i in sums[s]?[i].flatMap { $0.n > 0 ? Decimals.rounded($0.good * 100 / $0.n, 1) : nil } })
        })
    }
}

/// The department's analytical summary as one self-contained printable HTML page in Russian:
/// the key numbers, and charts as inline SVG each with its table — ВПР quality by subject and
/// year, risk-zone schools by criterion, the distribution of rubric totals, the shares of schools,
/// profile classes by profile, and additional education by direction with its coverage.
public struct AnalyticalReport {
    public let catalog: SchemaCatalog
    public let period: String
    public let risk: RiskZoneReport?
    public let rubric: RubricReport?
    public let shares: SharesReport?
    public let vpr: VPRQuality?
    public let profiles: ProfileClasses?
    public let additionalEducation: AdditionalEducation?

    /// A report over one run's results.
    public init(catalog: SchemaCatalog, period: String, risk: RiskZoneReport?, rubric: RubricReport?, shares: SharesReport?, vpr: VPRQuality?,
                profiles: ProfileClasses? = nil, additionalEducation: AdditionalEducation? = nil) {
        self.catalog = catalog
        self.period = period
        self.risk = risk
        self.rubric = rubric
        self.shares = shares
        self.vpr = vpr
        self.profiles = profiles
        self.additionalEducation = additionalEducation
    }

    private func e(_ s: String) -> String { HTMLPage.escape(s) }

    /// A chart's label: the text before « — », cut at a word to fit the label column (the table below has it whole).
    static func short(_ text: String) -> String {
        let head = text.components(separatedBy: " — ").first ?? text
        guard head.count > 40 else { return head }
        var out = ""
        for word in head.split(separator: " ") {
            if out.count + word.count + 1 > 38 { break }
            out += (out.isEmpty ? "" : " ") + word
        }
        return out + "…"
    }

    private func table(_ caption: String, _ header: [String], _ rows: [[String]]) -> String {
        "<table><caption>\(e(caption))</caption><thead><tr>" + header.map { "<th>\(e($0))</th>" }.joined() + "</tr></thead><tbody>\n"
            + rows.map { "<tr>" + $0.map { "<td>\(e($0))</td>" }.joined() + "</tr>" }.joined(separator: "\n") + "\n</tbody></table>\n"
    }

    /// The page.
    public func html() -> String {
        var out = HTMLPage.head(title: "Аналитическая справка МСОКО, \(period)", style: "figure{margin:1em 0;break-inside:avoid}figcaption{font-weight:bold;margin-bottom:.3em}") + """
        <h1>Аналитическая справка по результатам МСОКО, \(e(period))</h1>
        <p class="meta">Управление образования администрации г. Тулы · составлено svod по данным школ</p>

        """
        out += keyNumbers() + vprSection() + riskSection() + rubricSection() + sharesSection() + profilesSection() + additionalEducationSection()
        return out + "</body>\n</html>\n"
    }

    private func keyNumbers() -> String {
        var items: [String] = []
        if let r = risk {
            items.append("Школ зоны риска на \(r.period): \(r.inZone.count) из \(r.inZone.of) (\(r.inZone.percent.map { Decimals.text($0) } ?? "—") %), итог не известен у \(r.inZone.unknown)")
            items.append("Из них с положительной динамикой: \(r.improving.count) из \(r.improving.of)")
        }
        if let r = rubric, !r.schools.isEmpty {
            let totals = r.schools.map(\.total).sorted()
            let mean = totals.reduce(0, +) / Decimal(totals.count)
            items.append("Рубрика руководителя: школ \(totals.count), средний итог \(Decimals.text(mean)), от \(Decimals.text(totals.first!)) до \(Decimals.text(totals.last!))")
        }
        if let dod = additionalEducation, let last = dod.coverage.last ?? nil, let share = last.share {
            items.append("Охват дополнительным образованием в \(dod.years.last!): \(Decimals.text(share)) % обучающихся (\(Decimals.text(last.covered)) из \(Decimals.text(last.pupils)), без повторного счёта)")
        }
        guard !items.isEmpty else { return "" }
        return "<section>\n<h2>Главное</h2>\n<ul>\n" + items.map { "<li>\(e($0))</li>" }.joined(separator: "\n") + "\n</ul>\n</section>\n"
    }

    private func vprSection() -> String {
        guard let vpr, !vpr.bySubject.isEmpty else { return "" }
        let names = catalog.list("subjects")?.items ?? []
        func name(_ code: String) -> String { names.first { $0.code == code }?.name ?? code }
        let chart = BarChart(id: "vpr", title: "ВПР: качество обученности по предметам и годам, %", series: vpr.years,
                             bars: vpr.bySubject.map { .init(label: name($0.subject), values: $0.quality) }, scale: 100, unit: " %")
        return "<section>\n<h2>ВПР: качество по предметам и годам</h2>\n<figure><figcaption>Качество обученности ((«5» + «4») / участники), %</figcaption>\(chart.svg())</figure>\n"
            + table("Те же числа таблицей", ["Предмет"] + vpr.years, vpr.bySubject.map { [name($0.subject)] + $0.quality.map { $0.map { Decimals.text($0) } ?? "—" } })
            + "</section>\n"
    }

    private func riskSection() -> String {
        guard let risk, let zones = catalog.riskZones else { return "" }
        let rows = zones.criteria.map { c -> (String, ShareOfSchools) in (c.title.ru, risk.byCriterion[c.id] ?? ShareOfSchools(count: 0, of: 0, unknown: 0)) }
        let chart = BarChart(id: "risk", title: "Школы зоны риска по критериям", series: ["школ"], bars: rows.map { .init(label: Self.short($0.0), values: [Decimal($0.1.count)]) },
                             scale: nil, unit: "")
        return "<section>\n<h2>Школы зоны риска на \(e(risk.period)) (3.2)</h2>\n<figure><figcaption>Школ в зоне риска по каждому критерию</figcaption>\(chart.svg())</figure>\n"
            + table("Те же числа таблицей", ["Критерий", "В зоне риска", "Судимых", "Нет данных"],
                    rows.map { [$0.0, "\($0.1.count)", "\($0.1.of)", "\($0.1.unknown)"] })
            + "</section>\n"
    }

    private func rubricSection() -> String {
        guard let rubric, !rubric.schools.isEmpty else { return "" }
        // Totals in bands of ten points, from the lowest band that has a school to the highest.
        let totals = rubric.schools.map { NSDecimalNumber(decimal: $0.total).intValue }
        let low = (totals.min()! / 10 - (totals.min()! < 0 && totals.min()! % 10 != 0 ? 1 : 0)) * 10, high = totals.max()!
        var bands: [(String, Int)] = []
        var from = low
        while from <= high {
            let n = totals.filter { $0 >= from && $0 < from + 10 }.count
            bands.append(("\(from)–\(from + 9)", n))
            from += 10
        }
        let chart = BarChart(id: "rubric", title: "Распределение итоговых баллов рубрики руководителя", series: ["школ"],
                             bars: bands.map { .init(label: $0.0 + " баллов", values: [Decimal($0.1)]) }, scale: nil, unit: "")
        return "<section>\n<h2>Эффективность руководителей (4.2)</h2>\n<figure><figcaption>Школ по итоговому баллу</figcaption>\(chart.svg())</figure>\n"
            + table("Те же числа таблицей", ["Итоговый балл", "Школ"], bands.map { [$0.0, "\($0.1)"] }) + "</section>\n"
    }

    private func sharesSection() -> String {
        guard let shares, let declared = catalog.schoolShares else { return "" }
        let items = shares.results.compactMap { r -> (SchoolShares.Indicator, ShareResult)? in
            declared.indicators.first { $0.id == r.indicator }.map { ($0, r) }
        }.filter { $0.0.isShare }
        guard !items.isEmpty else { return "" }
        let chart = BarChart(id: "shares", title: "Доли ОО по показателям программы, %", series: ["%"],
                             bars: items.map { .init(label: Self.short($0.0.title.replacingOccurrences(of: "Доля ОО, ", with: "").replacingOccurrences(of: "Доля ОО города, ", with: "")), values: [$0.1.share.percent]) }, scale: 100, unit: " %")
        return "<section>\n<h2>Доли ОО (3.3, 3.4, 4.1, 4.3–4.5)</h2>\n<figure><figcaption>Доля ОО, %</figcaption>\(chart.svg())</figure>\n"
            + table("Те же числа таблицей", ["Раздел", "Показатель", "ОО", "Из", "Доля, %"],
                    items.map { [$0.0.section, $0.0.title, "\($0.1.share.count)", "\($0.1.share.of)", $0.1.share.percent.map { Decimals.text($0) } ?? "—"] })
            + "</section>\n"
    }

    private func name(_ code: String, list: String) -> String {
        catalog.list(list)?.items.first { $0.code == code }?.name ?? code
    }

    private func count(_ d: Decimal?) -> String { d.map { Decimals.text($0) } ?? "—" }

    private func profilesSection() -> String {
        guard let p = profiles, !p.profiles.isEmpty else { return "" }
        // The career form of a year arrives the autumn after it: a report made before then shows the nearest later year, and says so.
        let year = p.period == period ? p.period : "\(p.period) (за \(period) файлов формы нет — взят ближайший следующий год)"
        let chart = BarChart(id: "profiles", title: "Профильные классы (группы) по профилям, \(p.period)", series: ["классов"],
                             bars: p.profiles.map { .init(label: name($0.profile, list: "profiles"), values: [$0.classes]) }, scale: nil, unit: "")
        let sum = { (f: (ProfileClasses.Profile) -> Decimal) in Decimals.text(p.profiles.map(f).reduce(0, +)) }
        let rows = p.profiles.map { [name($0.profile, list: "profiles"), count($0.classes), count($0.pupils), count($0.network), "\($0.schools)"] }
            + [["Всего", sum(\.classes), sum(\.pupils), sum(\.network), "\(p.withClasses)"]]
        return "<section>\n<h2>Профильное обучение (3.4, таблица 2.7.1)</h2>\n<figure><figcaption>Профильных классов (групп) по профилям, \(e(year)), по файлам \(p.schools) ОО</figcaption>\(chart.svg())</figure>\n"
            + table("Те же числа таблицей", ["Профиль", "Классов (групп)", "Обучающихся", "В т.ч. классов по сетевой модели", "ОО с классами профиля"], rows)
            + "</section>\n"
    }

    private func additionalEducationSection() -> String {
        guard let dod = additionalEducation, !dod.directions.isEmpty || dod.coverage.contains(where: { $0 != nil }) else { return "" }
        let chart = BarChart(id: "dod", title: "Дополнительное образование: занимающихся по направленностям, человек", series: dod.years,
                             bars: dod.directions.map { .init(label: name($0.direction, list: "dod-directions"), values: $0.people) }, scale: nil, unit: "")
        let rows = dod.directions.map { [name($0.direction, list: "dod-directions")] + $0.people.map(count) } + [["Всего (с повторным счётом)"] + dod.total.map(count)]
        let coverage = zip(dod.years, dod.coverage).map { y, c in
            [y, c.map { "\($0.schools)" } ?? "—", count(c?.pupils), count(c?.covered), count(c?.share)]
        }
        return "<section>\n<h2>Дополнительное образование (таблица 2.12.1)</h2>\n<figure><figcaption>Занимающихся в объединениях по направленностям, человек (обучающийся — в каждом своём объединении)</figcaption>\(chart.svg())</figure>\n"
            + table("Те же числа таблицей", ["Направленность"] + dod.years, rows)
            + table("Охват дополнительным образованием без повторного счёта: доля обучающихся школ, указавших их численность",
                    ["Учебный год", "ОО", "Обучающихся", "Занимающихся", "Охват, %"], coverage)
            + "</section>\n"
    }
}
