// Function names that the two file formats spell differently. The pairs follow LibreOffice's
// own tables (formula/inc/core_resource.hrc, the ODFF and OOXML lists), since LibreOffice is
// the program that has to recognise what we write into ODS.

enum FormulaFunctionNames {
    /// Excel functions that ODFF files name `COM.MICROSOFT.<same name>`.
    private static let microsoft: [String] = [
        "AGGREGATE", "BAHTTEXT", "BETA.DIST", "BETA.INV", "BINOM.DIST", "BINOM.INV", "CEILING",
        "CEILING.MATH", "CEILING.PRECISE", "CHISQ.DIST", "CHISQ.DIST.RT", "CHISQ.INV", "CHISQ.INV.RT",
        "CHISQ.TEST", "CHOOSECOLS", "CHOOSEROWS", "CONCAT", "CONFIDENCE.NORM", "CONFIDENCE.T",
        "COVARIANCE.P", "COVARIANCE.S", "DROP", "ENCODEURL", "ERF.PRECISE", "ERFC.PRECISE", "EXPAND",
        "EXPON.DIST", "F.DIST.RT", "F.INV.RT", "F.TEST", "FILTER", "FILTERXML", "FLOOR", "FLOOR.MATH",
        "FLOOR.PRECISE", "FORECAST.ETS", "FORECAST.ETS.CONFINT", "FORECAST.ETS.SEASONALITY",
        "FORECAST.ETS.STAT", "FORECAST.LINEAR", "GAMMA.DIST", "GAMMA.INV", "GAMMALN.PRECISE", "HSTACK",
        "HYPGEOM.DIST", "IFS", "ISO.CEILING", "LET", "LOGNORM.DIST", "LOGNORM.INV", "MAXIFS", "MINIFS",
        "MODE.MULT", "MODE.SNGL", "NEGBINOM.DIST", "NETWORKDAYS.INTL", "NORM.DIST", "NORM.INV",
        "NORM.S.DIST", "NORM.S.INV", "PERCENTILE.EXC", "PERCENTILE.INC", "PERCENTRANK.EXC",
        "PERCENTRANK.INC", "POISSON.DIST", "QUARTILE.EXC", "QUARTILE.INC", "RANDARRAY", "RANK.AVG",
        "RANK.EQ", "SEQUENCE", "SORT", "SORTBY", "STDEV.P", "STDEV.S", "SWITCH", "T.DIST", "T.DIST.2T",
        "T.DIST.RT", "T.INV", "T.INV.2T", "T.TEST", "TAKE", "TEXTJOIN", "TEXTSPLIT", "TOCOL", "TOROW",
        "UNIQUE", "VAR.P", "VAR.S", "VSTACK", "WEBSERVICE", "WEIBULL.DIST", "WORKDAY.INTL", "WRAPCOLS",
        "WRAPROWS", "XLOOKUP", "XMATCH", "Z.TEST",
    ]

    /// Excel name → ODFF name for the functions renamed outright (old statistics moved to LEGACY.*).
    private static let renamed: [(String, String)] = [
        ("CHIDIST", "LEGACY.CHIDIST"), ("CHIINV", "LEGACY.CHIINV"), ("CHITEST", "LEGACY.CHITEST"),
        ("FDIST", "LEGACY.FDIST"), ("FINV", "LEGACY.FINV"), ("NORMSDIST", "LEGACY.NORMSDIST"),
        ("NORMSINV", "LEGACY.NORMSINV"), ("TDIST", "LEGACY.TDIST"), ("F.DIST", "FDIST"), ("F.INV", "FINV"),
        ("FORMULATEXT", "FORMULA"), ("SKEW.P", "SKEWP"),
    ]

    static let excelToODF: [String: String] = {
        var map: [String: String] = [:]
        for name in microsoft { map[name] = "COM.MICROSOFT." + name }
        for (excel, odf) in renamed { map[excel] = odf }
        return map
    }()

    static let odfToExcel: [String: String] = {
        var map: [String: String] = [:]
        for (excel, odf) in excelToODF { map[odf] = excel }
        // ODF's own CEILING and FLOOR take a mode argument, which only the .MATH variants have in Excel.
        map["CEILING"] = "CEILING.MATH"
        map["FLOOR"] = "FLOOR.MATH"
        return map
    }()

    /// Functions newer than Excel 2007: XLSX stores them as `_xlfn.NAME`, or Excel shows #NAME?.
    static let future: Set<String> = [
        "ACOT", "ACOTH", "AGGREGATE", "ANCHORARRAY", "ARABIC", "ARRAYTOTEXT", "BAHTTEXT", "BASE",
        "BETA.DIST", "BETA.INV", "BINOM.DIST", "BINOM.DIST.RANGE", "BINOM.INV", "BITAND", "BITLSHIFT",
        "BITOR", "BITRSHIFT", "BITXOR", "BYCOL", "BYROW", "CEILING.MATH", "CEILING.PRECISE", "CHISQ.DIST",
        "CHISQ.DIST.RT", "CHISQ.INV", "CHISQ.INV.RT", "CHISQ.TEST", "CHOOSECOLS", "CHOOSEROWS", "COMBINA",
        "CONCAT", "CONFIDENCE.NORM", "CONFIDENCE.T", "COT", "COTH", "COVARIANCE.P", "COVARIANCE.S", "CSC",
        "CSCH", "DAYS", "DECIMAL", "DROP", "ECMA.CEILING", "ENCODEURL", "ERF.PRECISE", "ERFC.PRECISE",
        "EXPAND", "EXPON.DIST", "F.DIST", "F.DIST.RT", "F.INV", "F.INV.RT", "F.TEST", "FIELDVALUE",
        "FILTERXML", "FLOOR.MATH", "FLOOR.PRECISE", "FORECAST.ETS", "FORECAST.ETS.CONFINT",
        "FORECAST.ETS.SEASONALITY", "FORECAST.ETS.STAT", "FORECAST.LINEAR", "FORMULATEXT", "GAMMA",
        "GAMMA.DIST", "GAMMA.INV", "GAMMALN.PRECISE", "GAUSS", "GROUPBY", "HSTACK", "HYPGEOM.DIST", "IFNA",
        "IFS", "IMAGE", "IMCOSH", "IMCOT", "IMCSC", "IMCSCH", "IMSEC", "IMSECH", "IMSINH", "IMTAN",
        "ISFORMULA", "ISOMITTED", "ISOWEEKNUM", "LAMBDA", "LET", "LOGNORM.DIST", "LOGNORM.INV", "MAKEARRAY",
        "MAP", "MAXIFS", "MINIFS", "MODE.MULT", "MODE.SNGL", "MUNIT", "NEGBINOM.DIST", "NORM.DIST",
        "NORM.INV", "NORM.S.DIST", "NORM.S.INV", "NUMBERVALUE", "PDURATION", "PERCENTILE.EXC",
        "PERCENTILE.INC", "PERCENTOF", "PERCENTRANK.EXC", "PERCENTRANK.INC", "PERMUTATIONA", "PHI",
        "PIVOTBY", "POISSON.DIST", "QUARTILE.EXC", "QUARTILE.INC", "QUERYSTRING", "RANDARRAY", "RANK.AVG",
        "RANK.EQ", "REDUCE", "REGEXEXTRACT", "REGEXREPLACE", "REGEXTEST", "RRI", "SCAN", "SEC", "SECH",
        "SEQUENCE", "SHEET", "SHEETS", "SINGLE", "SKEW.P", "SORTBY", "STDEV.P", "STDEV.S", "STOCKHISTORY",
        "SWITCH", "T.DIST", "T.DIST.2T", "T.DIST.RT", "T.INV", "T.INV.2T", "T.TEST", "TAKE", "TEXTAFTER",
        "TEXTBEFORE", "TEXTJOIN", "TEXTSPLIT", "TOCOL", "TOROW", "TRIMRANGE", "UNICHAR", "UNICODE", "UNIQUE",
        "VALUETOTEXT", "VAR.P", "VAR.S", "VSTACK", "WEBSERVICE", "WEIBULL.DIST", "WRAPCOLS", "WRAPROWS",
        "XLOOKUP", "XMATCH", "XOR", "Z.TEST",
    ]

    /// Dynamic-array functions XLSX stores with a second prefix, `_xlfn._xlws.`.
    static let worksheet: Set<String> = ["FILTER", "SORT"]

    /// The ODFF name for a function as XLSX stores it.
    static func odf(fromExcel name: String) -> String {
        var base = Substring(name)
        while true {
            let upper = base.prefix(6).uppercased()
            guard upper == "_XLFN." || upper == "_XLWS." else { break }
            base = base.dropFirst(6)
        }
        return excelToODF[base.uppercased()] ?? String(base)
    }

    /// The name XLSX needs for a function as ODFF stores it, prefixes included.
    static func excel(fromODF name: String) -> String {
        let upper = name.uppercased()
        var base = name
        if let mapped = odfToExcel[upper] {
            base = mapped
        } else if upper.hasPrefix("COM.MICROSOFT.") {
            base = String(name.dropFirst(14))
        }
        let key = base.uppercased()
        if worksheet.contains(key) { return "_xlfn._xlws." + base }
        // LibreOffice's own functions travel through XLSX as `_xlfn.ORG.…` too.
        if future.contains(key) || key.hasPrefix("ORG.OPENOFFICE.") || key.hasPrefix("ORG.LIBREOFFICE.") {
            return "_xlfn." + base
        }
        return base
    }
}
