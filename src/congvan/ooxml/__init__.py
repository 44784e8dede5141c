"""Office Open XML, the file format of a .docx: the one place where its XML is named, built and read.

- `names`: the namespace table and `qn` ("w:p" → Clark name);
- `build`: elements built with lxml (`E`), parts serialised deterministically;
- `wordml`: WordprocessingML blocks of the bundled templates (runs, paragraphs, cells, tables, fields);
- `package`: package parts: relationships read from a ``.rels`` part, a deterministic zip writer;
- `reading`: a .docx read back: its parts, paragraphs, runs and their text, each at a `reading.Place`;
- `styles`: the effective formatting of runs and paragraphs (defaults, style chains, direct formatting).

Outside this package no XML is written as a string (``tests/test_no_string_xml.py``).
"""
