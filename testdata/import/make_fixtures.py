#!/usr/bin/python3
"""Make the workbooks in testdata/import/ that `soa import` is tested on.

Run from anywhere, with the system Python (it needs openpyxl and PyYAML,
and python3-uno for encrypted.xlsx):

    /usr/bin/python3 testdata/import/make_fixtures.py [--soa BIN] [--out DIR]

It builds soa (unless --soa names a binary), generates the two source
workbooks from testdata/examples/saas-cloud.yaml and seimitsu-ja.yaml,
edits them with openpyxl, round-trips some through LibreOffice
(`soffice --headless`), makes the hand-made-style workbooks from the
bundled catalogue, and writes:

    *.xlsx               the fixtures
    expected/*.json      what an importer should read from each good fixture
                         (row by row) and, for the bad ones, the errors
    README.md            the description of every file

Everything is deterministic: zip entries get a fixed date, document
properties a fixed time, and the random chart axis ids LibreOffice writes
are renumbered. The one exception is encrypted.xlsx, whose encryption salt
is random: an existing one is kept unless --remake-encrypted is given.
"""

import argparse
import copy
import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile

import openpyxl
import yaml
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.filters import FilterColumn, Filters
from openpyxl.formatting.formatting import ConditionalFormattingList
from openpyxl.utils import column_index_from_string
from openpyxl.worksheet.cell_range import MultiCellRange

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(HERE, "..", ".."))
FIXED_TIME = dt.datetime(2026, 5, 1, 9, 0, 0)
ZIP_TIME = (1980, 1, 1, 0, 0, 0)

EN_SHEET = "SoA"
JA_SHEET = "適用宣言書"
REASONS = ["legal", "contractual", "risk", "business", "best_practice"]
STATUS_EN = {"implemented": "Implemented", "partial": "Partially implemented",
             "planned": "Planned", "not_implemented": "Not implemented"}
STATUS_JA = {"implemented": "実施済み", "partial": "一部実施", "planned": "計画中", "not_implemented": "未実施"}
# Column letters of soa's SoA sheet (both languages).
COL = dict(id="A", title="B", applicable="C", legal="D", contractual="E", risk="F", business="G",
           best_practice="H", justification="I", status="J", owner="K", evidence="L",
           target_date="M", notes="N", refs2013="O", new="P", theme="Q")
NCOLS = 17


# ---------------------------------------------------------------- helpers

def load_catalogue(name):
    with open(os.path.join(REPO, "controls", name), encoding="utf-8") as f:
        return yaml.safe_load(f)


def normalize_zip(path, renumber_axes=False):
    """Rewrite a zip with a fixed entry date, same entry order and data."""
    with zipfile.ZipFile(path) as z:
        entries = [(i.filename, z.read(i.filename)) for i in z.infolist()]
    tmp = path + ".tmp"
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries:
            if renumber_axes and name.startswith("xl/charts/") and name.endswith(".xml"):
                data = renumber_chart_axes(data)
            info = zipfile.ZipInfo(name, ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            z.writestr(info, data)
    os.replace(tmp, path)


def renumber_chart_axes(data):
    """LibreOffice writes random <c:axId>s; number them in order instead."""
    text = data.decode("utf-8")
    ids = {}
    for m in re.finditer(r'<c:(?:axId|crossAx) val="(\d+)"/>', text):
        ids.setdefault(m.group(1), str(50000001 + len(ids)))
    text = re.sub(r'(<c:(?:axId|crossAx) val=")(\d+)("/>)', lambda m: m.group(1) + ids[m.group(2)] + m.group(3), text)
    return text.encode("utf-8")


def save_wb(wb, path):
    wb.properties.created = FIXED_TIME
    wb.properties.modified = FIXED_TIME
    wb.properties.lastModifiedBy = "fixture"
    wb.save(path)
    normalize_zip(path)


def lo_profile(tmp):
    return "-env:UserInstallation=file://" + os.path.join(tmp, "lo-profile")


def lo_convert(src, dst, tmp):
    """Open src in LibreOffice and save it as xlsx at dst."""
    outdir = tempfile.mkdtemp(dir=tmp)
    subprocess.run(["soffice", lo_profile(tmp), "--headless", "--norestore", "--convert-to", "xlsx",
                    "--outdir", outdir, src], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    out = os.path.join(outdir, os.path.basename(src))
    if not os.path.exists(out):
        sys.exit("LibreOffice did not write " + out)
    shutil.copyfile(out, dst)
    normalize_zip(dst, renumber_axes=True)


def lo_encrypt(src, dst, password, tmp):
    """Save src as an encrypted xlsx through the LibreOffice UNO API.

    `soffice --convert-to` with the JSON EncryptFile option does not encrypt
    in LibreOffice 7.4, so storeToURL is called with EncryptionData
    {OOXPassword, CryptoType=Standard} (ECMA-376 standard encryption, AES-128).
    """
    import uno
    from com.sun.star.beans import NamedValue, PropertyValue

    def pv(n, v):
        p = PropertyValue()
        p.Name, p.Value = n, v
        return p

    def nv(n, v):
        p = NamedValue()
        p.Name, p.Value = n, v
        return p

    pipe = "soafixture%d" % os.getpid()
    proc = subprocess.Popen(["soffice", "-env:UserInstallation=file://" + os.path.join(tmp, "lo-profile-uno"),
                             "--headless", "--invisible", "--norestore", "--accept=pipe,name=%s;urp;" % pipe],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        ctx = None
        for _ in range(120):
            try:
                ctx = resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
                break
            except Exception:
                time.sleep(0.5)
        if ctx is None:
            sys.exit("could not reach LibreOffice over UNO")
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(os.path.abspath(src)), "_blank", 0,
                                           (pv("Hidden", True),))
        enc = uno.Any("[]com.sun.star.beans.NamedValue", (nv("OOXPassword", password), nv("CryptoType", "Standard")))
        props = (pv("FilterName", "Calc MS Excel 2007 XML"), pv("EncryptionData", None))
        props[1].Value = enc
        uno.invoke(doc, "storeToURL", (uno.systemPathToFileUrl(os.path.abspath(dst)),
                                       uno.Any("[]com.sun.star.beans.PropertyValue", props)))
        doc.close(True)
        try:
            desktop.terminate()
        except Exception:
            pass
    finally:
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def cellstr(v):
    if v is None:
        return ""
    if isinstance(v, dt.datetime):
        return v.date().isoformat()
    return str(v)


def compact(rec):
    """Drop empty fields from an expected control record."""
    return {k: v for k, v in rec.items() if v not in (None, "", [])}


# ------------------------------------------------- soa's own SoA sheet

class SoaSheet:
    """Reads the rows of the SoA sheet soa writes, in its fixed layout."""

    def __init__(self, lang):
        self.lang = lang
        self.yes, self.no = ("Yes", "No") if lang == "en" else ("適用", "除外")
        self.mark = "✓" if lang == "en" else "○"
        self.status = STATUS_EN if lang == "en" else STATUS_JA

    def record(self, ws, r):
        """The expected answers of control row r (soa's exact vocabulary)."""
        g = lambda k: ws[COL[k] + str(r)].value
        app = cellstr(g("applicable"))
        rec = {"row": r, "id": cellstr(g("id")), "title": cellstr(g("title"))}
        rec["applicable"] = {self.yes: True, self.no: False}[app]
        rec["reasons"] = [k for k in REASONS if cellstr(g(k)) == self.mark]
        rec["justification"] = cellstr(g("justification"))
        st = cellstr(g("status"))
        rec["status"] = {v: k for k, v in self.status.items()}[st] if st else ""
        rec["owner"] = cellstr(g("owner"))
        ev = cellstr(g("evidence"))
        rec["evidence"] = [x for x in ev.split("\n") if x.strip()]
        rec["target_date"] = cellstr(g("target_date"))
        rec["notes"] = cellstr(g("notes"))
        return compact(rec)


def check_against_answers(records, answers_path):
    """The unedited workbook must say exactly what the answers file says."""
    with open(answers_path, encoding="utf-8") as f:
        ans = yaml.safe_load(f)["controls"]
    for rec in records:
        a = ans[rec["id"]]
        want = compact({"applicable": a.get("applicable"), "reasons": sorted(a.get("reasons", [])),
                        "justification": a.get("justification", ""), "status": a.get("status", ""),
                        "owner": a.get("owner", ""), "evidence": a.get("evidence", []),
                        "target_date": str(a.get("target_date", "") or ""), "notes": a.get("notes", "")})
        got = {k: (sorted(v) if k == "reasons" else v) for k, v in rec.items() if k not in ("row", "id", "title")}
        if got != want:
            sys.exit("source workbook and %s disagree on %s:\n got %r\nwant %r" % (answers_path, rec["id"], got, want))
    if len(records) != len(ans):
        sys.exit("source workbook has %d controls, answers %d" % (len(records), len(ans)))


def soa_rows(ws):
    """(row, kind) for each row after the header: control, band or other."""
    out = []
    for r in range(2, ws.max_row + 1):
        a = cellstr(ws.cell(r, 1).value)
        if re.fullmatch(r"[5-8]\.\d{1,2}", a):
            out.append((r, "control", a))
        elif a:
            out.append((r, "band", a))
        else:
            out.append((r, "other", ""))
    return out


def snapshot(ws, r):
    cells = []
    for c in range(1, NCOLS + 1):
        cell = ws.cell(r, c)
        cells.append((cell.value, copy.copy(cell._style)))
    rd = ws.row_dimensions[r]
    return {"cells": cells, "height": rd.height}


# ------------------------------------------------------------ fixtures A

class Fixtures:
    def __init__(self, out, tmp, soa):
        self.out, self.tmp, self.soa = out, tmp, soa
        self.expected = {}  # file name -> expected dict
        self.readme = {}  # file name -> markdown section
        os.makedirs(os.path.join(out, "expected"), exist_ok=True)

    def path(self, name):
        return os.path.join(self.out, name)

    def generate_sources(self):
        self.gen_en = os.path.join(self.tmp, "gen-en.xlsx")
        self.gen_ja = os.path.join(self.tmp, "gen-ja.xlsx")
        for src, dst in (("saas-cloud.yaml", self.gen_en), ("seimitsu-ja.yaml", self.gen_ja)):
            subprocess.run([self.soa, "generate", os.path.join(REPO, "testdata", "examples", src), "-o", dst, "--force"],
                           check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.src_en = self.read_source(self.gen_en, EN_SHEET, "en", "saas-cloud.yaml")
        self.src_ja = self.read_source(self.gen_ja, JA_SHEET, "ja", "seimitsu-ja.yaml")

    def read_source(self, path, sheet, lang, answers):
        ws = openpyxl.load_workbook(path)[sheet]
        rd = SoaSheet(lang)
        recs = [rd.record(ws, r) for r, kind, _ in soa_rows(ws) if kind == "control"]
        check_against_answers(recs, os.path.join(REPO, "testdata", "examples", answers))
        return {rec["id"]: rec for rec in recs}

    def write_expected(self, name, data):
        data = dict(data)
        data["file"] = name
        with open(os.path.join(self.out, "expected", name.replace(".xlsx", ".json")), "w", encoding="utf-8") as f:
            json.dump(data, f, ensure_ascii=False, indent=1)
            f.write("\n")

    # 1 ------------------------------------------------------------------
    def edited_openpyxl(self):
        name = "edited-openpyxl.xlsx"
        wb = openpyxl.load_workbook(self.gen_en)
        ws = wb[EN_SHEET]
        changes = []  # (id, column key, old, new, note)
        rows = soa_rows(ws)
        row_of = {cid: r for r, kind, cid in rows if kind == "control"}
        expected = {cid: dict(rec) for cid, rec in self.src_en.items()}

        def setv(cid, key, value, want=None):
            cell = ws[COL[key] + str(row_of[cid])]
            changes.append([cid, key, cell.value, value])
            cell.value = value
            field = "reasons" if key in REASONS else key
            if field == "reasons":
                rs = set(expected[cid].get("reasons", []))
                rs.add(key)
                expected[cid]["reasons"] = [k for k in REASONS if k in rs]
            elif want is None:
                expected[cid].pop(field, None)
            else:
                expected[cid][field] = want

        # Answers changed, values typed in other case.
        setv("5.7", "status", "IMPLEMENTED", "implemented")
        setv("5.7", "target_date", None)
        setv("5.7", "notes", "Monthly threat report issued since May 2026; see ISMS-REP-011.",
             "Monthly threat report issued since May 2026; see ISMS-REP-011.")
        setv("8.11", "status", "partially implemented", "partial")
        setv("8.11", "owner", "Head of Customer Support", "Head of Customer Support")
        setv("8.11", "target_date", dt.datetime(2026, 12, 31), "2026-12-31")
        just74 = ("Since June 2026 we rent a small office in Manchester with door entry and CCTV, "
                  "which we must monitor for unauthorised access.")
        setv("7.4", "applicable", "yes", True)
        setv("7.4", "risk", "✓")
        setv("7.4", "justification", just74, just74)
        setv("7.4", "status", "Planned", "planned")
        setv("7.4", "owner", "COO", "COO")
        setv("7.4", "target_date", dt.datetime(2026, 9, 30), "2026-09-30")
        for cid in ("5.7", "8.11", "7.4"):
            ws[COL["target_date"] + str(row_of[cid])].number_format = "yyyy-mm-dd"

        # New row order: organizational controls reversed, two note rows.
        snaps = {r: snapshot(ws, r) for r in range(2, ws.max_row + 1)}
        kinds = {r: (kind, cid) for r, kind, cid in rows}
        org = [r for r, kind, cid in rows if kind == "control" and cid.startswith("5.")]
        order = []
        for r in range(2, ws.max_row + 1):
            if r == org[0]:
                order.extend(("row", x) for x in reversed(org))
            elif r in org:
                continue
            else:
                order.append(("row", r))
            if kinds[r][1] == "6.4":
                order.append(("note", "notes"))
            if kinds[r][1] == "8.16":
                order.append(("note", "title"))
        note_text = {
            "notes": "Note from the 2026-05-12 review: HR to confirm the screening vendor contract renewal before the audit.",
            "title": "Ask the Platform team whether the office NAS is in scope for clock synchronization",
        }
        # Clear the old rows and merges, then write the new order.
        for mr in list(ws.merged_cells.ranges):
            ws.unmerge_cells(str(mr))
        for r in range(2, ws.max_row + 1):
            for c in range(1, NCOLS + 1):
                ws._cells.pop((r, c), None)
            ws.row_dimensions[r].height = None
        new_row = {}
        note_rows = {}
        template = snaps[row_of["6.4"]]
        for i, (kind, v) in enumerate(order):
            r = 2 + i
            if kind == "row":
                snap = snaps[v]
                new_row[v] = r
            else:
                snap = {"cells": [(None, st) for _, st in template["cells"]], "height": 30}
                c = COL[v]
                snap["cells"][column_index_from_string(c) - 1] = (note_text[v], template["cells"][
                    column_index_from_string(c) - 1][1])
                note_rows[v] = r
            for c, (value, style) in enumerate(snap["cells"], start=1):
                cell = ws.cell(r, c)
                cell.value = value
                cell._style = copy.copy(style)
            ws.row_dimensions[r].height = snap["height"]
        last = 1 + len(order)
        for old, r in new_row.items():
            if kinds[old][0] == "band":
                ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=16)
        ctl_row = {kinds[old][1]: r for old, r in new_row.items() if kinds[old][0] == "control"}
        for rec in expected.values():
            rec["row"] = ctl_row[rec["id"]]

        # Ranges that cover the table grow with it.
        for dv in ws.data_validations.dataValidation:
            dv.sqref = MultiCellRange(re.sub(r"98\b", str(last), str(dv.sqref)))
        old_cf = ws.conditional_formatting
        ws.conditional_formatting = ConditionalFormattingList()
        for cf in old_cf:
            for rule in cf.rules:
                ws.conditional_formatting.add(re.sub(r"98\b", str(last), str(cf.sqref)), rule)
        ws.auto_filter.ref = "A1:P%d" % last

        # Formatting: hidden row and column, width, fill, filter.
        hidden_row = ctl_row["6.3"]
        ws.row_dimensions[hidden_row].hidden = True
        ws.column_dimensions["D"].hidden = True
        ws.column_dimensions["I"].width = 70
        yellow = PatternFill("solid", fgColor="FFFFFF00")
        for c in range(1, 17):
            ws.cell(ctl_row["8.11"], c).fill = yellow
        ws.auto_filter.filterColumn.append(FilterColumn(colId=2, filters=Filters(blank=True, filter=["Yes", "yes"])))
        ws.sheet_properties.filterMode = True
        filtered = []
        for cid, r in sorted(ctl_row.items(), key=lambda kv: kv[1]):
            if cellstr(ws["C%d" % r].value) == "No":
                ws.row_dimensions[r].hidden = True
                filtered.append((cid, r))
        save_wb(wb, self.path(name))

        # Verify by reading back.
        ws2 = openpyxl.load_workbook(self.path(name))[EN_SHEET]
        for cid, rec in expected.items():
            got = self.loose_record(ws2, rec["row"], "en")
            if got != rec:
                sys.exit("%s: %s reads back as %r, expected %r" % (name, cid, got, rec))
        assert ws2.column_dimensions["D"].hidden and ws2.row_dimensions[hidden_row].hidden

        ctrl = sorted(expected.values(), key=lambda x: x["row"])
        self.write_expected(name, {
            "sheet": EN_SHEET, "header_row": 1, "edition": "2022", "based_on": "testdata/examples/saas-cloud.yaml",
            "organization": {"name": "Nimbus Ledger Ltd", "date": "2026-04-01"},
            "controls": ctrl,
            "ignored_rows": [{"row": new_row[o], "why": "theme band " + kinds[o][1]} for o in new_row if kinds[o][0] == "band"]
            + [{"row": note_rows["notes"], "why": "user's note row: text only in N (Notes), no control id"},
               {"row": note_rows["title"], "why": "user's note row: text only in B (Control title), no control id"}],
        })
        # README section.
        lines = []
        for cid, key, old, new in changes:
            r = ctl_row[cid]
            lines.append("| %s | %s%d (%s) | %s | %s |" % (cid, COL[key], r, key.replace("_", " "), md(old), md(new)))
        ex = expected
        self.readme[name] = f"""
#### 1. edited-openpyxl.xlsx

**Made:** `soa generate testdata/examples/saas-cloud.yaml` (English), then
edited with openpyxl as a person would in Excel. openpyxl re-writes the
whole package: every string is an inline string (`t="inlineStr"`, no
sharedStrings part, as Debian's openpyxl 3.0.9 writes them) and the
Summary chart is re-serialized; the Cover sheet, data validation,
conditional formats, frozen panes and merged band rows are kept.

**Edits to the SoA sheet** (cells are the final positions, after the
re-ordering below):

| Control | Cell | Was | Now |
|---|---|---|---|
{chr(10).join(lines)}

Layout edits:

- The 37 organizational control rows are in reverse order: row 3 is 5.37,
  row 39 is 5.1 (so 5.10 is row {ctl_row['5.10']}, 5.7 is row {ctl_row['5.7']}).
- Two rows of the user's own notes were inserted, with no control id and
  the theme column Q empty: row {note_rows['notes']} (between 6.4 and 6.5) has text only in
  N (Notes): "{note_text['notes']}"; row {note_rows['title']} (between 8.16 and 8.17) has
  text only in B (Control title): "{note_text['title']}". The band rows are now at rows
  {', '.join(str(new_row[o]) for o in new_row if kinds[o][0] == 'band')}; the table ends at row {last}.
- Row {hidden_row} (6.3) is hidden by hand; column D (Legal) is hidden, though it
  holds data (5.5's reason is Legal ✓ in D{ctl_row['5.5']}).
- Column I (Justification) is 70 wide (was 46); the row of 8.11
  (A{ctl_row['8.11']}:P{ctl_row['8.11']}) is filled yellow.
- The autofilter (A1:P{last}) has a filter on column C (Applicable): values
  "Yes", "yes" and blanks; the rows it hides are those of the excluded
  controls ({', '.join('%s row %d' % x for x in filtered)}). The data
  validation and conditional format ranges were stretched to row {last}.

**An importer should read:** all 93 controls, each with the answers of
`saas-cloud.yaml`, except:

- 5.7 (row {ctl_row['5.7']}): status implemented (typed "IMPLEMENTED"), no target date,
  notes "{ex['5.7']['notes']}".
- 8.11 (row {ctl_row['8.11']}): status partial (typed "partially implemented"), owner
  "Head of Customer Support", target date 2026-12-31.
- 7.4 (row {ctl_row['7.4']}): applicable true (typed "yes"), reasons [risk], justification
  "{just74}", status planned, owner COO, target date 2026-09-30.

Hidden rows and columns are read like the others (6.3 and the six
excluded controls are in the answers; 5.5 keeps reasons [legal]). Rows
{note_rows['notes']} and {note_rows['title']} are not controls and carry nothing to import (an importer
may warn about them, but must not fail or take them for a control). With
`--into saas-cloud.yaml` the changes are exactly the fields above.
Every row: `expected/edited-openpyxl.json`.
"""

    def loose_record(self, ws, r, lang):
        """Read a soa-layout row accepting any case (verification only)."""
        rd = SoaSheet(lang)
        g = lambda k: ws[COL[k] + str(r)].value
        rec = {"row": r, "id": cellstr(g("id")), "title": cellstr(g("title"))}
        app = cellstr(g("applicable")).lower()
        rec["applicable"] = {rd.yes.lower(): True, rd.no.lower(): False}[app]
        rec["reasons"] = [k for k in REASONS if cellstr(g(k)) == rd.mark]
        rec["justification"] = cellstr(g("justification"))
        st = cellstr(g("status")).lower()
        rec["status"] = {v.lower(): k for k, v in rd.status.items()}[st] if st else ""
        rec["owner"] = cellstr(g("owner"))
        rec["evidence"] = [x for x in cellstr(g("evidence")).split("\n") if x.strip()]
        v = g("target_date")
        rec["target_date"] = cellstr(v)
        rec["notes"] = cellstr(g("notes"))
        return compact(rec)

    # 2, 3, 4 ------------------------------------------------------------
    def lo_edit(self, name, src, sheet, lang, source_recs, edits, answers, org, title, blurb):
        wb = openpyxl.load_workbook(src)
        ws = wb[sheet]
        row_of = {cid: r for r, kind, cid in soa_rows(ws) if kind == "control"}
        expected = {cid: dict(rec) for cid, rec in source_recs.items()}
        table = []
        for cid, key, value, want in edits:
            cell = ws[COL[key] + str(row_of[cid])]
            table.append("| %s | %s%d (%s) | %s | %s |" % (cid, COL[key], row_of[cid], key.replace("_", " "),
                                                          md(cell.value), md(value)))
            cell.value = value
            if isinstance(value, dt.datetime):
                cell.number_format = "yyyy-mm-dd"
            if want is None:
                expected[cid].pop(key, None)
            else:
                expected[cid][key] = want
        staged = os.path.join(tempfile.mkdtemp(dir=self.tmp), name)
        if edits:
            save_wb(wb, staged)
        else:
            shutil.copyfile(src, staged)  # untouched: LibreOffice opens soa's own file
        lo_convert(staged, self.path(name), self.tmp)
        ws2 = openpyxl.load_workbook(self.path(name))[sheet]
        for cid, rec in expected.items():
            got = self.loose_record(ws2, rec["row"], lang)
            if got != rec:
                sys.exit("%s: %s reads back as %r, expected %r" % (name, cid, got, rec))
        self.write_expected(name, {
            "sheet": sheet, "header_row": 1, "edition": "2022", "based_on": "testdata/examples/" + answers,
            "organization": org, "controls": sorted(expected.values(), key=lambda x: x["row"]),
            "ignored_rows": [{"row": r, "why": "theme band " + cid} for r, kind, cid in soa_rows(ws2) if kind == "band"],
        })
        edit_table = ("| Control | Cell | Was | Now |\n|---|---|---|---|\n" + "\n".join(table)) if table else ""
        self.readme[name] = "\n#### %s\n\n%s\n%s\n" % (title, blurb, edit_table)

    def edited_libreoffice(self):
        self.lo_edit(
            "edited-libreoffice.xlsx", self.gen_en, EN_SHEET, "en", self.src_en,
            [("5.13", "status", "Implemented", "implemented"),
             ("5.13", "target_date", None, None),
             ("5.13", "notes", "Labelling rules enforced in Google Drive since May 2026.",
              "Labelling rules enforced in Google Drive since May 2026."),
             ("8.23", "owner", "Platform Lead", "Platform Lead"),
             ("8.23", "target_date", dt.datetime(2026, 12, 15), "2026-12-15"),
             ("6.7", "notes", "Remote working policy reissued 2026-05 (ISMS-POL-009 v2).",
              "Remote working policy reissued 2026-05 (ISMS-POL-009 v2).")],
            "saas-cloud.yaml", {"name": "Nimbus Ledger Ltd", "date": "2026-04-01"},
            "2. edited-libreoffice.xlsx",
            """**Made:** `soa generate testdata/examples/saas-cloud.yaml` (English); the
cells below changed with openpyxl; then
opened and saved by LibreOffice 7.4 (`soffice --headless --convert-to xlsx`),
so every part of the file is as LibreOffice writes it: its own styles,
shared strings, no theme part, the empty-string cells soa then wrote dropped,
dates as numbers with a date format, `<cols>` and `<row>` with all the
optional attributes. Row positions are those of soa's workbook (row 1
header, bands at rows 2, 40, 49, 64; 5.1 at row 3, 8.34 at row 98).

**An importer should read:** all 93 controls with the answers of
`saas-cloud.yaml`, except: 5.13 (row 15) status implemented, no target
date, notes "Labelling rules enforced in Google Drive since May 2026.";
8.23 (row 87) owner "Platform Lead", target date 2026-12-15; 6.7 (row 47)
notes "Remote working policy reissued 2026-05 (ISMS-POL-009 v2).".
Every row: `expected/edited-libreoffice.json`.

Edits:
""")

    def edited_ja_libreoffice(self):
        note = "ＯＴ監視センサー２台を豊橋工場に設置済み（２０２６年６月）。残り１台は１２月に設置予定。"
        owner = "総務部　施設課長"
        self.lo_edit(
            "edited-ja-libreoffice.xlsx", self.gen_ja, JA_SHEET, "ja", self.src_ja,
            [("8.16", "status", "一部実施", "partial"),
             ("8.16", "notes", note, note),
             ("7.4", "owner", owner, owner)],
            "seimitsu-ja.yaml", {"name": "株式会社サンプル精密工業", "date": "2026-05-20"},
            "3. edited-ja-libreoffice.xlsx",
            f"""**Made:** `soa generate testdata/examples/seimitsu-ja.yaml` (Japanese:
sheets 表紙, 適用宣言書, 集計, …); three cells changed with openpyxl;
then saved by LibreOffice 7.4 as in 2. Layout as soa writes it: header
row 1 (管理策番号 | 管理策 | 適用可否 | 法令 | … | テーマ), bands
"5 組織的管理策" etc. at rows 2, 40, 49, 64, 8.16 at row 80, 7.4 at row 53.

**An importer should read:** all 93 controls with the answers of
`seimitsu-ja.yaml` (language ja), except: 8.16 (row 80) status partial
(一部実施; was 計画中), notes "{note}" (full-width Latin letters, digits and
parentheses, kept as typed), target date unchanged 2027-03-31; 7.4 (row
53) owner "{owner}" (with U+3000 IDEOGRAPHIC SPACE, kept as typed).
Every row: `expected/edited-ja-libreoffice.json`.

Edits:
""")

    def resaved_unchanged(self):
        self.lo_edit(
            "resaved-unchanged-libreoffice.xlsx", self.gen_en, EN_SHEET, "en", self.src_en, [],
            "saas-cloud.yaml", {"name": "Nimbus Ledger Ltd", "date": "2026-04-01"},
            "4. resaved-unchanged-libreoffice.xlsx",
            """**Made:** `soa generate testdata/examples/saas-cloud.yaml`, opened and
saved by LibreOffice 7.4 with no edit at all (the Summary chart survives;
its random axis ids are renumbered by the script).

**An importer should read:** exactly the answers of `saas-cloud.yaml`, all
93 controls (5.1 at row 3 … 8.34 at row 98). `soa import
resaved-unchanged-libreoffice.xlsx --into saas-cloud.yaml --dry-run`
should report no change at all (dates stored as numbers, dropped empty
cells and LibreOffice's styles must not show up as changes).
Every row: `expected/resaved-unchanged-libreoffice.json`.
""")


def md(v):
    if v is None or v == "":
        return "(empty)"
    if isinstance(v, dt.datetime):
        return v.date().isoformat() + " (date)"
    s = str(v).replace("\n", " / ").replace("|", "\\|")
    if len(s) > 60:
        s = s[:57] + "…"
    return '"%s"' % s


# ------------------------------------------------------------ fixtures B

THIN = Side(style="thin", color="FFBFBFBF")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="top")
HEAD_FILL = PatternFill("solid", fgColor="FF1F4E78")
HEAD_FONT = Font(bold=True, color="FFFFFFFF")
GROUP_FILL = PatternFill("solid", fgColor="FFDDEBF7")


def style_header(ws, row, ncols, heights=30):
    for c in range(1, ncols + 1):
        cell = ws.cell(row, c)
        cell.fill, cell.font, cell.border = HEAD_FILL, HEAD_FONT, BOX
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    ws.row_dimensions[row].height = heights


def style_body(ws, row, ncols):
    for c in range(1, ncols + 1):
        cell = ws.cell(row, c)
        cell.border, cell.alignment = BOX, WRAP


def group_row(ws, row, ncols, text, merge=True):
    ws.cell(row, 1, text)
    for c in range(1, ncols + 1):
        ws.cell(row, c).fill = GROUP_FILL
        ws.cell(row, c).font = Font(bold=True)
    if merge:
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=ncols)


def new_book(title):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title
    return wb, ws


CLAUSE_2013 = {
    "A.5": ("Management direction is needed so that everyone knows what is expected; customer contracts require a policy set.", "ISMS Manager", "HL-POL-01 Information Security Policy"),
    "A.6": ("Security roles, segregation and remote working must be organised across head office and three depots.", "ISMS Manager", "HL-DOC-02 ISMS roles and responsibilities"),
    "A.7": ("Drivers and warehouse staff handle customer shipment data, so HR security applies before, during and after employment.", "HR Manager", "HL-PRO-07 HR security procedure"),
    "A.8": ("Assets holding customer and shipment data must be known, classified and handled securely.", "IT Manager", "HL-REG-01 Asset register"),
    "A.9": ("Access to the transport management system (TMS) and customer portals must be limited to authorised users.", "IT Manager", "HL-POL-09 Access Control Policy\nQuarterly access review records"),
    "A.10": ("Cryptography protects customer data on laptops, in backups and in transit.", "IT Manager", "HL-POL-10 Cryptography Policy"),
    "A.11": ("Depots and head office hold IT equipment and paper manifests that need physical protection.", "Facilities Manager", "HL-PRO-11 Physical security procedure"),
    "A.12": ("The TMS and supporting systems must be operated securely and monitored.", "IT Manager", "HL-PRO-12 IT operations manual"),
    "A.13": ("Shipment data is exchanged with customers and carriers over networks and EDI.", "IT Manager", "HL-ARC-13 Network diagram and EDI register"),
    "A.14": ("Systems we buy or configure must meet our security requirements.", "IT Manager", "HL-PRO-14 System acquisition checklist"),
    "A.15": ("Carriers, IT providers and the TMS vendor have access to our information.", "Procurement Manager", "HL-REG-15 Supplier register"),
    "A.16": ("Incidents must be reported, handled and learned from.", "ISMS Manager", "HL-PRO-16 Incident management procedure"),
    "A.17": ("Deliveries must continue through an IT outage.", "Operations Director", "HL-PLN-17 Business continuity plan"),
    "A.18": ("Legal (UK GDPR, customs), regulatory and contractual requirements apply to us.", "Legal Counsel", "HL-REG-18 Legal and contractual register"),
}


def clause_of(cid2013):
    return ".".join(cid2013.split(".")[:2])


class Foreign(Fixtures):
    # 5 ------------------------------------------------------------------
    def foreign_2013_en(self):
        name = "foreign-2013-en.xlsx"
        cat = load_catalogue("annex-a-2013.yaml")
        clauses = {t["id"]: t["title"] for t in cat["themes"]}
        excluded = {
            "A.14.1.3": "We offer no e-commerce or online transaction services.",
            "A.14.2.6": "No software development is done in-house or outsourced; all systems are off-the-shelf or SaaS.",
            "A.14.2.7": "No software development is outsourced.",
            "A.14.2.8": "No software development is done in-house or outsourced; all systems are off-the-shelf or SaaS.",
        }
        status = {"A.8.2.2": "Partially implemented", "A.12.4.1": "Partially implemented", "A.16.1.7": "Partially implemented",
                  "A.6.2.2": "In progress", "A.12.6.1": "In progress",
                  "A.18.2.1": "Not started", "A.17.2.1": "Not started"}
        status_key = {"Implemented": "implemented", "Partially implemented": "partial", "In progress": "partial",
                      "Not started": "not_implemented"}
        wb, ws = new_book("Statement of Applicability")
        ws["A1"] = "Harbourside Logistics Ltd – Statement of Applicability (ISO/IEC 27001:2013 Annex A)"
        ws["A1"].font = Font(bold=True, size=14)
        ws["A2"], ws["B2"] = "Organisation:", "Harbourside Logistics Ltd"
        ws["A3"], ws["B3"] = "Date:", dt.datetime(2022, 3, 14)
        ws["B3"].number_format = "d mmmm yyyy"
        ws["D2"], ws["E2"] = "Version:", "1.4"
        ws["D3"], ws["E3"] = "Approved by:", "J. Okafor, Managing Director"
        for c in ("A2", "A3", "D2", "D3"):
            ws[c].font = Font(bold=True)
        heads = ["Control ref", "Control", "Applicable?", "Justification for inclusion / exclusion", "Implemented?", "Owner", "Evidence"]
        hr = 5
        for c, h in enumerate(heads, 1):
            ws.cell(hr, c, h)
        style_header(ws, hr, len(heads))
        r = hr
        ctrls, ignored = [], []
        last_clause = None
        for ctl in cat["controls"]:
            cid = ctl["id"]
            cl = clause_of(cid)
            if cl != last_clause:
                r += 1
                group_row(ws, r, len(heads), "%s %s" % (cl, clauses[cl]))
                ignored.append({"row": r, "why": "clause heading %s" % cl})
                last_clause = cl
            r += 1
            just, owner, evidence = CLAUSE_2013[cl]
            rec = {"row": r, "id": cid, "title": ctl["title"]}
            if cid in excluded:
                vals = [cid, ctl["title"], "N", excluded[cid], "N/A" if cid == "A.14.1.3" else None, None, None]
                rec.update(applicable=False, justification=excluded[cid])
            else:
                st = status.get(cid, "Implemented")
                vals = [cid, ctl["title"], "Y", just, st, owner, evidence]
                rec.update(applicable=True, justification=just, status=status_key[st], owner=owner,
                           evidence=evidence.split("\n"))
            for c, v in enumerate(vals, 1):
                ws.cell(r, c, v)
            style_body(ws, r, len(heads))
            ctrls.append(rec)
        ws.freeze_panes = "C6"
        for col, w in zip("ABCDEFG", (11, 44, 11, 60, 20, 20, 36)):
            ws.column_dimensions[col].width = w
        ws.auto_filter.ref = "A%d:G%d" % (hr, r)
        save_wb(wb, self.path(name))
        assert len(ctrls) == 114
        self.write_expected(name, {"sheet": ws.title, "header_row": hr, "edition": "2013",
                                   "organization": {"name": "Harbourside Logistics Ltd", "date": "2022-03-14"},
                                   "columns": dict(zip("ABCDEFG", ["id", "title", "applicable", "justification", "status", "owner", "evidence"])),
                                   "controls": ctrls, "ignored_rows": ignored})
        row = {c["id"]: c["row"] for c in ctrls}
        self.readme[name] = f"""
#### 5. foreign-2013-en.xlsx

**Made:** by openpyxl from `controls/annex-a-2013.yaml`, in the style of a
hand-made English 2013 SoA. One sheet, "Statement of Applicability".

- Title block: A1 "Harbourside Logistics Ltd – Statement of Applicability
  (ISO/IEC 27001:2013 Annex A)"; A2 "Organisation:" B2 "Harbourside
  Logistics Ltd"; A3 "Date:" B3 the date 2022-03-14 (a date cell, shown
  "14 March 2022"); D2 "Version:" E2 "1.4"; D3 "Approved by:" E3
  "J. Okafor, Managing Director". Row 4 empty.
- Header row 5: A "Control ref" | B "Control" | C "Applicable?" |
  D "Justification for inclusion / exclusion" | E "Implemented?" |
  F "Owner" | G "Evidence". Here "Control" is the title column.
- 14 clause heading rows (merged A:G, e.g. row 6 "A.5 Information security
  policies", row {row['A.6.1.1'] - 1} "A.6 Organization of information security") before each
  clause's controls; all 114 controls, ids written "A.5.1.1", in catalogue
  order (A.5.1.1 row 7, A.18.2.3 row {row['A.18.2.3']}). Autofilter on A5:G{row['A.18.2.3']}; panes frozen.

**An importer should read:** edition 2013, organization "Harbourside
Logistics Ltd", date 2022-03-14; 114 controls:

- Applicable "Y" → true, "N" → false. Excluded (N): A.14.1.3 (row
  {row['A.14.1.3']}), A.14.2.6 (row {row['A.14.2.6']}), A.14.2.7 (row {row['A.14.2.7']}), A.14.2.8 (row {row['A.14.2.8']}), each with a
  justification for exclusion and no status, owner or evidence. A.14.1.3
  has "N/A" in E (Implemented?): for an excluded control that means "no
  status", not an error; the other three have E empty.
- Status ("Implemented?"): "Implemented" → implemented for every
  applicable control except: "Partially implemented" → partial for
  A.8.2.2, A.12.4.1, A.16.1.7; "In progress" → partial for A.6.2.2
  (row {row['A.6.2.2']}), A.12.6.1; "Not started" → not_implemented for A.18.2.1,
  A.17.2.1.
- Justification, owner and evidence are the same for every applicable
  control of a clause (e.g. row {row['A.9.1.1']}: A.9.1.1, owner "IT Manager", evidence
  two lines: "HL-POL-09 Access Control Policy" and "Quarterly access review
  records").
- No reasons columns, so no reasons.

Every row: `expected/foreign-2013-en.json`.
"""

    # 6 ------------------------------------------------------------------
    def foreign_2013_ids_numeric(self):
        name = "foreign-2013-ids-numeric.xlsx"
        cat = load_catalogue("annex-a-2013.yaml")
        scope = {"A.11.1.6": ("No", "We rent space in a shared building with no delivery or loading area of our own."),
                 "A.14.2.7": ("No", "We do not outsource software development."),
                 "A.14.1.3": ("N/A", "We run no online transaction services."),
                 "A.11.1.5": ("N/A", "There are no secure areas; the server room was closed in 2020.")}
        status = {"A.8.1.1": "Partially Implemented", "A.12.1.3": "Partially Implemented", "A.18.1.4": "Partially Implemented",
                  "A.12.4.3": "Planned", "A.16.1.7": "Planned", "A.8.3.3": "Not Implemented"}
        status_key = {"Implemented": "implemented", "Partially Implemented": "partial", "Planned": "planned",
                      "Not Implemented": "not_implemented"}
        comments = {"A.9.4.2": "MFA on all cloud services since 2021",
                    "A.12.1.3": "Capacity reports for the analytics cluster only",
                    "A.8.3.3": "Courier contract to be reviewed",
                    "A.18.1.4": "DPIA backlog: 3 projects"}
        reasons = {"A.5": "Risk assessment; ISO 27002 best practice", "A.6": "Risk assessment", "A.7": "Risk assessment; client contracts",
                   "A.8": "Client contracts (data handling schedules)", "A.9": "Risk assessment; client contracts",
                   "A.10": "Client contracts require encryption at rest and in transit", "A.11": "Risk assessment",
                   "A.12": "Risk assessment", "A.13": "Client contracts", "A.14": "Risk assessment", "A.15": "Risk assessment",
                   "A.16": "UK GDPR breach notification; risk assessment", "A.17": "Client SLAs", "A.18": "Legal and regulatory requirements"}
        wb, ws = new_book("Annex A")
        heads = ["Clause", "Title", "In scope", "Reason for selection", "Status", "Comments"]
        for c, h in enumerate(heads, 1):
            ws.cell(1, c, h)
        style_header(ws, 1, len(heads), 20)
        r = 1
        ctrls, ignored = [], []
        last = None
        for ctl in cat["controls"]:
            cid = ctl["id"]
            cl = clause_of(cid)
            if last is not None and cl != last:
                r += 1  # one empty row between clauses
                ignored.append({"row": r, "why": "empty row between clauses"})
            last = cl
            r += 1
            text_id = cid[2:]  # "5.1.1"
            rec = {"row": r, "id": cid, "title": ctl["title"]}
            if cid in scope:
                val, why = scope[cid]
                vals = [text_id, ctl["title"], val, why, None, comments.get(cid)]
                rec.update(applicable=False, justification=why)
            else:
                st = status.get(cid, "Implemented")
                vals = [text_id, ctl["title"], "Yes", reasons[cl], st, comments.get(cid)]
                rec.update(applicable=True, justification=reasons[cl], status=status_key[st])
            if comments.get(cid):
                rec["notes"] = comments[cid]
            for c, v in enumerate(vals, 1):
                cell = ws.cell(r, c, v)
                if c == 1:
                    cell.data_type = "s"
                    cell.number_format = "@"
            style_body(ws, r, len(heads))
            ctrls.append(rec)
        for col, w in zip("ABCDEF", (9, 48, 9, 46, 22, 36)):
            ws.column_dimensions[col].width = w
        ws.freeze_panes = "A2"
        save_wb(wb, self.path(name))
        wb2 = openpyxl.load_workbook(self.path(name))
        assert all(isinstance(wb2.active.cell(c["row"], 1).value, str) for c in ctrls)
        row = {c["id"]: c["row"] for c in ctrls}
        self.write_expected(name, {"sheet": ws.title, "header_row": 1, "edition": "2013",
                                   "columns": dict(zip("ABCDEF", ["id", "title", "applicable", "justification", "status", "notes"])),
                                   "controls": ctrls, "ignored_rows": ignored})
        self.readme[name] = f"""
#### 6. foreign-2013-ids-numeric.xlsx

**Made:** by openpyxl from `controls/annex-a-2013.yaml`: a plain 2013
SoA, one sheet "Annex A", no title block, no heading rows.

- Header row 1: A "Clause" | B "Title" | C "In scope" | D "Reason for
  selection" | E "Status" | F "Comments".
- Ids written without "A.": "5.1.1" … "18.2.3", stored as text (cell
  type string, number format "@"), in column A. Row 2 is 5.1.1; one empty
  row separates clauses (13 empty rows); the last control, 18.2.3, is row {row['A.18.2.3']}.

**An importer should read:** edition 2013 (ids normalized to A.5.1.1
form), no organization; 114 controls:

- In scope "Yes" → applicable true. "No" → false for A.11.1.6 (row
  {row['A.11.1.6']}) and A.14.2.7 (row {row['A.14.2.7']}). "N/A" → false (not applicable) for A.11.1.5
  (row {row['A.11.1.5']}) and A.14.1.3 (row {row['A.14.1.3']}). The four excluded rows have their reason for
  exclusion in D (Reason for selection) and E empty.
- "Reason for selection" is the justification (free text, e.g. "Risk
  assessment; client contracts"; it is not a list of soa's reason codes,
  so reasons stay empty).
- Status in title case: "Implemented" → implemented; "Partially
  Implemented" → partial for A.8.1.1, A.12.1.3, A.18.1.4; "Planned" →
  planned for A.12.4.3, A.16.1.7; "Not Implemented" → not_implemented for
  A.8.3.3 (row {row['A.8.3.3']}).
- "Comments" is notes: A.9.4.2 "MFA on all cloud services since 2021",
  A.12.1.3, A.8.3.3, A.18.1.4 (see JSON); empty elsewhere.

Every row: `expected/foreign-2013-ids-numeric.json`.
"""

    # 7 ------------------------------------------------------------------
    def foreign_2022_numeric_ids(self):
        name = "foreign-2022-numeric-ids.xlsx"
        cat = load_catalogue("annex-a-2022.yaml")
        themes = {t["number"]: t["title"] for t in cat["themes"]}
        owner_of = {"5": "CISO", "6": "People Ops Lead", "7": "Office Manager", "8": "Head of Infrastructure"}
        just_of = {"5": "Required to govern the handling of card and payment data (PCI DSS, client contracts).",
                   "6": "Staff with access to payment systems must be screened, trained and bound by confidentiality.",
                   "7": "Our Oslo office houses staff laptops and a small network room.",
                   "8": "Our payment platform runs in our own cloud tenancy and must be technically protected."}
        # The ambiguous pairs get different answers, so a wrong reading shows.
        special = {
            "5.10": dict(status="Partially implemented", owner="Head of IT"),
            "5.20": dict(status="Planned", owner="Procurement Lead"),
            "5.30": dict(status="Partially implemented", owner="Head of Infrastructure"),
            "7.10": dict(applicable="N", just="No removable storage media are used; USB storage is blocked on all laptops."),
            "8.10": dict(status="Not implemented", owner="Data Protection Officer"),
            "8.20": dict(status="Implemented", owner="Network Engineer"),
            "8.30": dict(applicable="N", just="We do not outsource development."),
            "7.12": dict(applicable="N", just="Cabling in the serviced office is the landlord's; we own no cabling."),
            "5.7": dict(status="Partially implemented"),
            "8.16": dict(status="Partially implemented"),
            "5.35": dict(status="Planned"),
            "8.11": dict(status="Not implemented"),
        }
        status_key = {"Implemented": "implemented", "Partially implemented": "partial", "Planned": "planned",
                      "Not implemented": "not_implemented"}
        wb, ws = new_book("SoA 2022")
        heads = ["#", "Annex A control", "Applicable (Y/N)", "Justification", "Implementation status", "Control owner", "Evidence"]
        for c, h in enumerate(heads, 1):
            ws.cell(1, c, h)
        style_header(ws, 1, len(heads))
        r = 1
        ctrls, ignored, stored = [], [], {}
        last = None
        for ctl in cat["controls"]:
            cid = ctl["id"]
            th = cid.split(".")[0]
            if th != last:
                r += 1
                ws.cell(r, 1, int(th))
                ws.cell(r, 2, themes[th])
                for c in range(1, len(heads) + 1):
                    ws.cell(r, c).font = Font(bold=True)
                    ws.cell(r, c).fill = GROUP_FILL
                ignored.append({"row": r, "why": "theme heading: A holds the number %s, B '%s'" % (th, themes[th])})
                last = th
            r += 1
            sp = special.get(cid, {})
            if cid == "5.1":
                idv = 5.0999999999  # binary noise, as left by a formula or an import
            elif cid == "8.34":
                idv = "8.34"  # one id typed as text ('8.34)
            else:
                idv = float(cid)  # 5.10 -> 5.1, 5.20 -> 5.2 ...
            stored[cid] = idv
            rec = {"row": r, "id": cid, "title": ctl["title"]}
            if sp.get("applicable") == "N":
                vals = [idv, ctl["title"], "N", sp["just"], None, None, None]
                rec.update(applicable=False, justification=sp["just"])
            else:
                st = sp.get("status", "Implemented")
                owner = sp.get("owner", owner_of[th])
                ev = "Confluence ISMS space: %s" % ctl["title"]
                vals = [idv, ctl["title"], "Y", just_of[th], st, owner, ev]
                rec.update(applicable=True, justification=just_of[th], status=status_key[st], owner=owner, evidence=[ev])
            for c, v in enumerate(vals, 1):
                ws.cell(r, c, v)
            style_body(ws, r, len(heads))
            ws.cell(r, 1).alignment = Alignment(horizontal="left", vertical="top")
            ctrls.append(rec)
        for col, w in zip("ABCDEFG", (7, 46, 10, 50, 22, 24, 44)):
            ws.column_dimensions[col].width = w
        ws.freeze_panes = "B2"
        save_wb(wb, self.path(name))
        # Verify the stored cell types and values.
        ws2 = openpyxl.load_workbook(self.path(name)).active
        row = {c["id"]: c["row"] for c in ctrls}
        for cid, v in stored.items():
            got = ws2.cell(row[cid], 1).value
            assert got == v and type(got) is type(v), (cid, got, v)
        assert ws2.cell(row["5.10"], 1).value == 5.1 and ws2.cell(row["5.1"], 1).value == 5.0999999999
        self.write_expected(name, {"sheet": ws.title, "header_row": 1, "edition": "2022",
                                   "columns": dict(zip("ABCDEFG", ["id", "title", "applicable", "justification", "status", "owner", "evidence"])),
                                   "controls": ctrls, "ignored_rows": ignored,
                                   "id_cells": {cid: {"cell": "A%d" % row[cid], "stored": stored[cid]} for cid in stored
                                                if not isinstance(stored[cid], float) or repr(stored[cid]) != cid}})
        amb = ", ".join("%s (A%d)" % (c, row[c]) for c in ("5.10", "5.20", "5.30", "7.10", "8.10", "8.20", "8.30"))
        self.readme[name] = f"""
#### 7. foreign-2022-numeric-ids.xlsx

**Made:** by openpyxl from `controls/annex-a-2022.yaml`: a 2022 SoA whose
control ids are numbers. One sheet "SoA 2022".

- Header row 1: A "#" | B "Annex A control" (the title) | C "Applicable
  (Y/N)" | D "Justification" | E "Implementation status" | F "Control
  owner" | G "Evidence".
- Theme heading rows 2, {row['6.1'] - 1}, {row['7.1'] - 1}, {row['8.1'] - 1}: A holds the *integer* 5, 6, 7 or 8 and B
  the theme title ("Organizational controls" …); they are not controls.
- Ids in A are numeric cells (General format), written as a person typing
  them into Excel would get them:
  - 5.11 is 5.11, 8.9 is 8.9, etc.
  - **Ambiguous**: a trailing zero is lost, so 5.10 is stored as 5.1,
    5.20 as 5.2, 5.30 as 5.3, 7.10 as 7.1, 8.10 as 8.1, 8.20 as 8.2 and
    8.30 as 8.3: {amb}. The title in B and the order settle which control it
    is.
  - **Binary noise**: A{row['5.1']} (control 5.1) holds 5.0999999999, not 5.1.
  - One id is text: A{row['8.34']} holds the string "8.34".
  - So the value 5.1 occurs once (A{row['5.10']}, control 5.10) and 5.0999999999 once
    (A{row['5.1']}, control 5.1); reading A{row['5.10']} as 5.1 would give a duplicate 5.1 and
    no 5.10.

**An importer should read:** edition 2022, 93 controls, each exactly once.
Applicable "Y" → true; "N" → false for 7.10 (row {row['7.10']}), 7.12 (row {row['7.12']}) and
8.30 (row {row['8.30']}) (justification for exclusion in D, E–G empty). Status:
implemented, except partial for 5.7, 5.10, 5.30, 8.16; planned for 5.20,
5.35; not_implemented for 8.10, 8.11. Owner by theme (5 CISO, 6 People Ops
Lead, 7 Office Manager, 8 Head of Infrastructure) except 5.10 "Head of
IT", 5.20 "Procurement Lead", 5.30 "Head of Infrastructure", 8.10 "Data
Protection Officer", 8.20 "Network Engineer" — so mixing up 5.1/5.10 or
8.2/8.20 shows in the owner and status. Evidence "Confluence ISMS space:
<title>". Every row: `expected/foreign-2022-numeric-ids.json` (its
`id_cells` lists the cells whose stored value is not the id's own text).
"""

    # 8 ------------------------------------------------------------------
    def foreign_2022_ja(self):
        name = "foreign-2022-ja.xlsx"
        cat = load_catalogue("annex-a-2022.yaml")
        themes = {t["number"]: t["title_ja"] for t in cat["themes"]}
        reason = {"5": "リスクアセスメントの結果及び顧客との契約上の要求により適用する。",
                  "6": "従業員及び協力会社社員による情報漏えいのリスクに対応するため適用する。",
                  "7": "本社及びサービス拠点の物理的なリスクに対応するため適用する。",
                  "8": "顧客の機器から収集する稼働データを扱うシステムの技術的なリスクに対応するため適用する。"}
        dept = {"5": "情報セキュリティ委員会", "6": "人事総務部", "7": "人事総務部", "8": "情報システム課"}
        doc = {"5": "情報セキュリティ基本方針、ISMSマニュアル", "6": "就業規則、情報セキュリティ教育計画",
               "7": "入退室管理規程", "8": "情報システム管理規程"}
        excluded = {"8.25": "自社でのソフトウェア開発を行っていないため除外する。",
                    "8.28": "自社でのソフトウェア開発を行っていないため除外する。",
                    "8.30": "開発の外部委託を行っていないため除外する。"}
        status = {"5.7": "一部実施", "8.12": "一部実施", "8.16": "一部実施", "5.23": "計画中", "8.23": "計画中", "8.11": "未実施"}
        status_key = {"実施済": "implemented", "一部実施": "partial", "計画中": "planned", "未実施": "not_implemented"}
        notes = {"5.7": "JPCERT/CCの注意喚起を収集中。分析・報告の手順は未整備。",
                 "8.16": "ＥＤＲのアラート監視は平日日中のみ（２４時間監視は２０２６年度に検討）。",
                 "5.23": "クラウドサービス利用規程を２０２５年度中に制定予定。",
                 "8.11": "試験データへのマスキングは未対応。"}
        wb, ws = new_book("適用宣言書")
        ws["A1"] = "情報セキュリティ適用宣言書（ISO/IEC 27001:2022 附属書A）"
        ws["A1"].font = Font(bold=True, size=14)
        ws["A2"], ws["B2"] = "組織名", "株式会社みなと電子サービス"
        ws["D2"], ws["E2"] = "改訂日", dt.datetime(2025, 4, 1)
        ws["E2"].number_format = 'yyyy"年"m"月"d"日"'
        ws["F2"], ws["G2"] = "版数", "第2版"
        heads = ["管理策番号", "管理策名", "適用可否", "適用理由", "除外理由", "実施状況", "担当部署", "関連文書", "備考"]
        hr = 4
        for c, h in enumerate(heads, 1):
            ws.cell(hr, c, h)
        style_header(ws, hr, len(heads))
        r = hr
        ctrls, ignored = [], []
        last = None
        for ctl in cat["controls"]:
            cid = ctl["id"]
            th = cid.split(".")[0]
            if th != last:
                r += 1
                group_row(ws, r, len(heads), "%s　%s" % (th, themes[th]))
                ignored.append({"row": r, "why": "theme heading '%s　%s'" % (th, themes[th])})
                last = th
            r += 1
            rec = {"row": r, "id": cid, "title": ctl["title_ja"]}
            if cid in excluded:
                vals = [cid, ctl["title_ja"], "×", None, excluded[cid], None, None, None, notes.get(cid)]
                rec.update(applicable=False, justification=excluded[cid])
            else:
                st = status.get(cid, "実施済")
                mark = "〇" if cid == "5.5" else "○"
                vals = [cid, ctl["title_ja"], mark, reason[th], None, st, dept[th], doc[th], notes.get(cid)]
                rec.update(applicable=True, justification=reason[th], status=status_key[st], owner=dept[th],
                           evidence=[doc[th]])
            if notes.get(cid):
                rec["notes"] = notes[cid]
            for c, v in enumerate(vals, 1):
                ws.cell(r, c, v)
            style_body(ws, r, len(heads))
            ws.cell(r, 3).alignment = Alignment(horizontal="center", vertical="top")
            ctrls.append(rec)
        for col, w in zip("ABCDEFGHI", (11, 40, 8, 40, 30, 10, 18, 30, 36)):
            ws.column_dimensions[col].width = w
        ws.freeze_panes = "C5"
        save_wb(wb, self.path(name))
        assert len(ctrls) == 93
        row = {c["id"]: c["row"] for c in ctrls}
        self.write_expected(name, {"sheet": ws.title, "header_row": hr, "edition": "2022",
                                   "organization": {"name": "株式会社みなと電子サービス", "date": "2025-04-01"},
                                   "columns": dict(zip("ABCDEFGHI", ["id", "title", "applicable", "justification_inclusion",
                                                                     "justification_exclusion", "status", "owner", "evidence", "notes"])),
                                   "controls": ctrls, "ignored_rows": ignored})
        self.readme[name] = f"""
#### 8. foreign-2022-ja.xlsx

**Made:** by openpyxl from `controls/annex-a-2022.yaml` (Japanese titles,
`title_ja`), in the style of a hand-made Japanese SoA. One sheet
"適用宣言書" (the same name as soa's Japanese SoA sheet, but a different
layout; there is no 表紙 sheet).

- Title block: A1 "情報セキュリティ適用宣言書（ISO/IEC 27001:2022 附属書A）";
  A2 "組織名" B2 "株式会社みなと電子サービス"; D2 "改訂日" E2 the date 2025-04-01
  (date cell shown 2025年4月1日); F2 "版数" G2 "第2版". Row 3 empty. Note
  that row 2 holds three label/value pairs side by side: the name *and*
  the date must both be read from it.
- Header row 4: A 管理策番号 | B 管理策名 | C 適用可否 | D 適用理由 |
  E 除外理由 | F 実施状況 | G 担当部署 | H 関連文書 | I 備考.
- Theme heading rows (merged A:I) "5　組織的管理策" (row 5), "6　人的管理策"
  (row {row['6.1'] - 1}), "7　物理的管理策" (row {row['7.1'] - 1}), "8　技術的管理策" (row {row['8.1'] - 1}), with an
  IDEOGRAPHIC SPACE after the number.
- All 93 controls, ids as text "5.1" … "8.34" (5.1 row 6, 8.34 row {row['8.34']}).

**An importer should read:** edition 2022, organization 株式会社みなと電子サービス,
date 2025-04-01; 93 controls:

- 適用可否 "○" (U+25CB) → true; "×" (U+00D7) → false for 8.25 (row
  {row['8.25']}), 8.28 (row {row['8.28']}), 8.30 (row {row['8.30']}). **Variant:** 5.5 (C{row['5.5']}) holds "〇" (U+3007
  IDEOGRAPHIC NUMBER ZERO, which Japanese IMEs often give for "まる"):
  it means applicable, true.
- Justification: 適用理由 (D) for applicable controls, 除外理由 (E) for
  excluded ones; the other of the two is empty on every row.
- 実施状況: 実施済 → implemented (note: 実施済, not soa's 実施済み); 一部実施 →
  partial for 5.7, 8.12, 8.16; 計画中 → planned for 5.23, 8.23; 未実施 →
  not_implemented for 8.11; empty for the excluded.
- 担当部署 is the owner (by theme: 5 情報セキュリティ委員会, 6 and 7 人事総務部,
  8 情報システム課); 関連文書 the evidence (one item each, e.g.
  "情報セキュリティ基本方針、ISMSマニュアル" — the 、 is not a list separator);
  備考 notes for 5.7, 5.23, 8.11 and 8.16 (8.16's has full-width
  letters and digits: "{notes['8.16']}").

Every row: `expected/foreign-2022-ja.json`.
"""

    # C ------------------------------------------------------------------
    def bad_values(self):
        name = "bad-values.xlsx"
        wb = openpyxl.load_workbook(self.gen_en)
        ws = wb[EN_SHEET]
        row_of = {cid: r for r, kind, cid in soa_rows(ws) if kind == "control"}
        errors = []
        c = "C%d" % row_of["5.10"]
        errors.append({"cell": "SoA!" + c, "control": "5.10", "value": "Maybe", "old": ws[c].value,
                       "why": "Applicable must be Yes or No; 'Maybe' is neither"})
        ws[c] = "Maybe"
        c = "J%d" % row_of["8.5"]
        errors.append({"cell": "SoA!" + c, "control": "8.5", "value": "Done", "old": ws[c].value,
                       "why": "not one of soa's statuses (Implemented, Partially implemented, Planned, Not implemented)"})
        ws[c] = "Done"
        # Two rows appended after 8.34, styled like it.
        last = max(row_of.values())
        tmpl = snapshot(ws, last)
        extra = [
            ["5.99", "Cloud access security broker", "Yes", None, None, "✓", None, None,
             "We want a CASB to watch the SaaS applications staff use.", "Planned", "CISO", None,
             dt.datetime(2026, 12, 31), None, None, None, "5"],
            ["6.3", "Information security awareness, education and training", "No", None, None, None, None, None,
             "Copied row: training is handled by HR.", None, None, None, None, None, "A.7.2.2", None, "6"],
        ]
        for i, vals in enumerate(extra):
            r = last + 1 + i
            for col, (v, (_, st)) in enumerate(zip(vals, tmpl["cells"]), 1):
                cell = ws.cell(r, col)
                cell._style = copy.copy(st)
                cell.value = v
            ws.row_dimensions[r].height = 43
            ws.cell(r, 13).number_format = "yyyy-mm-dd"
        r99, r100 = last + 1, last + 2
        errors.append({"cell": "SoA!A%d" % r99, "control": "5.99", "value": "5.99",
                       "why": "no control 5.99 in ISO/IEC 27001:2022 Annex A (the organizational theme ends at 5.37)"})
        errors.append({"cell": "SoA!A%d" % r100, "control": "6.3", "value": "6.3",
                       "why": "6.3 appears twice: row %d and row %d (the second says Applicable No)" % (row_of["6.3"], r100)})
        save_wb(wb, self.path(name))
        ws2 = openpyxl.load_workbook(self.path(name))[EN_SHEET]
        for e in errors:
            assert ws2[e["cell"].split("!")[1]].value == e["value"], e
        self.write_expected(name, {"sheet": EN_SHEET, "header_row": 1, "edition": "2022",
                                   "based_on": "testdata/examples/saas-cloud.yaml", "errors": errors})
        self.readme[name] = f"""
#### 9. bad-values.xlsx

**Made:** `soa generate testdata/examples/saas-cloud.yaml`, then with
openpyxl: two cells changed and two rows appended after 8.34 (row 98),
styled like it. Everything else is soa's workbook.

**An importer should fail** (exit 1, write nothing) and report each of:

| Cell | Value | Why |
|---|---|---|
| SoA!C{row_of['5.10']} | "Maybe" | Applicable of 5.10 must be Yes or No (was "Yes"). |
| SoA!J{row_of['8.5']} | "Done" | Implementation status of 8.5 is not one of Implemented, Partially implemented, Planned, Not implemented (was "Implemented"). |
| SoA!A{r99} | "5.99" | No control 5.99 in ISO/IEC 27001:2022 (5.x ends at 5.37). The row: "Cloud access security broker", Yes, Risk ✓, Planned, CISO, 2026-12-31. |
| SoA!A{r100} | "6.3" | 6.3 appears twice: row {row_of['6.3']} (soa's row, Applicable Yes, Implemented) and row {r100} (Applicable No, justification "Copied row: training is handled by HR."). |

Note on "Done": these fixtures count it as a wrong value, because soa's
own workbook offers only its four statuses (its data validation list);
an importer that accepts common synonyms (done → implemented) for
hand-made SoAs will not flag it. Whichever rule is chosen, this cell is
the one to test it on. `expected/bad-values.json` lists the errors.
"""

    def no_soa_sheet(self):
        name = "no-soa-sheet.xlsx"
        wb, ws = new_book("Notes")
        rows = ["Notes for the 2026 surveillance audit",
                "Ask the auditor whether the SoA can be a PDF this year.",
                "Move the SoA to the new template before June.",
                "Owner: Priya"]
        for i, t in enumerate(rows, 1):
            ws.cell(i, 1, t)
        ws.column_dimensions["A"].width = 60
        save_wb(wb, self.path(name))
        self.write_expected(name, {"sheets": ["Notes"], "errors": [
            {"cell": "", "why": "no sheet holds an SoA: the only sheet, 'Notes', has no control ids and no header row"}]})
        self.readme[name] = """
#### 10. no-soa-sheet.xlsx

**Made:** by openpyxl: a valid workbook with one sheet, "Notes", holding
four lines of text in A1:A4 ("Notes for the 2026 surveillance audit", …).
No sheet is named SoA or 適用宣言書 and none has an SoA header.

**An importer should fail** (exit 1): no SoA sheet / no header row found;
the message should name the sheet(s) it looked at ("Notes").
"""

    def no_header(self):
        name = "no-header.xlsx"
        cat = load_catalogue("annex-a-2022.yaml")
        wb, ws = new_book("Sheet1")
        for i, ctl in enumerate(cat["controls"][:12], 1):
            ws.cell(i, 1, ctl["id"])
            ws.cell(i, 2, ctl["title"])
            ws.cell(i, 3, "Yes")
            ws.cell(i, 4, "Implemented")
            ws.cell(i, 5, "IT Manager")
        for col, w in zip("ABCDE", (8, 50, 8, 16, 16)):
            ws.column_dimensions[col].width = w
        save_wb(wb, self.path(name))
        self.write_expected(name, {"sheets": ["Sheet1"], "errors": [
            {"cell": "", "why": "no header row: row 1 already holds data (5.1, Policies for information security, Yes, Implemented, IT Manager)"}]})
        self.readme[name] = """
#### 11. no-header.xlsx

**Made:** by openpyxl: one sheet, "Sheet1", whose rows 1–12 hold controls
5.1–5.12 (A id as text, B English title, C "Yes", D "Implemented",
E "IT Manager") and nothing else: there is no header row naming the
columns.

**An importer should fail** (exit 1) with "no header row" (or similar)
for Sheet1, and suggest `--column`; it must not guess which column is
which from the data. (With `--column` options naming columns by heading,
there is still no heading to name, so it fails too.)
"""

    def not_xlsx(self):
        name = "not-xlsx.xlsx"
        with open(self.path(name), "w", encoding="utf-8", newline="\n") as f:
            f.write("Control,Applicable,Status\n5.1,Yes,Implemented\n"
                    "This is a text file (CSV) with an .xlsx name, not a workbook.\n")
        self.write_expected(name, {"errors": [{"cell": "", "why": "not an xlsx file (not a zip archive): a CSV text file"}]})
        self.readme[name] = """
#### 12. not-xlsx.xlsx

**Made:** written as plain text by the script: three lines of CSV
("Control,Applicable,Status", "5.1,Yes,Implemented", and a sentence). Not
a zip archive.

**An importer should fail** (exit 2 — the file cannot be read as a
workbook — or 1, as the command documents for an invalid workbook) with a
message that the file is not an .xlsx workbook; no panic, no partial
output.
"""

    def encrypted(self):
        name = "encrypted.xlsx"
        ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        keep = False
        if not self.remake_encrypted and os.path.exists(self.path(name)):
            with open(self.path(name), "rb") as f:
                keep = f.read(8) == ole  # its salt is random: keep it, so re-runs change nothing
        try:
            if not keep:
                lo_encrypt(self.gen_en, self.path(name), "secret", self.tmp)
        except Exception as e:  # no UNO: say so, keep going
            self.readme[name] = "\n#### 13. encrypted.xlsx\n\nNot made: %s\n" % e
            return
        with open(self.path(name), "rb") as f:
            head = f.read(8)
        if head != ole:
            sys.exit("encrypted.xlsx is not an OLE compound file; encryption failed")
        self.write_expected(name, {"password": "secret", "errors": [
            {"cell": "", "why": "password-protected (encrypted) workbook: an OLE compound file with EncryptionInfo and EncryptedPackage streams, not a zip"}]})
        self.readme[name] = """
#### 13. encrypted.xlsx

**Made:** `soa generate testdata/examples/saas-cloud.yaml`, then saved by
LibreOffice 7.4 through its UNO API with the password **secret**
(`storeToURL` with `EncryptionData` = {OOXPassword: "secret", CryptoType:
"Standard"}: ECMA-376 standard encryption, AES-128). `soffice
--convert-to 'xlsx:Calc MS Excel 2007 XML:{"EncryptFile":…}'` did not
encrypt (LibreOffice 7.4 wrote a plain xlsx), hence UNO. The file is an
OLE2 compound document (starts D0 CF 11 E0 A1 B1 1A E1) holding
EncryptionInfo and EncryptedPackage streams — the container Excel's
"Encrypt with password" makes too (Excel uses agile encryption and adds
a DataSpaces storage; this file has standard encryption and none). Its
salt is random, so the script keeps an existing encrypted.xlsx and makes
a new one only when it is missing or with `--remake-encrypted`.

**An importer should fail** (exit 1 or 2) saying the workbook is
password-protected/encrypted and must be saved without a password first
— not "not a zip file" or a panic. Opened with the password (Excel,
LibreOffice), it is exactly soa's workbook of saas-cloud.yaml.
"""


# ----------------------------------------------------------------- README

README_HEAD = """# Workbooks for `soa import`

Test fixtures for reading Statement of Applicability (SoA) workbooks back
into answers: soa's own workbooks after people edited them (in Excel-like
ways with openpyxl, and saved by LibreOffice), hand-made SoAs in other
layouts (English and Japanese, 2013 and 2022 editions), and bad files.

**Generated — edit `make_fixtures.py`, not these files or this README.**
Re-make everything with

    /usr/bin/python3 testdata/import/make_fixtures.py            # builds soa itself
    /usr/bin/python3 testdata/import/make_fixtures.py --soa /tmp/soa

It needs openpyxl and PyYAML (Debian's python3-openpyxl, python3-yaml),
LibreOffice (`soffice`) and python3-uno. The output is deterministic
(fixed zip entry dates and document times, LibreOffice's random chart
axis ids renumbered) except `encrypted.xlsx` (random salt: an existing one
is kept unless `--remake-encrypted` is given). The sources
are `testdata/examples/saas-cloud.yaml` and `seimitsu-ja.yaml` (through
`soa generate`) and the catalogue in `controls/`; when those change, re-run
the script and review the diff of `expected/`.

## Files

| File | Kind | Import should |
|---|---|---|
| edited-openpyxl.xlsx | soa's English SoA, edited (values, case, order, notes rows, hidden row/column, filter) | succeed: saas-cloud answers + 3 changed controls |
| edited-libreoffice.xlsx | soa's English SoA, 3 controls edited, saved by LibreOffice | succeed: saas-cloud answers + 3 changed controls |
| edited-ja-libreoffice.xlsx | soa's Japanese SoA, 2 controls edited, saved by LibreOffice | succeed: seimitsu-ja answers + 2 changed controls |
| resaved-unchanged-libreoffice.xlsx | soa's English SoA saved by LibreOffice, no edit | succeed: exactly saas-cloud answers |
| foreign-2013-en.xlsx | hand-made 2013 SoA, title block, "A.5.1.1" ids, Y/N | succeed: 114 controls, edition 2013 |
| foreign-2013-ids-numeric.xlsx | hand-made 2013 SoA, "5.1.1" ids as text, Yes/No/N/A | succeed: 114 controls, edition 2013 |
| foreign-2022-numeric-ids.xlsx | hand-made 2022 SoA, ids stored as numbers (5.10 as 5.1) | succeed: 93 controls, edition 2022 |
| foreign-2022-ja.xlsx | hand-made Japanese 2022 SoA, ○/×, split 適用理由/除外理由 | succeed: 93 controls, edition 2022 |
| bad-values.xlsx | soa's SoA with 4 wrong cells | fail, naming SoA!C12, SoA!J69, SoA!A99, SoA!A100 |
| no-soa-sheet.xlsx | workbook with only a "Notes" sheet | fail: no SoA sheet |
| no-header.xlsx | data rows, no header row | fail: no header row |
| not-xlsx.xlsx | a text file named .xlsx | fail: not a workbook |
| encrypted.xlsx | soa's SoA, password "secret" | fail: encrypted |

## expected/*.json

One file per fixture. For the good ones: `sheet`, `header_row`,
`edition`, `organization` (when the workbook says), `controls` — one
record per control row in sheet order, with `row`, `id` (canonical:
"5.10", "A.5.1.1"), `title` as written, and the answers an importer
should produce in the vocabulary of answers files (`applicable`,
`reasons`, `justification`, `status` = implemented / partial / planned /
not_implemented, `owner`, `evidence` as a list of lines, `target_date`
YYYY-MM-DD, `notes`; a field left out is empty) — and `ignored_rows`,
the rows between the header and the end that are not controls. For the
bad ones: `errors`, each with the `cell` (Sheet!A1 form, "" for the file
as a whole), the value and why.

For the four soa workbooks, the unedited source rows were checked
against the answers file when the fixtures were made, and every fixture
was read back with openpyxl and compared with its expected records.

## The fixtures
"""


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--soa", help="soa binary to use (default: go build ./cmd/soa)")
    ap.add_argument("--out", default=HERE, help="output directory (default: the script's)")
    ap.add_argument("--remake-encrypted", action="store_true",
                    help="re-make encrypted.xlsx even if it exists (its bytes change on every run)")
    args = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="soa-fixtures-")
    try:
        soa = args.soa
        if not soa:
            soa = os.path.join(tmp, "soa")
            subprocess.run(["go", "build", "-o", soa, "./cmd/soa"], cwd=REPO, check=True)
        fx = Foreign(os.path.abspath(args.out), tmp, os.path.abspath(soa))
        fx.remake_encrypted = args.remake_encrypted
        fx.generate_sources()
        steps = [fx.edited_openpyxl, fx.edited_libreoffice, fx.edited_ja_libreoffice, fx.resaved_unchanged,
                 fx.foreign_2013_en, fx.foreign_2013_ids_numeric, fx.foreign_2022_numeric_ids, fx.foreign_2022_ja,
                 fx.bad_values, fx.no_soa_sheet, fx.no_header, fx.not_xlsx, fx.encrypted]
        for step in steps:
            step()
        order = ["edited-openpyxl.xlsx", "edited-libreoffice.xlsx", "edited-ja-libreoffice.xlsx",
                 "resaved-unchanged-libreoffice.xlsx", "foreign-2013-en.xlsx", "foreign-2013-ids-numeric.xlsx",
                 "foreign-2022-numeric-ids.xlsx", "foreign-2022-ja.xlsx", "bad-values.xlsx", "no-soa-sheet.xlsx",
                 "no-header.xlsx", "not-xlsx.xlsx", "encrypted.xlsx"]
        parts = [README_HEAD, "\n### A. soa's workbooks, edited\n"]
        for n in order:
            if n == "foreign-2013-en.xlsx":
                parts.append("\n### B. Hand-made SoAs\n")
            if n == "bad-values.xlsx":
                parts.append("\n### C. Bad workbooks\n")
            parts.append("\n" + fx.readme[n].strip("\n") + "\n")
        with open(os.path.join(fx.out, "README.md"), "w", encoding="utf-8") as f:
            f.write("".join(parts).rstrip("\n") + "\n")
        for n in order:
            p = fx.path(n)
            if os.path.exists(p) and os.path.getsize(p) > 200 * 1024:
                sys.exit("%s is larger than 200 kB" % n)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
