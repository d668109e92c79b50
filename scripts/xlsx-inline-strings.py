"""Rewrites an .xlsx so that its cells hold inline strings (t="inlineStr") instead of shared strings, as some
writers produce. Used by scripts/make-workbook-fixtures.ts; standard library only.

    python3 scripts/xlsx-inline-strings.py in.xlsx out.xlsx
"""
import re
import sys
import zipfile

src, dst = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(src) as zin:
    shared = []
    if 'xl/sharedStrings.xml' in zin.namelist():
        xml = zin.read('xl/sharedStrings.xml').decode('utf-8')
        shared = re.findall(r'<si>(.*?)</si>', xml, re.S)
    cell = re.compile(r'<c ([^>]*?)t="s"([^>]*)><v>(\d+)</v></c>')
    with zipfile.ZipFile(dst, 'w', zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if re.match(r'xl/worksheets/sheet\d+\.xml$', item.filename):
                text = data.decode('utf-8')
                text = cell.sub(lambda m: '<c %st="inlineStr"%s><is>%s</is></c>' % (m.group(1), m.group(2), shared[int(m.group(3))]), text)
                data = text.encode('utf-8')
            zout.writestr(item, data)
