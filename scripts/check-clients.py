#!/usr/bin/env python3
"""Open soa workbooks with real spreadsheet clients and check what they see.

usage: check-clients.py WORKBOOK.xlsx...

For each workbook: openpyxl must read the expected sheets, 93 control rows
on the SoA sheet, the drop-down validations, frozen panes, print titles and
an A4 landscape page set-up; read without recalculating (data_only, as
pandas does), the Summary must show its counts, and they must agree with
the SoA sheet; LibreOffice must convert it to PDF. Exits 1 on the first
workbook that fails, printing why.
"""
import os
import subprocess
import json
import sys
import tempfile

import openpyxl

SHEETS = {
    "en": ["Cover", "SoA", "Summary", "Gaps", "Mapping", "Attributes"],
    "ja": ["表紙", "適用宣言書", "集計", "ギャップ", "新旧対応表", "属性"],
}
YES = {"en": "Yes", "ja": "適用"}
NO = {"en": "No", "ja": "除外"}
TOTAL = {"en": "Total", "ja": "合計"}


# The SoA sheet's headings, by language: passed by the Go test from soa's
# column table (--columns JSON), so that columns are found by heading and
# never by position.
COLUMNS = {}


def column(ws, lang, key):
    """The 1-based number of the SoA sheet's column headed as COLUMNS says."""
    heading = COLUMNS[lang][key]
    for c in range(1, ws.max_column + 1):
        if ws.cell(row=1, column=c).value == heading:
            return c
    fail(ws.parent.path if hasattr(ws.parent, "path") else "workbook", f"no column headed {heading!r}")


def fail(path, msg):
    print(f"{path}: {msg}", file=sys.stderr)
    sys.exit(1)


def check_openpyxl(path):
    wb = openpyxl.load_workbook(path)
    lang = "ja" if wb.sheetnames[0] == "表紙" else "en"
    if wb.sheetnames != SHEETS[lang]:
        fail(path, f"sheets {wb.sheetnames}, want {SHEETS[lang]}")
    ws = wb[SHEETS[lang][1]]
    ids = [ws.cell(row=r, column=1).value for r in range(2, ws.max_row + 1)]
    controls = [i for i in ids if i and i[0].isdigit() and "." in i and " " not in i]
    if len(controls) != 93:
        fail(path, f"{len(controls)} control rows, want 93")
    if ws.freeze_panes != "C2":
        fail(path, f"frozen panes at {ws.freeze_panes}, want C2")
    dvs = ws.data_validations.dataValidation
    if len(dvs) != 7 or any(dv.type != "list" for dv in dvs):
        fail(path, f"{len(dvs)} data validations, want 7 lists")
    if ws.auto_filter.ref is None or not ws.auto_filter.ref.replace("$", "").startswith("A1:"):
        fail(path, f"autofilter {ws.auto_filter.ref}")
    # A4 (9) by default, A3 (8) for Japanese.
    paper = "8" if lang == "ja" else "9"
    if ws.page_setup.orientation != "landscape" or str(ws.page_setup.paperSize) != paper:
        fail(path, f"page set-up {ws.page_setup.orientation} paper {ws.page_setup.paperSize}")
    if ws.print_title_rows != "$1:$1":
        fail(path, f"print titles {ws.print_title_rows!r}")
    if "&P" not in (ws.oddFooter.right.text or ""):
        fail(path, "footer has no page number")
    if not (ws.oddHeader.left.text or ""):
        fail(path, "header has no document title")
    summary = wb[SHEETS[lang][2]]
    if not summary._charts:
        fail(path, "the Summary sheet has no chart")
    return lang


def check_summary(path, lang):
    """The Summary's formulas carry cached values: a reader that does not
    recalculate sees the counts, and they agree with the SoA sheet."""
    wb = openpyxl.load_workbook(path, data_only=True)
    soa = wb[SHEETS[lang][1]]
    app, title, theme = column(soa, lang, "applicable"), column(soa, lang, "title"), column(soa, lang, "theme")
    applicable = [soa.cell(row=r, column=app).value for r in range(2, soa.max_row + 1)]
    want = {
        "controls": sum(1 for r in range(2, soa.max_row + 1) if (soa.cell(row=r, column=title).value or "") and soa.cell(row=r, column=theme).value),
        "applicable": applicable.count(YES[lang]),
        "excluded": applicable.count(NO[lang]),
    }
    ws = wb[SHEETS[lang][2]]
    rows = []
    for r in range(4, ws.max_row + 1):
        label = ws.cell(row=r, column=1).value
        values = [ws.cell(row=r, column=c).value for c in range(2, 11)]
        if label == TOTAL[lang]:
            break
        rows.append((label, values))
    else:
        fail(path, "the Summary has no total row")
    for label, counts in rows + [(label, values)]:
        if any(not isinstance(v, int) for v in counts[:8]):
            fail(path, f"Summary {label!r}: counts {counts[:8]} are not all numbers (no cached values?)")
        total, app, excl, unans, impl, part, plan, notimpl = counts[:8]
        if total != app + excl + unans or impl + part + plan + notimpl > app:
            fail(path, f"Summary {label!r}: counts {counts[:8]} do not add up")
        pct = counts[8]
        if app and (not isinstance(pct, (int, float)) or abs(pct - (impl + 0.5 * part) / app) > 1e-9):
            fail(path, f"Summary {label!r}: % implemented {pct!r}, want {(impl + 0.5 * part) / app}")
    for i in range(8):
        if values[i] != sum(counts[i] for _, counts in rows):
            fail(path, f"Summary total {values} is not the sum of the themes")
    got = {"controls": values[0], "applicable": values[1], "excluded": values[2]}
    if got != want:
        fail(path, f"Summary totals {got}, but the SoA sheet has {want}")


def check_libreoffice(path):
    with tempfile.TemporaryDirectory() as out:
        profile = "file://" + os.path.join(out, "profile")
        r = subprocess.run(
            ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir", out, path],
            capture_output=True, text=True, timeout=300,
        )
        pdf = os.path.join(out, os.path.splitext(os.path.basename(path))[0] + ".pdf")
        if r.returncode != 0 or not os.path.exists(pdf) or os.path.getsize(pdf) < 10000:
            fail(path, f"LibreOffice could not convert it: {r.stdout} {r.stderr}")


def main():
    args = sys.argv[1:]
    if len(args) >= 2 and args[0] == "--columns":
        COLUMNS.update(json.loads(args[1]))
        args = args[2:]
    if not args or not COLUMNS:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    for path in args:
        lang = check_openpyxl(path)
        check_summary(path, lang)
        check_libreoffice(path)
        print(f"{path}: ok ({lang}; openpyxl and LibreOffice)")


if __name__ == "__main__":
    main()
