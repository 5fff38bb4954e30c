#!/usr/bin/env python3
"""Builds assets/cameras.json, the bundled camera catalogue, from the seed catalogue in
../shared/cameras/seed-catalogue.json (CC0, from ch-bas/cctv-camera-database; see its
SOURCES.md). Run from the project root: python3 tools/catalogue/build_cameras.py

What it changes, and why (docs/decisions.md, "Camera catalogue"):
- Lens options whose stated horizontal angle cannot fit their lens and sensor by the seed's
  own "strong" test (stated / pinhole < 0.85 or > 1.3 at f >= 6 mm, or < 0.9 x the 4:3
  pinhole) are left out: no datasheet was at hand to fix them. A camera left with no lens
  option is left out.
- "Moderate" misfits (the flag rules of SOURCES.md, not strong) are kept with a flag that
  says so.
- Lens options with no stated angle are left out (nothing is invented).
- A missing vertical angle is derived from the horizontal one and the image aspect,
  2*atan(tan(h/2) * H/W), and marked derived; a fisheye (h >= 180) sees 180 down.
- The sensor's diagonal is derived from its optical format as SOURCES.md does (nominal
  widths for the common formats, else 18/x or 16/x mm) and marked derived.
- Ids get their brand prefix where the seed lacks it (three Dahua ids).
- Uniview IPC816SB-ADF16KMC-I1 has no angle in its source file; the source's aggregate CSV
  at commit 0150328c gives 180 x 180: used, and noted.
"""
import json
import math
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SEED = os.path.join(ROOT, "..", "shared", "cameras", "seed-catalogue.json")
OUT = os.path.join(ROOT, "assets", "cameras.json")

# Nominal 4:3 widths (mm) of the common optical formats (SOURCES.md, "Method").
NOMINAL_WIDTH = {0.3333: 4.8, 0.3571: 5.12, 0.3704: 5.37, 0.5556: 7.18}
BRAND_ZH = {
    "Hikvision": "海康威视", "Dahua": "大华", "Uniview": "宇视", "EZVIZ": "萤石",
    "IMOU": "乐橙", "Tiandy": "天地伟业", "Kedacom": "科达", "TP-Link VIGI": "TP-LINK VIGI",
    "TP-Link": "TP-LINK", "VIGI": "TP-LINK VIGI",
}
TYPE_ZH = {"bullet": "枪机", "dome": "半球", "turret": "海螺", "fisheye": "鱼眼", "ptz": "球机"}


def diagonal_mm(fmt):
    """The sensor's diagonal in mm for an optical format of `fmt` inches (1/x")."""
    if fmt in NOMINAL_WIDTH:
        return NOMINAL_WIDTH[fmt] / 0.8
    x = 1.0 / fmt
    return 18.0 / x if x >= 2.2 else 16.0 / x


def pinhole(width, f):
    return math.degrees(2 * math.atan(width / (2 * f)))


def fit(cam, lens):
    """(strong, moderate, ratio) of a lens option against its lens and sensor."""
    w, h = cam["resolution_px"]
    diag = diagonal_mm(cam["sensor_format_in"])
    width_a = diag * 0.8
    width_b = diag * w / math.hypot(w, h)
    f, stated = lens["focal_mm"], lens["hfov_deg"]
    pa, pb = pinhole(width_a, f), pinhole(width_b, f)
    ratio = stated / pb
    flagged = stated < 0.9 * pa or (f >= 6 and stated > 1.15 * pb) or (f < 6 and stated > 1.5 * pb)
    strong = flagged and (ratio < 0.85 or ratio > 1.3)
    return strong, flagged and not strong, ratio


def main():
    seed = json.load(open(SEED, encoding="utf-8"))
    cameras, left_out = [], []
    for c in seed:
        cid = c["id"]
        if not cid.startswith(c["brand"].split()[0].lower()):
            cid = c["brand"].split()[0].lower() + "-" + cid
        notes = []
        w, h = c["resolution_px"]
        fisheye = c["type"] == "fisheye"
        lenses = []
        for l in c["lenses"]:
            hfov, vfov = l["hfov_deg"], l["vfov_deg"]
            if hfov is None and c["model"] == "IPC816SB-ADF16KMC-I1":
                hfov, vfov = 180, 180
                notes.append("angles 180 x 180 from the source's aggregate CSV (commit 0150328c); its camera file has none")
            if hfov is None:
                left_out.append(f"{c['model']} {l['focal_mm']} mm: no angle in the source")
                continue
            flag = None
            if not fisheye and hfov < 180:
                strong, moderate, ratio = fit(c, {**l, "hfov_deg": hfov})
                if strong:
                    left_out.append(f"{c['model']} {l['focal_mm']} mm: stated {hfov} deg is {ratio:.2f} x the pinhole angle")
                    continue
                if moderate:
                    flag = f"stated horizontal angle is {ratio:.2f} x the pinhole angle of this lens on this sensor (source's moderate inconsistency)"
            derived = vfov is None
            if derived:
                vfov = 180.0 if hfov >= 180 else round(math.degrees(2 * math.atan(math.tan(math.radians(hfov / 2)) * h / w)), 1)
            lens = {"focal_mm": l["focal_mm"], "hfov": hfov, "vfov": vfov}
            if derived:
                lens["vfov_derived"] = True
            if flag:
                lens["flag"] = flag
            lenses.append(lens)
        if not lenses:
            left_out.append(f"{c['model']}: no lens option left")
            continue
        if c["model"] == "IPC-HFW3849T1-AS-PV":
            notes.append('source lens text says "2.8 (fixed)" yet gives a 3.6 mm angle too')
        if c["model"] == "TC-C32QN":
            notes.append("motorised 2.8-12 mm per the source, but its only link is a fixed-lens page")
        if c["model"] == "TC-C35MS":
            notes.append("fixed 2.8 mm per the source, but its only link describes a 2.7-13.5 mm variant")
        if c["brand"] == "Tiandy":
            notes.append("source cites retailers only")
        if c["model"] == "DH-IPC-EBW81240":
            notes.append("China-domestic SKU; source is a trade-news page, not a datasheet")
        if c["model"] in ("DS-2DE3A404IWG-E",):
            notes.append("source says not varifocal; its 2.8-12 mm 4x zoom is")
        cameras.append({
            "id": cid,
            "brand": c["brand"],
            "brand_zh": BRAND_ZH.get(c["brand"], c["brand"]),
            "model": c["model"],
            "type": c["type"],
            "type_zh": TYPE_ZH[c["type"]],
            "resolution": [w, h],
            "sensor": c["sensor"],
            "sensor_format_in": c["sensor_format_in"],
            "sensor_diagonal_mm": round(diagonal_mm(c["sensor_format_in"]), 3),
            "lenses": lenses,
            "varifocal": c["varifocal"],
            "ptz": c["ptz"],
            "ir_range_m": c["ir_range_m"],
            "face_recognition": c["face_recognition"],
            "notes": notes,
            "source": {"file": c["source_file"], "commit": c["source_commit"], "datasheets": c["datasheet_urls"]},
        })
    doc = {
        "format": "sightline-cameras",
        "version": 1,
        "licence": "CC0-1.0 (public domain), from github.com/ch-bas/cctv-camera-database; datasheets keep their own terms; brand and model names are trademarks of their owners",
        "derived": "sensor_diagonal_mm from the optical format; vfov where vfov_derived is true from hfov and the image aspect (180 for a fisheye); built by tools/catalogue/build_cameras.py",
        "left_out": left_out,
        "cameras": cameras,
    }
    with open(OUT, "w", encoding="utf-8") as out:
        json.dump(doc, out, ensure_ascii=False, indent=1)
        out.write("\n")
    print(f"{len(cameras)} cameras, {sum(len(c['lenses']) for c in cameras)} lens options; left out:", *left_out, sep="\n  ", file=sys.stderr)


if __name__ == "__main__":
    main()
