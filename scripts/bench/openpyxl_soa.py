"""The openpyxl anchor of scripts/bench: a workbook like soa's, written by
openpyxl. It reads the cells of every sheet of a soa workbook (as
bench.go dumped them to JSON) and writes them with a bold heading row,
wrapped text, column widths and a frozen heading, as a hand-written
openpyxl SoA script would.

Usage: /usr/bin/python3 openpyxl_soa.py CELLS.json OUT.xlsx
"""
import json
import sys

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        sheets = json.load(f)
    wb = Workbook()
    wb.remove(wb.active)
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDEBF7")
    wrap = Alignment(wrap_text=True, vertical="top")
    for s in sheets:
        ws = wb.create_sheet(s["name"])
        widths = {}
        for r, row in enumerate(s["rows"], start=1):
            for c, cell in enumerate(row, start=1):
                v = cell["v"]
                if v == "":
                    continue
                x = ws.cell(row=r, column=c, value=float(v) if cell["n"] else v)
                x.alignment = wrap
                if r == 1:
                    x.font = bold
                    x.fill = fill
                widths[c] = max(widths.get(c, 8), min(60, len(v)))
        for c, w in widths.items():
            ws.column_dimensions[get_column_letter(c)].width = w
        ws.freeze_panes = "A2"
    wb.save(sys.argv[2])


if __name__ == "__main__":
    main()
