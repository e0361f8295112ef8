/// What the indicators' HTML pages share: the head of a self-contained Russian page, and escaping.
enum HTMLPage {
    /// `<!DOCTYPE html>` to `<body>`: UTF-8, no scripts, the card's print styles plus `style`.
    static func head(title: String, style: String = "") -> String {
        """
        <!DOCTYPE html>
        <html lang="ru">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="generator" content="svod">
        <title>\(escape(title))</title>
        <style>\(SchoolCard.style)\(style)</style>
        </head>
        <body>

        """
    }

    /// Text safe inside an element or a quoted attribute.
    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
            .replacingOccurrences(of: "\"", with: "&quot;")
    }
}
