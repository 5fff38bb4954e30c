#!/usr/bin/env python3
"""Writes the sample sites in this folder.

Each site comes in a compliant version (NAME.site.json) and a version with a few typical
mistakes (NAME-mistakes.site.json); README.md in the project says what each mistake is.
Run from anywhere: python3 sample_sites/make_samples.py
"""
import copy
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))

FULL_NOTICE = {"processor": True, "purpose": True, "retention": True, "rights": True, "contact": True,
               "method": True, "necessity": True}


class Site:
    def __init__(self, name, processor, **fields):
        self.doc = {
            "format": "sightline-site",
            "version": 1,
            "name": name,
            "processor": processor,
            **fields,
            "floors": [],
        }
        self.counters = {}

    def next_id(self, prefix):
        n = self.counters.get(prefix, 0) + 1
        self.counters[prefix] = n
        return f"{prefix}{n}"

    def floor(self, fid, name):
        f = Floor(self, fid, name)
        self.doc["floors"].append(f.doc)
        return f

    def write(self, file_name, doc=None):
        with open(os.path.join(HERE, file_name), "w", encoding="utf-8") as out:
            json.dump(doc or self.doc, out, ensure_ascii=False, indent=1)
            out.write("\n")


class Floor:
    def __init__(self, site, fid, name):
        self.site = site
        self.doc = {"id": fid, "name": name, "walls": [], "openings": [], "spaces": [],
                    "devices": [], "signs": [], "zones": []}

    def wall(self, *points, thickness=0.15):
        self.doc["walls"].append({"id": self.site.next_id("w"), "points": [list(p) for p in points],
                                  "thickness": thickness})

    def box(self, x0, y0, x1, y1, thickness=0.15):
        self.wall((x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0), thickness=thickness)

    def opening(self, a, b, kind="door", oid=None):
        self.doc["openings"].append({"id": oid or self.site.next_id("d" if kind == "door" else kind[0]),
                                     "kind": kind, "a": list(a), "b": list(b)})

    def space(self, sid, name, kind, x0, y0, x1, y1):
        self.doc["spaces"].append({"id": sid, "name": name, "kind": kind,
                                   "polygon": [[x0, y0], [x1, y0], [x1, y1], [x0, y1]]})

    def device(self, did, name, position, heading, fov, **fields):
        d = {"id": did, "name": name, "position": list(position), "heading": heading, "fov": fov}
        d.update(fields)
        self.doc["devices"].append(d)
        return d

    def sign(self, gid, position, facing, text, **fields):
        g = {"id": gid, "position": list(position), "facing": facing, "width": 0.4, "height": 0.3,
             "mount_height": 1.8, "readable_distance": 6, "text": text, "notice": dict(FULL_NOTICE)}
        g.update(fields)
        self.doc["signs"].append(g)
        return g

    def zone(self, zid, name, polygon):
        self.doc["zones"].append({"id": zid, "name": name, "polygon": [list(p) for p in polygon]})


with open(os.path.join(HERE, "..", "assets", "cameras.json"), encoding="utf-8") as _f:
    CATALOGUE = {c["id"]: c for c in json.load(_f)["cameras"]}


def camera(model, focal, tilt, **fields):
    """The fields of a catalogue camera with lens `focal` (mm) tilted `tilt` degrees down."""
    m = CATALOGUE[model]
    lens = next(l for l in m["lenses"] if l["focal_mm"] == focal)
    return {"model": model, "lens_mm": focal, "resolution": m["resolution"], "fov": lens["hfov"],
            "vfov": lens["vfov"], "tilt": tilt, **fields}


def fit(d, model, focal, tilt):
    d.update(camera(model, focal, tilt))
    return d


def find(doc, kind, oid):
    for f in doc["floors"]:
        for o in f[kind]:
            if o["id"] == oid:
                return o
    raise KeyError(oid)


FR_SIGN = "人脸识别区域 Face recognition in use — 处理者/Processor, 目的/Purpose, 保存期限/Retention, 权利/Rights, 联系/Contact"
CCTV_SIGN = "视频监控区域 CCTV in operation"


# ---------------------------------------------------------------------------------------------
# 1. Hotel: a lobby floor with a check-in kiosk and a guest-room floor with en-suite baths.
# ---------------------------------------------------------------------------------------------
def hotel():
    s = Site("Harbour Hotel", {"name": "Harbour Hotel Co., Ltd.", "contact": "+86 21 5555 0100"},
             faces_stored=2400, filed_with_authority=False, filed_with_police=True, retention_days=30,
             venue="hotel", impact_assessment={"date": "2025-05-20", "reference": "HH-PIA-2025-01"})
    f1 = s.floor("F1", "1F Lobby")
    f1.box(0, 0, 30, 16, thickness=0.3)                       # outer walls
    f1.wall((20, 0), (20, 16))                                 # lobby | east corridor
    f1.wall((22, 0), (22, 16))                                 # east corridor | rooms
    f1.wall((22, 8), (30, 8))                                  # office | toilets
    f1.wall((22, 12), (30, 12))                                # men | women
    f1.opening((13, 0), (16, 0), oid="d-main")                 # main entrance, 3 m glass doors
    f1.opening((20, 5), (20, 7), oid="d-lobby-east")           # lobby -> east corridor
    f1.opening((22, 2), (22, 3), oid="d-office")
    f1.opening((22, 9), (22, 10), oid="d-wc-men")
    f1.opening((22, 14), (22, 15), oid="d-wc-women")
    f1.opening((0, 4), (0, 12), kind="window", oid="win-west")
    f1.space("s-lobby", "Lobby", "public", 0, 0, 20, 16)
    f1.space("s-east-corridor", "East corridor", "public", 20, 0, 22, 16)
    f1.space("s-office", "Back office", "non_public", 22, 0, 30, 8)
    f1.space("s-wc-men", "Men's toilet", "toilet", 22, 8, 30, 12)
    f1.space("s-wc-women", "Women's toilet", "toilet", 22, 12, 30, 16)
    f1.zone("z-lobby", "Lobby face-recognition zone", [(0, 0), (20, 0), (20, 16), (0, 16)])
    fit(f1.device("c-lobby", "Lobby watch camera", (10, 16), 270, 60, range=20, mount_height=3.0,
                  mode="identification", purpose="public_safety",
                  necessity="Police request after two luggage thefts in the lobby in 2025 (case 2025-0417)",
                  zone="z-lobby", storage="on_device"), "dahua-ipc-hdbw7442e1-z-x", 2.7, 15)
    f1.device("c-kiosk", "Check-in kiosk", (5, 10), 0, 70, range=1.5, mount_height=1.4,
              resolution=[1280, 720], mode="verification", purpose="access_control",
              necessity="Real-name check-in required by the Public Security Administration of Hotels",
              zone="z-lobby", storage="on_device", alternative_method=True, separate_consent=True,
              tilt=-5)
    fit(f1.device("c-lobby-cctv", "Lobby CCTV (SW corner)", (0, 0), 45, 90, range=25, mount_height=3.0,
                  face_recognition=False), "hikvision-ds-2cd2043g2-iu", 4, 20)
    fit(f1.device("c-corridor-cctv", "East corridor CCTV", (22, 0.5), 100, 40, range=20, mount_height=2.8,
                  face_recognition=False), "hikvision-ds-2cd2043g2-iu", 6, 12)
    f1.sign("g-main", (12.3, 0), 270, FR_SIGN)                          # outside, beside the doors
    f1.sign("g-east", (20, 7.6), 0, FR_SIGN)                            # corridor side of the east door
    f1.sign("g-lobby-cctv", (3, 16), 270, CCTV_SIGN)
    f1.sign("g-corridor-cctv", (21, 16), 270, CCTV_SIGN)

    f3 = s.floor("F3", "3F Guest rooms")
    f3.box(0, 0, 36, 16, thickness=0.3)
    f3.wall((0, 7), (30, 7))                                   # corridor south wall
    f3.wall((0, 9), (30, 9))                                   # corridor north wall
    f3.wall((30, 0), (30, 7))
    f3.wall((30, 9), (30, 16))                                 # lift lobby west walls
    for i in range(6):
        x0 = i * 5
        if i > 0:
            f3.wall((x0, 0), (x0, 7))
            f3.wall((x0, 9), (x0, 16))
        south, north = 301 + i, 312 - i
        # South room: bath in the corridor-side west corner, door at the east end.
        f3.wall((x0, 4.5), (x0 + 2.2, 4.5), (x0 + 2.2, 7))
        f3.opening((x0 + 2.2, 5.2), (x0 + 2.2, 6.0), oid=f"d-bath-{south}")
        f3.opening((x0 + 4.0, 7), (x0 + 4.9, 7), oid=f"d-{south}")
        f3.space(f"s-{south}", f"Room {south}", "hotel_room", x0, 0, x0 + 5, 7)
        f3.space(f"s-bath-{south}", f"Room {south} bathroom", "bath", x0, 4.5, x0 + 2.2, 7)
        # North room: mirrored.
        f3.wall((x0, 11.5), (x0 + 2.2, 11.5), (x0 + 2.2, 9))
        f3.opening((x0 + 2.2, 9.8), (x0 + 2.2, 10.6), oid=f"d-bath-{north}")
        f3.opening((x0 + 4.0, 9), (x0 + 4.9, 9), oid=f"d-{north}")
        f3.space(f"s-{north}", f"Room {north}", "hotel_room", x0, 9, x0 + 5, 16)
        f3.space(f"s-bath-{north}", f"Room {north} bathroom", "bath", x0, 9, x0 + 2.2, 11.5)
    f3.opening((36, 6), (36, 10), kind="opening", oid="lift-doors")
    f3.space("s-corridor-3", "3F corridor", "public", 0, 7, 30, 9)
    f3.space("s-lift-lobby-3", "3F lift lobby", "public", 30, 0, 36, 16)
    fit(f3.device("c-corr3-cctv", "3F corridor CCTV", (0, 8), 0, 30, range=30, mount_height=2.6,
                  face_recognition=False), "hikvision-ds-2cd2326g2-iu", 6, 10)
    fit(f3.device("c-lift3-cctv", "3F lift lobby CCTV", (30, 16), 300, 70, range=15, mount_height=2.8,
                  face_recognition=False), "uniview-ipc322lb-asf28k-a", 2.8, 25)
    # A dome on the corridor's north wall over the door of room 303: tilted 75° it sees the
    # corridor floor out to 1.70 m, short of room 303's door 1.95 m across.
    fit(f3.device("c-corr3-dome", "3F corridor dome at room 303", (14.45, 8.95), 270, 55, range=10,
                  mount_height=2.8, face_recognition=False), "hikvision-ds-2cd2326g2-iu", 6, 75)
    f3.sign("g-corr3", (29.8, 8), 180, CCTV_SIGN, notice={})
    f3.sign("g-lift3", (36, 3), 180, CCTV_SIGN, notice={})
    f3.sign("g-corr3-dome", (16, 7.05), 90, CCTV_SIGN, notice={})
    s.write("hotel.site.json")

    # Mistakes.
    bad = copy.deepcopy(s.doc)
    find(bad, "devices", "c-kiosk")["alternative_method"] = False          # A10-SOLE-METHOD
    del find(bad, "devices", "c-kiosk")["separate_consent"]                # A6-CONSENT
    find(bad, "devices", "c-lobby")["purpose"] = "marketing"               # A13-PURPOSE
    find(bad, "devices", "c-lobby")["necessity"] = "Recognise VIP guests on arrival"
    bad["floors"][0]["signs"] = [g for g in bad["floors"][0]["signs"] if g["id"] != "g-east"]
    f3b = bad["floors"][1]
    f3b["devices"].append({"id": "c-305-mirror", "name": "Room 305 smart mirror", "position": [22, 1],
                           "heading": 90, "fov": 90, "range": 3, "mount_height": 1.5,
                            "resolution": [1920, 1080], "mode": "identification", "purpose": "other",
                           "storage": "networked"})   # inside a guest room
    find(bad, "devices", "c-corr3-dome")["tilt"] = 30       # R799-A8-VIEW: films into room 303
    s.write("hotel-mistakes.site.json", bad)


# ---------------------------------------------------------------------------------------------
# 2. Gym and pool: reception gates, changing rooms with showers and toilets.
# ---------------------------------------------------------------------------------------------
def gym():
    s = Site("Blue Wave Fitness & Pool", {"name": "Blue Wave Sports Ltd.", "contact": "400-820-1234"},
             faces_stored=5800, filed_with_authority=False, filed_with_police=True, retention_days=30,
             venue="sports_entertainment", impact_assessment={"date": "2025-05-12", "reference": "BW-PIA-01"})
    f = s.floor("G", "Ground floor")
    f.box(0, 0, 40, 24, thickness=0.3)
    f.wall((12, 0), (12, 24))          # reception+gym | corridor
    f.wall((0, 10), (12, 10))          # reception | gym
    f.wall((16, 0), (16, 16))          # corridor | changing rooms
    f.wall((16, 16), (40, 16))         # changing block | pool hall
    f.wall((16, 16), (16, 24))         # corridor | pool hall
    f.wall((16, 8), (40, 8))           # men | women
    f.wall((28, 0), (28, 16))          # changing | showers
    f.wall((34, 0), (34, 16))          # showers | toilets
    f.opening((4, 0), (7, 0), oid="d-entrance")
    f.opening((12, 3), (12, 5), oid="d-reception-corridor")
    f.opening((12, 14), (12, 16), oid="d-gym")
    f.opening((16, 5.5), (16, 6.5), oid="d-men-changing")
    f.opening((16, 9.5), (16, 10.5), oid="d-women-changing")
    f.opening((28, 3), (28, 4), kind="opening", oid="d-men-showers")
    f.opening((28, 12), (28, 13), kind="opening", oid="d-women-showers")
    f.opening((34, 6), (34, 7), oid="d-men-wc")
    f.opening((34, 9), (34, 10), oid="d-women-wc")
    f.opening((16, 19), (16, 22), kind="opening", oid="o-pool-hall")
    f.opening((29, 16), (33, 16), kind="window", oid="win-women-showers")   # frosted glass
    f.doc["openings"][-1]["obscured"] = True
    # Privacy screens inside the changing-room doors.
    f.wall((17.2, 4.8), (17.2, 7.2), thickness=0.1)
    f.wall((17.2, 8.8), (17.2, 11.2), thickness=0.1)
    f.space("s-reception", "Reception", "public", 0, 0, 12, 10)
    f.space("s-gym", "Gym floor", "public", 0, 10, 12, 24)
    f.space("s-corridor", "Corridor", "public", 12, 0, 16, 24)
    f.space("s-men-changing", "Men's changing room", "changing_room", 16, 0, 28, 8)
    f.space("s-men-showers", "Men's showers", "bath", 28, 0, 34, 8)
    f.space("s-men-wc", "Men's toilet", "toilet", 34, 0, 40, 8)
    f.space("s-women-changing", "Women's changing room", "changing_room", 16, 8, 28, 16)
    f.space("s-women-showers", "Women's showers", "bath", 28, 8, 34, 16)
    f.space("s-women-wc", "Women's toilet", "toilet", 34, 8, 40, 16)
    f.space("s-pool", "Pool hall", "public", 16, 16, 40, 24)
    f.zone("z-gates", "Reception gates", [(0, 0), (12, 0), (12, 10), (0, 10)])
    for i, x in enumerate((4.6, 6.4)):
        f.device(f"c-gate-{i + 1}", f"Entry gate {i + 1}", (x, 6), 270, 60, range=1.2, mount_height=1.5,
                 resolution=[1280, 720], mode="verification", purpose="access_control",
                 necessity="Members-only facility", zone="z-gates", storage="on_device",
                 alternative_method=True, separate_consent=True, tilt=-5)
    fit(f.device("c-corridor", "Corridor CCTV", (16, 0.5), 100, 40, range=25, mount_height=2.8,
                 face_recognition=False), "hikvision-ds-2cd2043g2-iu", 6, 10)
    fit(f.device("c-gym", "Gym floor CCTV", (0, 24), 315, 90, range=20, mount_height=3.0,
                 face_recognition=False), "dahua-ipc-hdw2441t-s", 2.8, 20)
    fit(f.device("c-pool", "Pool hall CCTV", (40, 24), 210, 80, range=25, mount_height=3.5,
                 face_recognition=False), "dahua-ipc-hfw2541s-s", 3.6, 20)
    fit(f.device("c-reception", "Reception CCTV", (0, 10), 315, 90, range=15, mount_height=2.8,
                 face_recognition=False), "hikvision-ds-2cd2143g2-i", 2.8, 25)
    f.sign("g-entrance", (3.5, 0), 270, FR_SIGN)
    f.sign("g-corridor-gates", (12, 5.6), 0, FR_SIGN)
    f.sign("g-corridor-cctv", (14, 24), 270, CCTV_SIGN, notice={})
    f.sign("g-gym-cctv", (12, 20), 180, CCTV_SIGN, notice={})
    f.sign("g-pool-cctv", (24, 16), 90, CCTV_SIGN, notice={})
    f.sign("g-reception-cctv", (12, 8), 180, CCTV_SIGN, notice={})
    s.write("gym.site.json")

    bad = copy.deepcopy(s.doc)
    fb = bad["floors"][0]
    # The women's changing room door has no leaf and no privacy screen: the corridor camera films in.
    find(bad, "openings", "d-women-changing")["kind"] = "opening"
    fb["walls"] = [w for w in fb["walls"] if w["points"] != [[17.2, 8.8], [17.2, 11.2]]]
    find(bad, "devices", "c-corridor").update({"position": [14, 0.3], "heading": 70})
    fb["devices"].append({"id": "c-gym-vip", "name": "Gym member recognition", "position": [12, 17],
                          "heading": 180, "fov": 90, "range": 12, "mount_height": 2.5,
                          "mode": "identification", "purpose": "marketing",
                          "storage": "networked", **camera("hikvision-ids-2cd5146g2-v-xzhsy", 2.8, 15)})
    bad["retention_days"] = 15
    bad["filed_with_police"] = False
    # The frosted shower window was replaced with clear glass: the pool camera films the showers.
    find(bad, "openings", "win-women-showers")["obscured"] = False
    s.write("gym-mistakes.site.json", bad)


# ---------------------------------------------------------------------------------------------
# 3. Shopping mall level: entrance hall with FR cameras and signs, shops, toilets, nursing room.
# ---------------------------------------------------------------------------------------------
def mall():
    s = Site("Riverside Mall", {"name": "Riverside Commercial Management Co.", "contact": "021-6666 8888"},
             faces_stored=42000, filed_with_authority=False, filed_with_police=True, retention_days=90,
             venue="shopping_centre", impact_assessment={"date": "2025-04-28", "reference": "RCM-PIA-2025-004"})
    f = s.floor("L1", "L1")
    f.box(0, 0, 70, 28, thickness=0.3)
    f.wall((8, 0), (8, 10), (60, 10))                  # south shops' front
    f.wall((8, 28), (8, 18), (60, 18))                 # north shops' front
    f.wall((60, 0), (60, 10))
    f.wall((60, 18), (60, 28))
    f.wall((0, 10), (8, 10))
    f.wall((0, 18), (8, 18))
    for i in range(1, 5):
        f.wall((8 + 13 * i, 0), (8 + 13 * i, 10))
        f.wall((8 + 13 * i, 18), (8 + 13 * i, 28))
    for i in range(4):
        x0 = 8 + 13 * i
        f.opening((x0 + 3, 10), (x0 + 9, 10), kind="opening", oid=f"o-shop-s{i + 1}")
        f.opening((x0 + 3, 18), (x0 + 9, 18), kind="opening", oid=f"o-shop-n{i + 1}")
        f.space(f"s-shop-s{i + 1}", f"Shop S{i + 1}", "public", x0, 0, x0 + 13, 10)
        f.space(f"s-shop-n{i + 1}", f"Shop N{i + 1}", "public", x0, 18, x0 + 13, 28)
    # Fitting rooms at the back of the clothing shop S1.
    f.wall((8, 3), (14, 3))
    f.wall((11, 0), (11, 3))
    f.opening((9, 3), (10, 3), oid="d-fit-1")
    f.opening((12, 3), (13, 3), oid="d-fit-2")
    f.space("s-fit-1", "Fitting room 1", "fitting_room", 8, 0, 11, 3)
    f.space("s-fit-2", "Fitting room 2", "fitting_room", 11, 0, 14, 3)
    # Toilet block east of the concourse, reached through a short lobby.
    f.wall((60, 10), (60, 18))
    f.wall((62, 10), (62, 18))
    f.wall((62, 14), (70, 14))
    f.wall((60, 10), (70, 10))
    f.wall((60, 18), (70, 18))
    f.opening((60, 13), (60, 15), kind="opening", oid="o-wc-lobby")
    f.opening((62, 11), (62, 12), oid="d-wc-men")
    f.opening((62, 16), (62, 17), oid="d-wc-women")
    f.opening((64, 18), (65, 18), oid="d-nursing")
    f.space("s-wc-lobby", "Toilet lobby", "public", 60, 10, 62, 18)
    f.space("s-wc-men", "Men's toilet", "toilet", 62, 10, 70, 14)
    f.space("s-wc-women", "Women's toilet", "toilet", 62, 14, 70, 18)
    f.space("s-nursing", "Nursing room", "nursing_room", 60, 18, 70, 28)
    f.wall((60, 18), (60, 28))
    f.opening((0, 11), (0, 17), oid="d-west-entrance")
    # Mother-and-baby room in the south-west corner, entered from the department store S1.
    f.opening((8, 4), (8, 5), oid="d-nursing-s1")
    f.space("s-nursing-w", "Mother & baby room", "nursing_room", 0, 0, 8, 10)
    f.space("s-entrance", "West entrance hall", "public", 0, 10, 8, 18)
    f.space("s-concourse", "Concourse", "public", 8, 10, 60, 18)
    f.zone("z-west", "West entrance", [(0, 10), (8, 10), (8, 18), (0, 18)])
    lens = camera("dahua-ipc-hfw71242h-z-x", 2.7, 15)
    wide = lens.pop("fov")
    common = dict(range=20, mount_height=2.7, mode="identification", **lens,
                  purpose="public_safety",
                  necessity="Police watch-list screening at the main entrance (district public security bureau notice 2025-31)",
                  zone="z-west", storage="on_device")
    f.device("c-west-n", "West entrance north", (0, 17.5), 330, wide, **common)
    f.device("c-west-s", "West entrance south", (0, 10.5), 30, wide, **common)
    f.sign("g-west-door", (0, 14), 180, FR_SIGN, mount_height=2.4)   # above the doors
    f.sign("g-hall-1", (8, 12), 0, FR_SIGN, mount_height=2.2)
    f.sign("g-hall-2", (8, 16), 0, FR_SIGN, mount_height=2.2)
    fit(f.device("c-concourse-w", "Concourse CCTV west", (8, 18), 315, 90, range=30, mount_height=3.5,
                 face_recognition=False), "uniview-ipc3618sb-adf28kmc-i1", 2.8, 15)
    fit(f.device("c-concourse-e", "Concourse CCTV east", (60, 10.2), 165, 60, range=30, mount_height=3.5,
                 face_recognition=False), "hikvision-ds-2cd2326g2-iu", 6, 10)
    f.sign("g-concourse-w", (30, 10), 90, CCTV_SIGN, notice={})
    f.sign("g-concourse-e", (40, 18), 270, CCTV_SIGN, notice={})
    s.write("mall.site.json")

    bad = copy.deepcopy(s.doc)
    bad["faces_stored"] = 250000                                        # A15-FILING
    find(bad, "zones", "z-west")["polygon"] = [[0, 0], [8, 0], [8, 18], [0, 18]]   # takes in the nursing room
    g = find(bad, "signs", "g-hall-1")
    g.update({"width": 0.2, "height": 0.15, "mount_height": 3.2})       # A13-SIGN-PROMINENCE
    find(bad, "signs", "g-west-door")["notice"] = {"processor": True, "purpose": True, "contact": True}
    bad["floors"][0]["devices"].append(dict(common, id="c-concourse-fr", name="Concourse FR camera",
                                            position=[12, 18], heading=270, fov=wide))
    s.write("mall-mistakes.site.json", bad)


# ---------------------------------------------------------------------------------------------
# 4. Office floor: reception, staff-only open office with attendance terminals, staff rest room.
# ---------------------------------------------------------------------------------------------
def office():
    s = Site("Lumen Tech 12F", {"name": "Lumen Technology Co., Ltd.", "contact": "privacy@lumen.example"},
             faces_stored=320, filed_with_authority=False, filed_with_police=True, retention_days=30,
             venue="office", impact_assessment={"date": "2025-05-30", "reference": "LT-DPO-PIA-7"})
    f = s.floor("12F", "12F")
    f.box(0, 0, 32, 16, thickness=0.3)
    f.wall((10, 0), (10, 16))          # reception | office
    f.wall((0, 10), (10, 10))          # reception | toilets
    f.wall((0, 13), (10, 13))          # men | women toilets
    f.wall((24, 10), (32, 10))         # office | rest room + meeting
    f.wall((24, 10), (24, 16))
    f.wall((28, 10), (28, 16))
    f.opening((0, 3), (0, 5), oid="d-lift")                     # from the lift lobby
    f.opening((10, 2), (10, 3.5), oid="d-office")
    f.opening((10, 11), (10, 12), oid="d-wc-men")          # staff toilets, from the office
    f.opening((10, 14), (10, 15), oid="d-wc-women")
    f.opening((25, 10), (26, 10), oid="d-rest")
    f.opening((29, 10), (30, 10), oid="d-meeting")
    f.space("s-reception", "Reception", "public", 0, 0, 10, 10)
    f.space("s-wc-men", "Men's toilet", "toilet", 0, 10, 10, 13)
    f.space("s-wc-women", "Women's toilet", "toilet", 0, 13, 10, 16)
    f.space("s-office", "Open office (staff only)", "non_public", 10, 0, 32, 10)
    f.space("s-office-n", "Open office north (staff only)", "non_public", 10, 10, 24, 16)
    f.space("s-rest", "Staff rest room", "dorm_room", 24, 10, 28, 16)
    f.space("s-meeting", "Meeting room", "non_public", 28, 10, 32, 16)
    f.zone("z-reception", "Visitor check-in", [(0, 0), (10, 0), (10, 10), (0, 10)])
    f.device("c-visitor", "Visitor check-in kiosk", (6, 6), 180, 60, range=1.2, mount_height=1.4,
             resolution=[1280, 720], mode="verification", purpose="access_control",
             necessity="Visitor registration required by the building's security plan",
             zone="z-reception", storage="on_device", alternative_method=True, separate_consent=True,
             tilt=-5)
    for i, y in enumerate((1.2, 4.3)):
        f.device(f"c-attend-{i + 1}", f"Attendance terminal {i + 1}", (10.6, y), 0, 60, range=1.0,
                 mount_height=1.5, resolution=[1280, 720], mode="verification", purpose="attendance",
                 storage="on_device", alternative_method=True, separate_consent=True, tilt=-5)
    fit(f.device("c-reception-cctv", "Reception CCTV", (10, 10), 225, 90, range=15, mount_height=2.8,
                 face_recognition=False), "tiandy-tc-c34hn", 2.8, 20)
    f.sign("g-lift", (0, 2.6), 180, FR_SIGN)
    f.sign("g-office-door", (10, 3.9), 0, FR_SIGN)
    f.sign("g-reception-cctv", (0, 8), 0, CCTV_SIGN, notice={})
    s.write("office.site.json")

    bad = copy.deepcopy(s.doc)
    fb = bad["floors"][0]
    find(bad, "devices", "c-attend-1")["alternative_method"] = False        # A10-SOLE-METHOD
    fb["devices"].append({"id": "c-rest-cctv", "name": "Rest room camera", "position": [24, 16],
                          "heading": 315, "fov": 90, "range": 10, "face_recognition": False})
    fb["devices"].append({"id": "c-lift-watch", "name": "Lift lobby watcher", "position": [0, 9.8],
                          "heading": 300, "fov": 60, "range": 8, "resolution": [2560, 1440],
                          "purpose": "access_control", "zone": "z-recption"})
    fb["zones"].append({"id": "z-old-kiosk", "name": "Old kiosk area (removed)",
                        "polygon": [[1, 6], [4, 6], [4, 9], [1, 9]]})
    s.write("office-mistakes.site.json", bad)


if __name__ == "__main__":
    hotel()
    gym()
    mall()
    office()
