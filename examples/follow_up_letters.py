"""The 63 follow-up letters from Python, in a few lines."""

import congvan

result = congvan.render_batch(
    "data/follow-up-2020.yaml",  # what every letter shares
    "data/follow-up-2020.csv",  # one row per province (CSV, XLSX or YAML)
    "out/follow-up",  # replaced as a whole at the end
    numbering="sequential",  # 01/BTTTT-TTĐN, 02/BTTTT-TTĐN …
    combined=True,  # plus all-letters.docx for printing
    jobs=2,
)
for letter in result.letters[:3]:
    print(letter.file, letter.number_symbol, letter.recipient, letter.sha256[:12])
