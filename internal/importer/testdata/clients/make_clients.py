#!/usr/bin/python3
"""Make the workbooks of internal/importer/testdata/clients: one small SoA
(the 93 controls of ISO/IEC 27001:2022) written by real clients, each in a
shape the workbook reader must read (see TestClientFixtures):

  openpyxl-inline.xlsx     openpyxl 3.0.9: every string an inline string
                           (t="inlineStr"), no sharedStrings part
  openpyxl-1904.xlsx       openpyxl, wb.epoch = CALENDAR_MAC_1904: workbookPr
                           date1904="1", target dates as 1904 serials
  libreoffice-csv.xlsx     soffice --headless --convert-to xlsx of a .csv:
                           shared strings, dates parsed by LibreOffice
  libreoffice-ods.xlsx     soffice --convert-to 'xlsx:Calc Office Open XML' of
                           an .ods (itself converted from a .fods)
  libreoffice-shared.xlsx  a .fods whose Owner column is one formula,
                           =$K$1, filled down, converted by soffice. LibreOffice
                           7.4 writes each cell's formula in full, so the
                           Owner cells are then rewritten by hand into one
                           shared formula as Excel writes a filled-down one:
                           <f t="shared" ref="F2:F94" si="0">$K$1</f> in the
                           first cell, <f t="shared" si="0"/> in the others
  libreoffice-shared-unsaved.xlsx
                           the same with every cached formula value removed
                           (hand-edited: no client writes that on purpose; it
                           is what a generator that never calculates writes):
                           each owner is "formula with no saved value"
  strict.xlsx              libreoffice-csv.xlsx rewritten by hand into Strict
                           OOXML namespaces (no available client writes Strict)
  ja-phonetic.xlsx         a Japanese SoA written by openpyxl, moved by hand
                           into shared strings with furigana runs
                           (<rPh>, <phoneticPr>) as Excel writes them for
                           Japanese input (no free client writes them)

and expected/<name>.json, what the importer must read of every control.
Deterministic: fixed zip dates and document times.

    /usr/bin/python3 internal/importer/testdata/clients/make_clients.py
"""

import csv
import html
import datetime as dt
import io
import json
import os
import re
import shutil
import subprocess
import tempfile
import zipfile

import openpyxl
import openpyxl.utils.datetime
import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(HERE, "..", "..", "..", ".."))
FIXED = dt.datetime(2026, 5, 1, 9, 0, 0)
ZIP_TIME = (1980, 1, 1, 0, 0, 0)

STATUS = ["Implemented", "Partially implemented", "Planned", "Not implemented"]
STATUS_KEY = ["implemented", "partial", "planned", "not_implemented"]
STATUS_JA = ["実施済み", "一部実施", "計画中", "未実施"]
OWNERS = ["CISO", "IT Manager", "HR Lead", "Facilities"]
OWNERS_JA = ["情報システム部", "総務部", "人事部", "品質保証部"]
HEAD = ["Control", "Control title", "Applicable", "Justification", "Status", "Owner", "Target date", "Notes"]
HEAD_JA = ["管理策番号", "管理策名", "適用可否", "適用理由", "実施状況", "担当部署", "目標期日", "備考"]


def controls():
    with open(os.path.join(REPO, "controls", "annex-a-2022.yaml"), encoding="utf-8") as f:
        cat = yaml.safe_load(f)
    return cat["controls"]


def rows(ja=False):
    """The SoA's rows: one per control, values varying with its index."""
    out = []
    for i, c in enumerate(controls()):
        applicable = i % 11 != 5
        r = dict(id=c["id"], title=c["title_ja"] if ja else c["title"], applicable=applicable)
        if applicable:
            r["justification"] = (f"リスク評価 {i} による" if ja else f"Risk assessment item {i}; client contracts")
            r["status"] = i % 4
            r["owner"] = (OWNERS_JA if ja else OWNERS)[i % 4]
            if r["status"] != 0:
                r["target_date"] = dt.date(2026, 1 + i % 12, 1 + i % 28)
        else:
            r["justification"] = ("該当する業務がない" if ja else f"Not in scope: no such activity ({i})")
        if i % 7 == 3:
            r["notes"] = (f"注記 {i}：確認済み" if ja else f"Reviewed at the {i}th meeting")
        out.append(r)
    return out


def expected(name, rs, ja=False, unsaved_owner=False, sheet="SoA"):
    recs = []
    for n, r in enumerate(rs):
        e = dict(row=n + 2, id=r["id"], applicable=r["applicable"],
                 justification=r["justification"], status="", owner="", target_date="", notes=r.get("notes", ""))
        if r["applicable"]:
            e["status"] = STATUS_KEY[r["status"]]
            e["owner"] = "" if unsaved_owner else r["owner"]
            if "target_date" in r:
                e["target_date"] = r["target_date"].isoformat()
        recs.append(e)
    exp = dict(sheet=sheet, header_row=1, edition="2022", controls=recs)
    with open(os.path.join(HERE, "expected", name + ".json"), "w", encoding="utf-8") as f:
        json.dump(exp, f, ensure_ascii=False, indent=1)
        f.write("\n")


def cells(r, ja=False):
    yes, no = ("○", "×") if ja else ("Yes", "No")
    st = r.get("status")
    return [r["id"], r["title"], yes if r["applicable"] else no, r["justification"],
            "" if st is None else (STATUS_JA if ja else STATUS)[st], r.get("owner", ""), r.get("target_date"), r.get("notes", "")]


def openpyxl_book(rs, ja=False, epoch=None):
    wb = openpyxl.Workbook()
    if epoch is not None:
        wb.epoch = epoch
    ws = wb.active
    ws.title = "SoA"
    ws.append(HEAD_JA if ja else HEAD)
    for r in rs:
        ws.append(cells(r, ja))
    for row in ws.iter_rows(min_row=2, min_col=7, max_col=7):
        for c in row:
            if c.value is not None:
                c.number_format = "yyyy-mm-dd"
    wb.properties.created = wb.properties.modified = FIXED
    wb.properties.creator = "make_clients.py"
    return wb


def normalize(src, dst, edit=None):
    """Re-zip src into dst with fixed entry dates (and entries edited by
    edit(name, bytes) -> bytes); LibreOffice's and openpyxl's times are
    replaced by FIXED."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:(created|modified)[^>]*>)[^<]*", rb"\g<1>2026-05-01T09:00:00Z", data)
                data = re.sub(rb"<cp:revision>\d+</cp:revision>", b"<cp:revision>1</cp:revision>", data)
            if info.filename == "docProps/app.xml":
                data = re.sub(rb"<TotalTime>\d+</TotalTime>", b"<TotalTime>0</TotalTime>", data)
            if edit is not None:
                data = edit(info.filename, data)
            if data is None:
                continue
            zi = zipfile.ZipInfo(info.filename, ZIP_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zout.writestr(zi, data)


def soffice(src, target, outdir):
    subprocess.run(["soffice", "--headless", "--norestore", "--convert-to", target, "--outdir", outdir, src],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   env=dict(os.environ, HOME=outdir))
    return os.path.join(outdir, os.path.splitext(os.path.basename(src))[0] + "." + target.split(":")[0])


def fods(rs, owner_formula):
    """A flat ODF spreadsheet of the SoA; with owner_formula the Owner
    column is =$K$1 (K1 holds the owner) on every applicable row."""
    def cell(v, formula=None):
        if formula:
            return f'<table:table-cell table:formula="of:={formula}" office:value-type="string"><text:p></text:p></table:table-cell>'
        if v is None or v == "":
            return "<table:table-cell/>"
        if isinstance(v, dt.date):
            return f'<table:table-cell table:style-name="date" office:value-type="date" office:date-value="{v.isoformat()}"><text:p>{v.isoformat()}</text:p></table:table-cell>'
        v = str(v).replace("&", "&amp;").replace("<", "&lt;")
        return f'<table:table-cell office:value-type="string"><text:p>{v}</text:p></table:table-cell>'
    out = ["<table:table-row>" + "".join(cell(h) for h in HEAD) + cell("") + cell("") + cell("CISO") + "</table:table-row>"]
    for r in rs:
        cs = cells(r)
        row = [cell(v) for v in cs]
        if owner_formula and r["applicable"]:
            row[5] = cell(None, "[.$K$1]")
        out.append("<table:table-row>" + "".join(row) + "</table:table-row>")
    return f'''<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
<office:automatic-styles><number:date-style style:name="iso"><number:year number:style="long"/><number:text>-</number:text><number:month number:style="long"/><number:text>-</number:text><number:day number:style="long"/></number:date-style><style:style style:name="date" style:family="table-cell" style:data-style-name="iso"/></office:automatic-styles>
<office:body><office:spreadsheet><table:table table:name="SoA">{"".join(out)}</table:table></office:spreadsheet></office:body></office:document>
'''


def strictify(name, data):
    """Rewrite a Transitional part into Strict OOXML's namespaces and
    relationship types (ECMA-376 part 1, 4th edition, Strict)."""
    if not (name.endswith(".xml") or name.endswith(".rels")):
        return data
    for t, s in [
        (b"http://schemas.openxmlformats.org/spreadsheetml/2006/main", b"http://purl.oclc.org/ooxml/spreadsheetml/main"),
        (b"http://schemas.openxmlformats.org/officeDocument/2006/relationships", b"http://purl.oclc.org/ooxml/officeDocument/relationships"),
        (b"http://schemas.openxmlformats.org/drawingml/2006/main", b"http://purl.oclc.org/ooxml/drawingml/main"),
    ]:
        data = data.replace(t, s)
    if name == "xl/workbook.xml":
        data = data.replace(b"<workbook ", b'<workbook conformance="strict" ', 1)
    return data


def phonetic(name, data, strings):
    """Move the inline strings of an openpyxl sheet into a sharedStrings
    part, each Japanese one with a furigana run over its first characters."""
    if name == "xl/worksheets/sheet1.xml":
        def sub(m):
            text = html.unescape(m.group(2).decode())  # openpyxl writes non-ASCII as &#NNNNN;
            if text not in strings:
                strings.append(text)
            return m.group(1) + b' t="s"><v>' + str(strings.index(text)).encode() + b"</v></c>"
        return re.sub(rb'(<c r="[A-Z]+\d+"(?: s="\d+")?) t="inlineStr"><is><t(?: [^>]*)?>([^<]*)</t></is></c>', sub, data)
    return data


def sst(strings):
    items = []
    for s in strings:
        esc = s.replace("&", "&amp;").replace("<", "&lt;")
        if re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", s):
            # As Excel writes what was typed through an IME: the text in
            # runs, then the reading of its first two characters.
            items.append(f'<si><r><t>{esc[:2]}</t></r><r><rPr><sz val="11"/><rFont val="游ゴシック"/></rPr><t xml:space="preserve">{esc[2:]}</t></r>'
                         f'<rPh sb="0" eb="2"><t>カンリ</t></rPh><phoneticPr fontId="1" type="noConversion"/></si>')
        else:
            items.append(f"<si><t>{esc}</t></si>")
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{len(strings)}" uniqueCount="{len(strings)}">'
            + "".join(items) + "</sst>").encode()


def main():
    os.makedirs(os.path.join(HERE, "expected"), exist_ok=True)
    tmp = tempfile.mkdtemp()
    try:
        rs, ja = rows(), rows(ja=True)
        # openpyxl: inline strings.
        p = os.path.join(tmp, "inline.xlsx")
        openpyxl_book(rs).save(p)
        normalize(p, os.path.join(HERE, "openpyxl-inline.xlsx"))
        expected("openpyxl-inline", rs)
        # openpyxl: the 1904 date system.
        p = os.path.join(tmp, "1904.xlsx")
        openpyxl_book(rs, epoch=openpyxl.utils.datetime.CALENDAR_MAC_1904).save(p)
        normalize(p, os.path.join(HERE, "openpyxl-1904.xlsx"))
        expected("openpyxl-1904", rs)
        # LibreOffice from CSV.
        p = os.path.join(tmp, "soa.csv")
        with open(p, "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            w.writerow(HEAD)
            for r in rs:
                w.writerow(["" if v is None else (v.isoformat() if isinstance(v, dt.date) else v) for v in cells(r)])
        x = soffice(p, "xlsx", tmp)
        normalize(x, os.path.join(HERE, "libreoffice-csv.xlsx"))
        expected("libreoffice-csv", rs, sheet="soa")  # LibreOffice names the sheet after the file
        # Strict, by hand from LibreOffice's Transitional file.
        normalize(x, os.path.join(HERE, "strict.xlsx"), strictify)
        expected("strict", rs, sheet="soa")
        # LibreOffice from ODS.
        p = os.path.join(tmp, "plain.fods")
        with open(p, "w", encoding="utf-8") as f:
            f.write(fods(rs, False))
        d = os.path.join(tmp, "ods")
        os.makedirs(d)
        ods = soffice(p, "ods", d)
        x = soffice(ods, "xlsx:Calc Office Open XML", tmp)
        normalize(x, os.path.join(HERE, "libreoffice-ods.xlsx"))
        expected("libreoffice-ods", rs)
        # LibreOffice: a formula filled down.
        p = os.path.join(tmp, "shared.fods")
        with open(p, "w", encoding="utf-8") as f:
            f.write(fods(rs, True))
        x = soffice(p, "xlsx", tmp)
        owner = [dict(r, owner="CISO") if r["applicable"] else r for r in rs]
        last = len(rs) + 1
        first = [True]

        def share(name, data):
            if not name.startswith("xl/worksheets/"):
                return data

            def sub(m):
                if first[0]:
                    first[0] = False
                    return m.group(1) + f'<f t="shared" ref="{m.group(2).decode()}:F{last}" si="0">$K$1</f>'.encode()
                return m.group(1) + b'<f t="shared" si="0"/>'
            return re.sub(rb'(<c r="(F\d+)"[^>]*>)<f aca="false">\$K\$1</f>', sub, data)
        shared = os.path.join(tmp, "shared-by-hand.xlsx")
        normalize(x, shared, share)
        x = shared
        shutil.copy(x, os.path.join(HERE, "libreoffice-shared.xlsx"))
        expected("libreoffice-shared", owner)

        def unsave(name, data):
            if name.startswith("xl/worksheets/"):
                data = re.sub(rb'(<c r="F\d+"[^>]*?)(?: t="str")?(>(?:<f[^>]*/>|<f[^>]*>[^<]*</f>))<v>[^<]*</v>', rb"\1\2", data)
            return data
        normalize(x, os.path.join(HERE, "libreoffice-shared-unsaved.xlsx"), unsave)
        expected("libreoffice-shared-unsaved", owner, unsaved_owner=True)
        # Japanese with furigana.
        p = os.path.join(tmp, "ja.xlsx")
        openpyxl_book(ja, ja=True).save(p)
        strings = []
        with zipfile.ZipFile(p) as z:
            z.read("xl/worksheets/sheet1.xml")
        rels_add = b'<Relationship Id="rIdSST" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>'
        ct_add = b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'

        def edit(name, data):
            data = phonetic(name, data, strings)
            if name == "xl/_rels/workbook.xml.rels":
                data = data.replace(b"</Relationships>", rels_add)
            if name == "[Content_Types].xml":
                data = data.replace(b"</Types>", ct_add)
            return data
        mid = os.path.join(tmp, "ja-mid.xlsx")
        normalize(p, mid, edit)
        with zipfile.ZipFile(mid, "a", zipfile.ZIP_DEFLATED) as z:
            zi = zipfile.ZipInfo("xl/sharedStrings.xml", ZIP_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(zi, sst(strings))
        shutil.copy(mid, os.path.join(HERE, "ja-phonetic.xlsx"))
        jexp = [dict(r, status=r.get("status")) for r in ja]
        expected("ja-phonetic", jexp, ja=True)
    finally:
        shutil.rmtree(tmp)


if __name__ == "__main__":
    main()
