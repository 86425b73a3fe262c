#!/usr/bin/env python3
"""Open soa workbooks with real spreadsheet clients and check what they see.

usage: check-clients.py WORKBOOK.xlsx...

For each workbook: openpyxl must read the expected sheets, 93 control rows
on the SoA sheet, the drop-down validations, frozen panes, print titles and
an A4 landscape page set-up; LibreOffice must convert it to PDF. Exits 1 on
the first workbook that fails, printing why.
"""
import os
import subprocess
import sys
import tempfile

import openpyxl

SHEETS = {
    "en": ["Cover", "SoA", "Summary", "Gaps", "Mapping", "Attributes"],
    "ja": ["表紙", "適用宣言書", "集計", "ギャップ", "新旧対応表", "属性"],
}


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
    if ws.page_setup.orientation != "landscape" or str(ws.page_setup.paperSize) != "9":
        fail(path, f"page set-up {ws.page_setup.orientation} paper {ws.page_setup.paperSize}")
    if ws.print_title_rows != "$1:$1":
        fail(path, f"print titles {ws.print_title_rows!r}")
    if "&P" not in (ws.oddFooter.right.text or ""):
        fail(path, "footer has no page number")
    summary = wb[SHEETS[lang][2]]
    if not summary._charts:
        fail(path, "the Summary sheet has no chart")
    return lang


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
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    for path in sys.argv[1:]:
        lang = check_openpyxl(path)
        check_libreoffice(path)
        print(f"{path}: ok ({lang}; openpyxl and LibreOffice)")


if __name__ == "__main__":
    main()
