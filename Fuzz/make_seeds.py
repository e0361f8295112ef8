#!/usr/bin/env python3
"""Builds the seed corpus of one fuzz mode into a directory (Fuzz/out/seeds-MODE).

xlsx / ods:         the peer corpus files and the bundled samples, copied as they are.
xlsx-xml / ods-xml: the XML parts inside those files, uncompressed and joined with the
                    harness's part separator (see Sources/SvodFuzz/Harness.swift).
The shared corpus is read, never modified, and nothing here is committed.
"""
import glob
import hashlib
import os
import re
import sys
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
MAIN = os.path.dirname(HERE)
PEER = os.environ.get("SVOD_PEER_CORPUS", os.path.join(os.path.dirname(MAIN), "shared", "corpus", "peer"))
SEP = b"\x00\x00PART\x00\x00"
MAX_SEED = 256 << 10  # bigger seeds only slow mutation down

XLSX_GLOBS = ["calamine/*.xlsx", "calamine/*.xlsm", "readxl/*.xlsx"]
ODS_GLOBS = ["calamine/*.ods"]


def files(globs, sample_exts):
    out = []
    for g in globs:
        out += sorted(glob.glob(os.path.join(PEER, g)))
    for ext in sample_exts:
        out += sorted(glob.glob(os.path.join(MAIN, "Samples", "*." + ext)))
    return out


def member(z, name):
    """A zip member by name, ignoring case (OPC names are case-insensitive)."""
    for info in z.infolist():
        if info.filename.lower() == name.lower():
            return z.read(info)
    return None


def xlsx_xml_seeds(path):
    with zipfile.ZipFile(path) as z:
        names = [i.filename for i in z.infolist()]
        sheets = sorted((n for n in names if re.match(r"(?i)xl/worksheets/[^/]+\.xml$", n)),
                        key=lambda n: (len(n), n))[:3]
        sst = member(z, "xl/sharedStrings.xml") or b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>'
        styles = member(z, "xl/styles.xml") or b'<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>'
        workbook = member(z, "xl/workbook.xml")
        for s in sheets:
            parts = [z.read(s), sst, styles] + ([workbook] if workbook else [])
            yield SEP.join(parts)
            yield z.read(s)  # the worksheet alone, with the harness's default parts


def ods_xml_seeds(path):
    with zipfile.ZipFile(path) as z:
        content = member(z, "content.xml")
        manifest = member(z, "META-INF/manifest.xml")
        if content is None:
            return
        yield content
        if manifest:
            yield content + SEP + manifest


def compound_file(stream_name):
    """A minimal OLE2 compound file (512-byte sectors) whose directory lists one stream:
    "Workbook" (legacy .xls) or "EncryptedPackage" (a password-protected OOXML package)."""
    import struct
    header = bytearray(512)
    header[0:8] = bytes([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
    struct.pack_into("<HHHH", header, 0x18, 0x3E, 3, 0xFFFE, 9)   # minor, major, byte order, shift
    struct.pack_into("<H", header, 0x20, 6)                        # mini sector shift
    struct.pack_into("<III", header, 0x2C, 1, 1, 0)                # FAT sectors, directory start, tx
    struct.pack_into("<IIIII", header, 0x38, 0x1000, 0xFFFFFFFE, 0, 0xFFFFFFFE, 0)
    for i in range(109):
        struct.pack_into("<I", header, 0x4C + i * 4, 0 if i == 0 else 0xFFFFFFFF)
    fat = bytearray(b"\xff" * 512)
    struct.pack_into("<II", fat, 0, 0xFFFFFFFD, 0xFFFFFFFE)
    directory = bytearray(512)
    for slot, (name, kind) in enumerate([("Root Entry", 5), (stream_name, 2)]):
        e = slot * 128
        encoded = (name + "\0").encode("utf-16-le")
        directory[e:e + len(encoded)] = encoded
        struct.pack_into("<HBB", directory, e + 0x40, len(encoded), kind, 1)
        struct.pack_into("<III", directory, e + 0x44, 0xFFFFFFFF, 0xFFFFFFFF, 1 if slot == 0 else 0xFFFFFFFF)
        struct.pack_into("<II", directory, e + 0x74, 0xFFFFFFFE, 0)
    return bytes(header + fat + directory)


def main():
    mode, dest = sys.argv[1], sys.argv[2]
    os.makedirs(dest, exist_ok=True)
    if mode in ("xlsx", "xlsx-xml"):
        sources = files(XLSX_GLOBS, ["xlsx", "xlsm"])
    elif mode in ("ods", "ods-xml"):
        sources = files(ODS_GLOBS, ["ods", "fods"])
    else:
        sys.exit(f"unknown mode {mode}")
    written = skipped = 0
    if mode in ("xlsx", "ods"):  # the refusal path for legacy .xls and encrypted OOXML
        for name in ("Workbook", "EncryptedPackage"):
            with open(os.path.join(dest, "cfb-" + name), "wb") as f:
                f.write(compound_file(name))
            written += 1
    for path in sources:
        if mode in ("xlsx", "ods"):
            seeds = [open(path, "rb").read()]
            if mode == "ods" and zipfile.is_zipfile(path):
                try:  # content.xml alone sniffs as flat ODF: the .fods path
                    seeds += [c for c in ods_xml_seeds(path)][:1]
                except (zipfile.BadZipFile, KeyError, OSError, NotImplementedError, RuntimeError):
                    pass
        else:
            try:
                seeds = list((xlsx_xml_seeds if mode == "xlsx-xml" else ods_xml_seeds)(path))
            except (zipfile.BadZipFile, KeyError, OSError, NotImplementedError, RuntimeError):
                seeds = []  # deliberately broken corpus files have no parts to take
        for data in seeds:
            if len(data) > MAX_SEED:
                skipped += 1
                continue
            name = hashlib.sha1(data).hexdigest()
            with open(os.path.join(dest, name), "wb") as f:
                f.write(data)
            written += 1
    print(f"seeds for {mode}: {written} written to {dest} ({skipped} over {MAX_SEED} bytes skipped)",
          file=sys.stderr)


if __name__ == "__main__":
    main()
