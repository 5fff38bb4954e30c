#!/usr/bin/env python3
"""Makes assets/NotoSansSC-Sightline.otf: Noto Sans CJK SC Regular, subset to ASCII, Latin-1,
GB2312 level 1 (the 3,755 most common hanzi), common CJK punctuation, and every non-ASCII
character in the program's sources (so every label and message renders).

Needs Debian's fonts-noto-cjk and PyPI's fonttools:
    apt-get install fonts-noto-cjk && pip install fonttools
    python3 assets/make_font_subset.py
The font is under the SIL Open Font License 1.1 (assets/OFL.txt).
"""
import glob
import os
import subprocess
import tempfile

from fontTools.ttLib import TTCollection

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
TTC = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"

chars = set(chr(c) for c in range(0x20, 0x7F)) | set(chr(c) for c in range(0xA0, 0x100))
# GB2312 level 1: rows 0xB0-0xD7, columns 0xA1-0xFE (row 0xD7 ends at 0xF9).
for hi in range(0xB0, 0xD8):
    for lo in range(0xA1, 0xFF):
        try:
            chars.add(bytes([hi, lo]).decode("gb2312"))
        except UnicodeDecodeError:
            pass
# GB2312 symbol rows (punctuation, full-width forms, arrows, units).
for hi in range(0xA1, 0xAA):
    for lo in range(0xA1, 0xFF):
        try:
            chars.add(bytes([hi, lo]).decode("gb2312"))
        except UnicodeDecodeError:
            pass
chars |= set("“”‘’—–…·•×÷±°²³µ¶§←→↑↓⚠✓✗①②③④⑤⑥⑦⑧⑨⑩¹")
for path in glob.glob(os.path.join(ROOT, "src", "**", "*.rs"), recursive=True):
    with open(path, encoding="utf-8") as f:
        chars |= {c for c in f.read() if ord(c) > 0x7E}

collection = TTCollection(TTC)
sc = next(i for i, f in enumerate(collection.fonts) if f["name"].getDebugName(1) == "Noto Sans CJK SC")
with tempfile.TemporaryDirectory() as tmp:
    single = os.path.join(tmp, "sc.otf")
    collection.fonts[sc].save(single)
    text = os.path.join(tmp, "chars.txt")
    with open(text, "w", encoding="utf-8") as f:
        f.write("".join(sorted(chars)))
    out = os.path.join(HERE, "NotoSansSC-Sightline.otf")
    subprocess.run(
        ["pyftsubset", single, f"--text-file={text}", f"--output-file={out}",
         "--layout-features=*", "--no-hinting", "--desubroutinize", "--name-IDs=*", "--name-legacy"],
        check=True,
    )
print(f"{len(chars)} characters, {os.path.getsize(out)} bytes")
