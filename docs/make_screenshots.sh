#!/usr/bin/env bash
# The guide's pictures (docs/images/*.png), made from real outputs of svod on the bundled samples:
# LibreOffice prints the workbooks to PDF, pdftoppm turns pages into PNG, headless Chromium
# shoots the HTML reports. Nothing is drawn by hand: run this again after a change of the outputs.
#
#   bash docs/make_screenshots.sh            # builds svod (debug) unless SVOD_BIN=/path/to/svod
#
# Needs: LibreOffice (soffice), poppler-utils (pdftoppm), chromium — what .ci/run installs.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
export PATH=/opt/swift/usr/bin:$PATH
if [ -z "${SVOD_BIN:-}" ]; then
  swift build --product svod >/dev/null
  SVOD_BIN="$ROOT/.build/debug/svod"
fi
SVOD=$SVOD_BIN
IMAGES="$ROOT/docs/images"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$IMAGES"
for tool in soffice pdftoppm chromium; do
  command -v "$tool" >/dev/null || { echo "make_screenshots: $tool is missing" >&2; exit 2; }
done
S="$ROOT/Schemas"
PLANTED="$ROOT/Samples/planted/2019-2020"

# page FILE.pdf PAGE NAME: one page as docs/images/NAME.png, 80 dpi, cropped to what is printed.
page() {
  pdftoppm -f "$2" -l "$2" -r 80 -png -singlefile "$1" "$IMAGES/$3"
}
# pdf FILE: LibreOffice's PDF of a workbook, beside it in $WORK/pdf.
pdf() {
  soffice -env:UserInstallation=file://"$WORK/profile" --headless --convert-to pdf --outdir "$WORK/pdf" "$1" >/dev/null 2>&1
  echo "$WORK/pdf/$(basename "${1%.*}").pdf"
}
# shot FILE.html NAME: Chromium's screenshot of a page.
shot() {
  chromium --headless --no-sandbox --disable-gpu --user-data-dir="$WORK/chromium" --hide-scrollbars \
    --window-size=1100,900 --screenshot="$IMAGES/$2.png" "file://$1" >/dev/null 2>&1
}

# 1. The school's template: «Титул» and the ВПР table as they print.
"$SVOD" template --form vpr --school co9 --period 2019/2020 -o "$WORK/vpr.xlsx" --schemas "$S"
P=$(pdf "$WORK/vpr.xlsx")
page "$P" 1 template-title
page "$P" 2 template-table

# 2. A file with a mistake: the check in the terminal, the HTML report, the marked copy.
BAD="$PLANTED/vpr-2019-2020-co14-sum-does-not-add-up.xlsx"
"$SVOD" validate "$BAD" --schemas "$S" > "$IMAGES/validate.txt" || true
"$SVOD" validate "$BAD" --schemas "$S" --format html > "$WORK/report.html" || true
shot "$WORK/report.html" report
"$SVOD" validate "$BAD" --schemas "$S" --annotate "$WORK/marked.xlsx" >/dev/null || true
P=$(pdf "$WORK/marked.xlsx")
page "$P" 1 marked-findings
# The page of the ВПР sheet with the marked cell (the findings take page 1, «Титул» 2–3).
for n in $(seq 2 12); do
  if pdftotext -f "$n" -l "$n" "$P" - 2>/dev/null | grep -q "Класс"; then page "$P" "$n" marked-cell; break; fi
done

# 3. The department: what arrived, the consolidation, a school's card.
STORE="$WORK/svod.sqlite"
"$SVOD" import "$ROOT/Samples/2019-2020" --store "$STORE" --schemas "$S" >/dev/null || true
"$SVOD" status --period 2019/2020 --form vpr --store "$STORE" --schemas "$S" > "$IMAGES/status.txt" || true
"$SVOD" consolidate --store "$STORE" --period 2019/2020 --form vpr -o "$WORK/svod-vpr.xlsx" --schemas "$S" >/dev/null
P=$(pdf "$WORK/svod-vpr.xlsx")
page "$P" 1 consolidation
"$SVOD" card --store "$STORE" --period 2019/2020 --school co9 -o "$WORK/card.html" --schemas "$S" >/dev/null
shot "$WORK/card.html" card
ls -l "$IMAGES"
