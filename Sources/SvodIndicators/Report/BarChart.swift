import Foundation

/// A small horizontal bar chart as inline SVG, written by hand: no Swift package served here
/// draws SVG on Linux (Swift Charts is Apple's only), and a bar chart is a few rectangles. Every
/// chart carries a title and a description for screen readers, and the page prints its numbers in
/// a table beside it.
struct BarChart {
    struct Bar {
        var label: String
        /// Bars of one label side by side (a year each, say); nil draws nothing for that series.
        var values: [Decimal?]
    }

    /// Unique on the page (the SVG's title and description are referred to by it).
    var id: String
    var title: String
    var series: [String]
    var bars: [Bar]
    /// The value at the right edge; nil takes the largest value.
    var scale: Decimal?
    var unit: String

    private static let colours = ["#4a6fa5", "#c0504d", "#9bbb59", "#8064a2"]

    func svg() -> String {
        let labelWidth = 260.0, barArea = 380.0, rowHeight = 14.0, gap = 8.0
        let largest = scale ?? bars.flatMap { $0.values.compactMap { $0 } }.max() ?? 1
        let top = max(largest, 1)
        let groupHeight = rowHeight * Double(max(series.count, 1)) + gap
        let legend = series.count > 1 ? 18.0 : 0
        let height = legend + groupHeight * Double(bars.count) + 10
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 \(Int(labelWidth + barArea + 60)) \(Int(height))\" "
            + "width=\"100%\" aria-labelledby=\"t\(id) d\(id)\">"
        out += "<title id=\"t\(id)\">\(e(title))</title><desc id=\"d\(id)\">\(e(description))</desc>"
        if series.count > 1 {
            for (i, s) in series.enumerated() {
                let x = labelWidth + Double(i) * 110
                out += "<rect x=\"\(x)\" y=\"2\" width=\"10\" height=\"10\" fill=\"\(Self.colours[i % Self.colours.count])\"/>"
                out += "<text x=\"\(x + 14)\" y=\"11\" font-size=\"11\">\(e(s))</text>"
            }
        }
        for (b, bar) in bars.enumerated() {
            let y0 = legend + Double(b) * groupHeight
            out += "<text x=\"\(labelWidth - 6)\" y=\"\(y0 + groupHeight / 2)\" font-size=\"11\" text-anchor=\"end\">\(e(bar.label))</text>"
            for (i, v) in bar.values.enumerated() {
                guard let v else { continue }
                let w = max(0, NSDecimalNumber(decimal: v / top).doubleValue * barArea)
                let y = y0 + Double(i) * rowHeight
                out += "<rect x=\"\(labelWidth)\" y=\"\(y)\" width=\"\(String(format: "%.1f", w))\" height=\"\(rowHeight - 2)\" fill=\"\(Self.colours[i % Self.colours.count])\"/>"
                out += "<text x=\"\(String(format: "%.1f", labelWidth + w + 4))\" y=\"\(y + rowHeight - 4)\" font-size=\"10\">\(e(Decimals.text(v) + unit))</text>"
            }
        }
        return out + "</svg>"
    }

    private var description: String {
        bars.map { b in b.label + ": " + b.values.map { $0.map { Decimals.text($0) + unit } ?? "—" }.joined(separator: " / ") }.joined(separator: "; ")
    }

    private func e(_ s: String) -> String { HTMLPage.escape(s) }
}
