import SvodWorkbook
import Testing

@Suite struct NumberFormatTests {
    @Test(arguments: ["dd.mm.yyyy", "DD.MM.YYYY", "yyyy-mm-dd", "d mmm yy", "[$-F800]dddd, mmmm dd, yyyy",
                      "mm/dd/yy;@", "[$-419]d mmmm yyyy \"г.\""])
    func datesWithoutTime(_ code: String) {
        #expect(NumberFormat.kind(ofCode: code) == .dateTime(hasDate: true, hasTime: false))
    }

    @Test(arguments: ["dd.mm.yyyy hh:mm", "yyyy-mm-dd h:mm:ss AM/PM", "m/d/yy h:mm"])
    func datesWithTime(_ code: String) {
        #expect(NumberFormat.kind(ofCode: code) == .dateTime(hasDate: true, hasTime: true))
    }

    @Test(arguments: ["hh:mm", "h:mm:ss", "mm:ss.0", "h:mm AM/PM"])
    func timesOfDay(_ code: String) {
        #expect(NumberFormat.kind(ofCode: code) == .dateTime(hasDate: false, hasTime: true))
    }

    @Test(arguments: ["[h]:mm:ss", "[mm]:ss", "[ss]", "[h]:mm"])
    func elapsedTimes(_ code: String) {
        #expect(NumberFormat.kind(ofCode: code) == .duration)
    }

    @Test(arguments: ["General", "0", "0.0", "#,##0.00", "0.00E+00", "@", "#,##0.00 \"руб.\"",
                      "[Red]#,##0;[Blue]-#,##0", "#,##0\\ \"₽\"", "0.0_);(0.0)", "[$₽-419]#,##0.00",
                      "\"Дата: \"0", "#,##0;-#,##0;\"-\""])
    func numbers(_ code: String) {
        #expect(NumberFormat.kind(ofCode: code) == .number)
    }

    @Test(arguments: ["0%", "0.0%", "0.0 %", "#,##0.0%;-#,##0.0%", "[Red]0.0%"])
    func percentages(_ code: String) {
        #expect(NumberFormat.kind(ofCode: code) == .percent)
    }

    @Test(arguments: ["0.0\"%\"", "0.0\\%"])
    func aQuotedPercentSignIsText(_ code: String) {
        #expect(NumberFormat.kind(ofCode: code) == .number)
    }

    @Test func builtinIds() {
        #expect(NumberFormat.builtinKind(14) == .dateTime(hasDate: true, hasTime: false))
        #expect(NumberFormat.builtinKind(22) == .dateTime(hasDate: true, hasTime: true))
        #expect(NumberFormat.builtinKind(20) == .dateTime(hasDate: false, hasTime: true))
        #expect(NumberFormat.builtinKind(46) == .duration)
        #expect(NumberFormat.builtinKind(0) == .number)
        #expect(NumberFormat.builtinKind(10) == .percent)
        #expect(NumberFormat.builtinKind(9) == .percent)
        #expect(NumberFormat.builtinKind(49) == .number)
    }
}
