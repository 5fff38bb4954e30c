#!/usr/bin/env python3
"""Writes src/report/law.rs from ../shared/law: the official Chinese text of every article the
report quotes, and our English rendering. Run from the project folder after the law texts
change: python3 tools/make_law.py. tests/law.rs fails while the two differ."""
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
LAW = os.path.join(HERE, "..", "..", "shared", "law")

# (constant, file, article number as written in the heading)
QUOTED = [
    ("MEASURES_4", "frt-measures-2025.md", "第四条"),
    ("MEASURES_5", "frt-measures-2025.md", "第五条"),
    ("MEASURES_6", "frt-measures-2025.md", "第六条"),
    ("MEASURES_7", "frt-measures-2025.md", "第七条"),
    ("MEASURES_8", "frt-measures-2025.md", "第八条"),
    ("MEASURES_9", "frt-measures-2025.md", "第九条"),
    ("MEASURES_10", "frt-measures-2025.md", "第十条"),
    ("MEASURES_13", "frt-measures-2025.md", "第十三条"),
    ("MEASURES_15", "frt-measures-2025.md", "第十五条"),
    ("DECREE_7", "reg-799-2025.md", "第七条"),
    ("DECREE_8", "reg-799-2025.md", "第八条"),
    ("DECREE_9", "reg-799-2025.md", "第九条"),
    ("DECREE_13", "reg-799-2025.md", "第十三条"),
    ("DECREE_14", "reg-799-2025.md", "第十四条"),
    ("DECREE_17", "reg-799-2025.md", "第十七条"),
]


def sections(text):
    """Heading line -> body lines, for every '## ' section."""
    out, name = {}, None
    for line in text.splitlines():
        if line.startswith("## "):
            name = line[3:].strip()
            out[name] = []
        elif name is not None:
            out[name].append(line)
    return out


def article(path, number):
    with open(path, encoding="utf-8") as f:
        secs = sections(f.read())
    for heading, body in secs.items():
        if heading.startswith(number + " "):
            zh = [l[1:].strip() for l in body if l.startswith(">") and l[1:].strip()]
            rest = [l for l in body if not l.startswith(">")]
            paras, cur = [], []
            for l in rest:
                if l.strip():
                    cur.append(l.strip())
                elif cur:
                    paras.append(" ".join(cur))
                    cur = []
            if cur:
                paras.append(" ".join(cur))
            en = "\n\n".join(paras).replace("*", "")
            title = re.sub(r"^\S+\s*\(Article \d+\)\s*—\s*", "", heading)
            num = re.search(r"\(Article (\d+)\)", heading).group(1)
            return number, f"Article {num} — {title}", "\n".join(zh), en
    raise SystemExit(f"{number} not found in {path}")


def rust_str(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def main():
    out = [
        "//! The articles the findings cite, quoted from ../shared/law: the official Chinese text",
        "//! (not subject to copyright in China) and our working English rendering. The Chinese governs.",
        "//! Written by tools/make_law.py; tests/law.rs checks that it matches ../shared/law.",
        "",
        "/// One article: its heading, the Chinese text and the English rendering.",
        "pub struct LawText {",
        "    pub heading_zh: &'static str,",
        "    pub heading_en: &'static str,",
        "    pub zh: &'static str,",
        "    pub en: &'static str,",
        "}",
    ]
    for const, file, number in QUOTED:
        hz, he, zh, en = article(os.path.join(LAW, file), number)
        out += [
            "",
            f"/// {hz} ({he.split(' — ')[0]}) — {he.split(' — ', 1)[1]}",
            f"pub const {const}: LawText = LawText {{",
            f"    heading_zh: {rust_str(hz)},",
            f"    heading_en: {rust_str(he)},",
            f"    zh: {rust_str(zh)},",
            f"    en: {rust_str(en)},",
            "};",
        ]
    out.append("")
    out.append("/// Every quoted article with its constant's name and source file (for tests/law.rs).")
    out.append("pub const ALL: [(&str, &str, &LawText); %d] = [" % len(QUOTED))
    for const, file, _ in QUOTED:
        out.append(f'    ("{file}", "{const}", &{const}),')
    out.append("];")
    with open(os.path.join(HERE, "..", "src", "report", "law.rs"), "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")


main()
