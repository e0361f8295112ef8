import SvodWorkbook
import Testing

@Suite struct FormulaTranslatorTests {
    /// Excel text as XLSX stores it, and the OpenFormula LibreOffice would store for it.
    static let pairs: [(String, String)] = [
        ("SUM(A1:B2)", "of:=SUM([.A1:.B2])"),
        ("A1+B1*2", "of:=[.A1]+[.B1]*2"),
        ("IF(A1>0,\"да, нет\",B2)", "of:=IF([.A1]>0;\"да, нет\";[.B2])"),
        ("'Лист 1'!A1", "of:=[$'Лист 1'.A1]"),
        ("ВПР!F12*100", "of:=[$ВПР.F12]*100"),
        ("SUM(ВПР!B2:B10)/COUNT(ВПР!B2:B10)", "of:=SUM([$ВПР.B2:.B10])/COUNT([$ВПР.B2:.B10])"),
        ("ROUND((B2+C2)/D2*100,1)", "of:=ROUND(([.B2]+[.C2])/[.D2]*100;1)"),
        ("_xlfn.STDEV.S(A1:A5)", "of:=COM.MICROSOFT.STDEV.S([.A1:.A5])"),
        ("_xlfn._xlws.FILTER(A1:A5,B1:B5>0)", "of:=COM.MICROSOFT.FILTER([.A1:.A5];[.B1:.B5]>0)"),
        ("_xlfn.IFNA(A1,0)", "of:=IFNA([.A1];0)"),
        ("NORMSDIST(A1)+FLOOR(A2,1)", "of:=LEGACY.NORMSDIST([.A1])+COM.MICROSOFT.FLOOR([.A2];1)"),
        ("_xlfn.F.DIST(A1,2,3,TRUE)+FDIST(A1,2,3)", "of:=FDIST([.A1];2;3;TRUE())+LEGACY.FDIST([.A1];2;3)"),
        ("A:A", "of:=[.A:.A]"),
        ("SUM($B:$C)+SUM(1:1)+SUM($2:$3)", "of:=SUM([.$B:.$C])+SUM([.1:.1])+SUM([.$2:.$3])"),
        ("SUM(Sheet2!A:A)", "of:=SUM([$Sheet2.A:.A])"),
        ("SUM($A$1:$A$10)", "of:=SUM([.$A$1:.$A$10])"),
        ("$A1+A$1", "of:=[.$A1]+[.A$1]"),
        ("SUM({1,2;3,4})", "of:=SUM({1;2|3;4})"),
        ("TRUE", "of:=TRUE()"),
        ("IF(A1,FALSE,TRUE)", "of:=IF([.A1];FALSE();TRUE())"),
        ("#DIV/0!", "of:=#DIV/0!"),
        ("IFERROR(A1,#N/A)", "of:=IFERROR([.A1];#N/A)"),
        ("Итого*2", "of:=Итого*2"),
        ("'It''s'!A1", "of:=[$'It''s'.A1]"),
        ("50%", "of:=50%"),
        ("A1&\" шт.\"", "of:=[.A1]&\" шт.\""),
        ("\"'[.A1]'; A1!\"&A1", "of:=\"'[.A1]'; A1!\"&[.A1]"),
        ("Sheet1:Sheet3!A1", "of:=[$Sheet1.A1:$Sheet3.A1]"),
        ("SUM('Jan 1:Mar 1'!B2:C3)", "of:=SUM([$'Jan 1'.B2:$'Mar 1'.C3])"),
        ("SUM((A1,C1))", "of:=SUM(([.A1]~[.C1]))"),
        ("SUM(A1:B5 B2:C6)", "of:=SUM([.A1:.B5]![.B2:.C6])"),
        ("A1 + B1", "of:=[.A1] + [.B1]"),
        ("-A1^2<>1E+3", "of:=-[.A1]^2<>1E+3"),
        ("LOG10(A1)+TAX2023", "of:=LOG10([.A1])+[.TAX2023]"),
        ("A1B+Total_2", "of:=A1B+Total_2"),
        ("Sheet1!$A$1,Sheet1!$C$1", "of:=[$Sheet1.$A$1]~[$Sheet1.$C$1]"),
        ("'2024'!A1+'A1'!B2+'R1C1'!A1", "of:=[$'2024'.A1]+[$'A1'.B2]+[$'R1C1'.A1]"),
        ("Sheet1!#REF!+#REF!", "of:=[$Sheet1.#REF!]+#REF!"),
        ("INDEX(A:A,2):B5", "of:=INDEX([.A:.A];2):[.B5]"),
        ("TRUE()", "of:=TRUE()"),
        ("SUM(Table1[Amount])", "of:=SUM(Table1[Amount])"),
        ("Table1[[#This Row],[Amount]]*2", "of:=Table1[[#This Row],[Amount]]*2"),
        ("[1]Sheet1!A1+1", "of:=[1][$Sheet1.A1]+1"),
        ("Sheet1!Total+'My sheet'!Rate", "of:=Sheet1!Total+'My sheet'!Rate"),
        ("OR({TRUE,FALSE},A1)", "of:=OR({TRUE;FALSE};[.A1])"),
        ("{\"a\",-1;#N/A,0.5}", "of:={\"a\";-1|#N/A;0.5}"),
        ("SUM(Лист1!A1:B2)+_xlfn.LAMBDA(_xlpm.x,_xlpm.x+1)(2)", "of:=SUM([$Лист1.A1:.B2])+LAMBDA(_xlpm.x;_xlpm.x+1)(2)"),
        ("SUM( A1 , B1 )", "of:=SUM( [.A1] ; [.B1] )"),
        ("A1\n+B1", "of:=[.A1]\n+[.B1]"),
    ]

    @Test(arguments: pairs)
    func excelToOpenFormula(_ excel: String, _ odf: String) {
        #expect(FormulaTranslator.openFormula(fromExcel: excel) == odf)
    }

    @Test(arguments: pairs.filter { $0.0 != "TRUE()" })
    func roundTripsBackToTheSameExcelText(_ excel: String, _ odf: String) {
        #expect(FormulaTranslator.excel(fromOpenFormula: odf) == excel)
        #expect(FormulaTranslator.openFormula(fromExcel: excel).flatMap(FormulaTranslator.excel(fromOpenFormula:)) == excel)
    }

    @Test(arguments: [
        ("of:=SUM([.A1:.B2])", "SUM(A1:B2)"),
        ("of:=[$'Лист 1'.A1]+[.B1]", "'Лист 1'!A1+B1"),
        ("of:=IF([.A1]>0;\"x;y\";1)", "IF(A1>0,\"x;y\",1)"),
        ("of:=[.A:.A]", "A:A"),
        ("oooc:=[.A1]", "A1"),
        ("=[.A1]*2", "A1*2"),
        ("msoxl:=SUM(A1,B1)", "SUM(A1,B1)"),
        ("of:=[Sheet1.A1:Sheet1.B2]", "Sheet1!A1:B2"),
        ("of:=[$Sheet1.A1:$Sheet1.B2]", "Sheet1!A1:B2"),
        ("of:=[$'My sheet'.A1]", "'My sheet'!A1"),
        ("of:=[$'Данные'.A1]", "'Данные'!A1"),
        ("of:=[$Данные.A1]", "Данные!A1"),
        ("of:=[$'Q1.2024'.A1]", "'Q1.2024'!A1"),
        ("of:=SUM([.A1]~[.B1];[.C1])", "SUM((A1,B1),C1)"),
        ("of:=SUM(([.A1]~[.B1]))", "SUM((A1,B1))"),
        ("of:=COM.MICROSOFT.STDEV.S([.A1:.A5])", "_xlfn.STDEV.S(A1:A5)"),
        ("of:=STDEV.S([.A1:.A5])", "_xlfn.STDEV.S(A1:A5)"),
        ("of:=CEILING([.A1];2)", "_xlfn.CEILING.MATH(A1,2)"),
        ("of:=COM.MICROSOFT.SORT([.A1:.A9])", "_xlfn._xlws.SORT(A1:A9)"),
        ("of:=ORG.LIBREOFFICE.REGEX([.A1];\"a\")", "_xlfn.ORG.LIBREOFFICE.REGEX(A1,\"a\")"),
        ("of:=IF(TRUE();1;2)", "IF(TRUE,1,2)"),
        ("of:=[.#REF!]+1", "#REF!+1"),
        ("of:=[$#REF!.A1]*2", "#REF!*2"),
        ("of:=[.A1:.B5]![.B2:.C6]", "A1:B5 B2:C6"),
        ("of:=[$Sheet1.A1:$Sheet3.B2]", "Sheet1:Sheet3!A1:B2"),
        ("of:=SUM({1;2|3;4})", "SUM({1,2;3,4})"),
    ])
    func openFormulaToExcel(_ odf: String, _ excel: String) {
        #expect(FormulaTranslator.excel(fromOpenFormula: odf) == excel)
    }

    @Test(arguments: ["SUM(A1", "SUM(A1))", "\"open", "'Sheet!A1", "{1,2)", "A1;B1", "A1!"])
    func refusesExcelTextThatDoesNotTokenize(_ text: String) {
        #expect(FormulaTranslator.openFormula(fromExcel: text) == nil)
    }

    @Test(arguments: ["of:=SUM([.A1]", "of:=[.A1", "of:=\"open", "of:=IF(1,2)", "of:=1;2", "of:=[$'Sheet.A1]"])
    func refusesOpenFormulaThatDoesNotTokenize(_ text: String) {
        #expect(FormulaTranslator.excel(fromOpenFormula: text) == nil)
    }

    @Test func unknownFunctionsAndNamesPassThrough() {
        #expect(FormulaTranslator.openFormula(fromExcel: "MYUDF(A1,Rate)") == "of:=MYUDF([.A1];Rate)")
        #expect(FormulaTranslator.excel(fromOpenFormula: "of:=MYUDF([.A1];Rate)") == "MYUDF(A1,Rate)")
    }

    @Test func rangeAddressesForNamedRanges() {
        #expect(FormulaTranslator.odsRangeAddress(fromExcel: "'Лист 1'!$A$1:$B$2") == "$'Лист 1'.$A$1:.$B$2")
        #expect(FormulaTranslator.odsRangeAddress(fromExcel: "Sheet1!$A$1") == "$Sheet1.$A$1")
        #expect(FormulaTranslator.odsRangeAddress(fromExcel: "Sheet1!$A:$A") == "$Sheet1.$A:.$A")
        #expect(FormulaTranslator.excelReference(fromODSRangeAddress: "$'Лист 1'.$A$1:.$B$2") == "'Лист 1'!$A$1:$B$2")
        #expect(FormulaTranslator.excelReference(fromODSRangeAddress: "$Sheet1.$A$1") == "Sheet1!$A$1")
        #expect(FormulaTranslator.excelReference(fromODSRangeAddress: "[$Sheet1.$A$1:.$C$3]") == "Sheet1!$A$1:$C$3")
    }

    @Test(arguments: ["SUM(A1:B2)", "A1+1", "Итого", "Sheet1!$A$1,Sheet1!$C$1", "#REF!", "", "'Open!A1"])
    func rangeAddressRefusesAnythingButOneReference(_ text: String) {
        #expect(FormulaTranslator.odsRangeAddress(fromExcel: text) == nil)
    }

    @Test(arguments: ["", "SUM([.A1])", "$Sheet1", "[.A1", "$Sheet1.A1:.B2:.C3"])
    func excelReferenceRefusesWhatIsNotAnAddress(_ text: String) {
        #expect(FormulaTranslator.excelReference(fromODSRangeAddress: text) == nil)
    }

    @Test func translateFollowsTheDialects() {
        #expect(FormulaTranslator.translate("A1*2", from: .excel, to: .openFormula) == "of:=[.A1]*2")
        #expect(FormulaTranslator.translate("of:=[.A1]*2", from: .openFormula, to: .excel) == "A1*2")
        #expect(FormulaTranslator.translate("A1*2", from: .excel, to: .excel) == "A1*2")
    }
}
