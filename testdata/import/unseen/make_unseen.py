#!/usr/bin/python3
"""Make testdata/import/unseen/: SoA workbooks (and non-SoA ones) that no
other test reads, in layouts and languages of their own, used only by
TestUnseenWorkbooks. Each SoA is written with the answers of want.json
(id -> [applicable, status]); each non-SoA workbook must be refused.

    /usr/bin/python3 testdata/import/unseen/make_unseen.py
"""
import datetime as dt, json, os, csv, io
import openpyxl
from openpyxl.styles import Font

HERE = os.path.dirname(os.path.abspath(__file__))
FIXED = dt.datetime(2026, 5, 1, 9, 0, 0)
IDS22 = [f"5.{i}" for i in range(1, 38)] + [f"6.{i}" for i in range(1, 9)] + [f"7.{i}" for i in range(1, 15)] + [f"8.{i}" for i in range(1, 35)]
want = {}

def answers(n):
    out = []
    for k, i in enumerate(IDS22[:n]):
        app = k % 5 != 3
        st = ["implemented", "partial", "planned", "not_implemented"][k % 4] if app else ""
        out.append((i, app, st))
    return out

def save(wb, name, ans, org=None):
    wb.properties.created = FIXED
    wb.properties.modified = FIXED
    wb.save(os.path.join(HERE, name))
    if ans is not None:
        want[name] = {"org": org, "controls": {i: [a, s] for i, a, s in ans}}

# 1. Czech, two-row title, Wingdings 2 marks for applicability, statuses in Czech.
CZ = {"implemented": "Zavedeno", "partial": "Částečně", "planned": "Plánováno", "not_implemented": "Nezavedeno"}
wb = openpyxl.Workbook(); ws = wb.active; ws.title = "Prohlášení"
ws["A1"] = "Alfa Systémy s.r.o. — Prohlášení o aplikovatelnosti ISO/IEC 27001:2022"; ws.merge_cells("A1:F1")
ws["A2"] = "Verze 2.0 | 1 March 2026"; ws.merge_cells("A2:F2")
ws.append([]); ws.append(["Číslo", "Opatření", "Aplikovatelnost", "Zdůvodnění", "Stav implementace", "Odpovědná osoba"])
ans = answers(30)
for i, a, s in ans:
    ws.append([i, "", "P" if a else "O", "Analýza rizik" if a else "Netýká se nás", CZ.get(s, "N/A"), "CISO"])
    ws.cell(ws.max_row, 3).font = Font(name="Wingdings 2")
save(wb, "cz-wingdings.xlsx", ans, "Alfa Systémy s.r.o.")

# 2. Greek, Document Control sheet, Greek chi marks, long English date.
wb = openpyxl.Workbook(); dc = wb.active; dc.title = "Document Control"
dc.append(["Organisation", "Βήτα Α.Ε."]); dc.append(["Last Review Date", "April 15, 2026"])
ws = wb.create_sheet("SoA")
ws.append(["Κωδικός", "Έλεγχος", "Εφαρμόζεται", "Αιτιολόγηση", "Κατάσταση υλοποίησης", "Σχόλια"])
GR = {"implemented": "Υλοποιήθηκε", "partial": "Μερικώς", "planned": "Σχεδιάζεται", "not_implemented": "Δεν υλοποιήθηκε"}
ans = answers(25)
for i, a, s in ans:
    ws.append(["A." + i, "", "Χ" if a else "", "Κίνδυνος" if a else "Δεν απαιτείται", GR.get(s, "-"), "—"])
# an empty applicability is no answer: those rows are excluded in want as "unanswered" -> mark them No instead
for r in range(2, ws.max_row + 1):
    if ws.cell(r, 3).value == "":
        ws.cell(r, 3).value = "Όχι"
save(wb, "el-doc-control.xlsx", ans, "Βήτα Α.Ε.")

# 3. French, three-row header with vertical merges, ids with their titles in one cell.
wb = openpyxl.Workbook(); ws = wb.active; ws.title = "DdA"
ws.append(["Mesure de sécurité", "Sélection", None, None, "Mise en œuvre", None])
ws.append([None, "Applicabilité", "Justification", None, "Statut", "Responsable"])
ws.append([None, None, "Raison", "Commentaires", None, None])
for rng in ["A1:A3", "B1:D1", "E1:F1", "B2:B3", "C2:D2", "E2:E3", "F2:F3"]:
    ws.merge_cells(rng)
FR = {"implemented": "Mis en œuvre", "partial": "Partiellement", "planned": "Planifié", "not_implemented": "Non mis en œuvre"}
ans = answers(20)
import yaml  # titles from the bundled catalogue
cat = yaml.safe_load(open(os.path.join(HERE, "..", "..", "..", "controls", "annex-a-2022.yaml")))
titles = {}
def walk(n):
    if isinstance(n, dict):
        if "id" in n and "title" in n: titles[str(n["id"])] = n["title"]
        for v in n.values(): walk(v)
    elif isinstance(n, list):
        for v in n: walk(v)
walk(cat)
for i, a, s in ans:
    ws.append([f"A.{i} {titles.get(i, '')}", "Oui" if a else "Non", "Risque" if a else "Hors périmètre", "", FR.get(s, "N/A"), "RSSI"])
wb.properties.title = "Gamma SAS - Déclaration d'applicabilité"
wb.properties.creator = "x"
ws2 = wb.create_sheet("Page de garde"); ws2.append(["Société", "Gamma SAS"]); ws2.append(["Date", "2026-02-02"])
save(wb, "fr-three-row-header.xlsx", ans, "Gamma SAS")

# 4. English, clause column repeated, status with qualifiers, placeholders, no date anywhere but properties.
wb = openpyxl.Workbook(); ws = wb.active; ws.title = "Annex A"
ws["A1"] = "Delta Insurance plc Statement of Applicability"
ws.append([]); ws.append(["ISMS Clause", "ISO 27001:2022 Annex A", "CONTROL APPLIED?", "Justification / Implementation", "Status", "Responsible\nOwner", "Evidence Ref"])
EN = {"implemented": "Implemented (Documented)", "partial": "Mostly Implemented", "planned": "Planned - Q3", "not_implemented": "Gap — Not Addressed"}
ans = answers(40)
for i, a, s in ans:
    ws.append(["6.1.3", f"A.{i} {titles.get(i, '')}", "Yes" if a else "No", "Risk treatment" if a else "Not relevant to our services",
               EN.get(s, "N/A - AWS Responsibility"), "N/A", "-"])
save(wb, "en-clause-column.xlsx", ans, "Delta Insurance plc")

# 5. Simplified Chinese, CSV (UTF-8 with BOM), tab separated.
ZH = {"implemented": "已实施", "partial": "部分实施", "planned": "计划中", "not_implemented": "未实施"}
ans = answers(15)
buf = io.StringIO(); w = csv.writer(buf, delimiter="\t")
w.writerow(["控制措施编号", "控制措施", "是否适用", "适用/排除理由", "实施状态", "负责人"])
for i, a, s in ans:
    w.writerow([i, titles.get(i, ""), "是" if a else "否", "风险评估" if a else "不涉及", ZH.get(s, "不适用"), "信息安全部"])
open(os.path.join(HERE, "zh-tab.csv"), "wb").write(b"\xef\xbb\xbf" + buf.getvalue().encode("utf-8"))
want["zh-tab.csv"] = {"org": None, "controls": {i: [a, s] for i, a, s in ans}}

# 6. Korean, Shift... no: Korean in UTF-16 CSV with semicolons.
KO = {"implemented": "구현됨", "partial": "부분 구현", "planned": "계획", "not_implemented": "미구현"}
ans = answers(12)
buf = io.StringIO(); w = csv.writer(buf, delimiter=";")
w.writerow(["통제 번호", "통제 항목", "적용 여부", "사유", "이행 상태", "담당자"])
for i, a, s in ans:
    w.writerow([i, titles.get(i, ""), "예" if a else "아니오", "위험 평가" if a else "해당 없음", KO.get(s, "-"), "보안팀"])
open(os.path.join(HERE, "ko-utf16.csv"), "wb").write(buf.getvalue().encode("utf-16"))
want["ko-utf16.csv"] = {"org": None, "controls": {i: [a, s] for i, a, s in ans}}

# Not SoAs: refused.
wb = openpyxl.Workbook(); ws = wb.active; ws.title = "SoA"
ws.append(["Control", "Title", "Applicable", "Justification"])
save(wb, "not-blank-template.xlsx", None)
wb = openpyxl.Workbook(); ws = wb.active; ws.title = "Summary"
ws.append(["Theme", "Controls", "Applicable", "Implemented"])
for t, n in [("Organizational", 37), ("People", 8), ("Physical", 14), ("Technological", 34)]:
    ws.append([t, n, n - 2, n - 5])
save(wb, "not-theme-totals.xlsx", None)
wb = openpyxl.Workbook(); ws = wb.active; ws.title = "Gap analysis"
ws.append(["Requirement", "Clause", "Current state", "Gap", "Action"])
for c in ["4.1", "4.2", "4.3", "5.1", "6.1", "7.2", "9.2", "10.1"]:
    ws.append(["Clause " + c, c, "Partial", "Yes", "Write procedure"])
save(wb, "not-gap-analysis.xlsx", None)

json.dump(want, open(os.path.join(HERE, "want.json"), "w"), ensure_ascii=False, indent=1, sort_keys=True)
