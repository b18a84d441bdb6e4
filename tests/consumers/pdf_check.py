"""Reads PDFs as a PDF reader does (pdfminer.six) and prints, per file, one JSON line: the
size of every page in points and the smallest font size of any character on them.

Used by tests/it/print.rs beside poppler's pdfinfo, so the printed diagram is checked by two
independent readers, not by the code that wrote it.
"""
import json
import sys

from pdfminer.high_level import extract_pages
from pdfminer.layout import LTChar


def chars(obj):
    if isinstance(obj, LTChar):
        yield obj
    elif hasattr(obj, "__iter__"):
        for child in obj:
            yield from chars(child)


for path in sys.argv[1:]:
    pages, smallest, count = [], None, 0
    for page in extract_pages(path):
        pages.append([round(page.width, 2), round(page.height, 2)])
        for c in chars(page):
            if c.get_text().strip():
                count += 1
                smallest = c.size if smallest is None else min(smallest, c.size)
    print(json.dumps({"path": path, "pages": pages, "smallest": smallest, "chars": count}))
