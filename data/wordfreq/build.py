#!/usr/bin/env python3
"""Regenerate mtclean's word-frequency tables from wordfreq's data (python3 standard library only).

wordfreq (PyPI `wordfreq`, pinned below) ships one list per language as a gzipped msgpack file:
a header, then one list of words per centibel bucket (bucket i holds the words whose frequency
is 10 ** (-i / 100), so Zipf = 9 - i / 100). This script reads those files straight from the
installed package (or from the wheel), without importing wordfreq, and writes next to itself:

  <lang>.tsv.gz   one form a line, `form<TAB>zipf10`, sorted by the form's UTF-8 bytes, unique,
                  '\\n' line endings, gzip level 9 with no name and mtime 0.

`zipf10` is Zipf x 10 rounded half up (one byte: 10..=80). Forms are as wordfreq stores them:
NFC, case-folded (Python `str.casefold`, so German `ß` is `ss`; Turkish folds `I` to `ı`), ASCII
apostrophe. Forms with a digit are left out (wordfreq smashes numbers into `0` patterns, which are
no words), and so is every form that is not letters and marks with inner `'`, `.`, `-` (emoji,
`@` handles, `_`), and so is a form that is not NFC. The cut per language is in CUTS.

Usage:
  pip install --no-deps wordfreq==3.1.1     # or: pip download --no-deps wordfreq==3.1.1
  python3 data/wordfreq/build.py            # finds the installed package (not imported)
  python3 data/wordfreq/build.py --wheel wordfreq-3.1.1-py3-none-any.whl
  python3 data/wordfreq/build.py --check    # verifies the committed files, writes nothing

Every input file is checked against the sha256 pinned in INPUTS, so a different wordfreq fails
loudly instead of quietly changing the tables.
"""

import argparse
import gzip
import hashlib
import importlib.util
import io
import os
import struct
import sys
import unicodedata
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))

WORDFREQ_VERSION = "3.1.1"
WHEEL_SHA256 = "4b1c6ecffc6198be3396d5cf871c4423ca71c907c231348d352dd54d62b97473"

# lang -> (wordfreq list, sha256 of wordfreq/data/<list>_<lang>.msgpack.gz)
INPUTS = {
    "en": ("large", "dffae8066b78dce0a6667cf5f58e567054f902674667090a7ac8a8a44628b05c"),
    "es": ("large", "14f326b4f68d517f9b8b99c1e26ef56a508d2dc8d0ee7a9e6e8732ddab1aa65e"),
    "pt": ("large", "7d764586bca6262f554d5fa77ad8e6841ef42534776e70558065140853660ce2"),
    "fr": ("large", "6f16cd80b9b66c5698ed002becea83ae30d0584c3205f1cf01714ad562c00c8b"),
    "it": ("large", "0b5500e425a50e0f1fefb256d9125e74f586ac6b2f2a6e41bc96634bd5613cc7"),
    "de": ("large", "8ef04d3f4a28fb48d800d25fa80a96d90a5f80c8496c9a453f99f887c6ad3c12"),
    "nl": ("large", "cfdae01b2ccd5bc94be046645b6ba8682e65d6709beedf6ab98d7bdc5414d671"),
    "ca": ("large", "386451032613893f6a72ab8b6de52faef4aea1a61b8e089f6a1fb97092ed5b5b"),
    "ru": ("large", "0440613cc765c14a20fb9483225f2fec4d85e66672809076bcec9b29119f9b43"),
    "pl": ("large", "fac63e49c49ea2e39dd8a48152d7e54cec0920abbc59993088063ed5d9b528c2"),
    "cs": ("large", "3971d2ea15c0d0218fb31cdf4f109dfa4027d8f4ea52bd7b574a2b7678f1e60f"),
    # wordfreq has only the 'small' list (Zipf >= 3) for these two.
    "tr": ("small", "10980704ee3ac5b52f226579251905412a04ead57092a12182dd0b8be6a765df"),
    "id": ("small", "6fd891027cd6395b5c038c0e6402fa7e107ffd8973f862053246b897beb1bcd3"),
}

# Lowest Zipf kept, x 100 (wordfreq's centibel resolution). English keeps the long tail that news
# uses for names and brands (Zipf 1.5 is about 3 uses per 100 million words); the source
# languages answer "is this a common word there?", for which Zipf 2 is plenty, and they keep the
# committed data near 6.5 MB.
CUTS = {lang: 200 for lang in INPUTS}
CUTS["en"] = 150

# Forms that must survive the English cut (news names and brands): a guard against a cut or a
# filter that silently drops the long tail.
EN_MUST_HAVE = ["shoigu", "netflix", "kyiv", "zelensky", "sotomayor"]

INNER_PUNCT = {"'", ".", "-"}


# --------------------------------------------------------------------------
# A minimal msgpack reader: wordfreq's files use only maps, arrays, strings and small ints.
# --------------------------------------------------------------------------
class MsgpackReader:
    def __init__(self, data):
        self.data = data
        self.pos = 0

    def take(self, n):
        chunk = self.data[self.pos : self.pos + n]
        if len(chunk) != n:
            raise ValueError("msgpack: truncated input")
        self.pos += n
        return chunk

    def uint(self, n):
        return int.from_bytes(self.take(n), "big")

    def read(self):
        b = self.take(1)[0]
        if b <= 0x7F:
            return b
        if 0x80 <= b <= 0x8F:
            return self.map(b & 0x0F)
        if 0x90 <= b <= 0x9F:
            return self.array(b & 0x0F)
        if 0xA0 <= b <= 0xBF:
            return self.take(b & 0x1F).decode("utf-8")
        if b >= 0xE0:
            return b - 0x100
        simple = {0xC0: None, 0xC2: False, 0xC3: True}
        if b in simple:
            return simple[b]
        if b in (0xD9, 0xDA, 0xDB):
            return self.take(self.uint(1 << (b - 0xD9))).decode("utf-8")
        if b in (0xDC, 0xDD):
            return self.array(self.uint(2 if b == 0xDC else 4))
        if b in (0xDE, 0xDF):
            return self.map(self.uint(2 if b == 0xDE else 4))
        if b in (0xCC, 0xCD, 0xCE, 0xCF):
            return self.uint(1 << (b - 0xCC))
        if b in (0xD0, 0xD1, 0xD2, 0xD3):
            n = 1 << (b - 0xD0)
            return int.from_bytes(self.take(n), "big", signed=True)
        if b == 0xCA:
            return struct.unpack(">f", self.take(4))[0]
        if b == 0xCB:
            return struct.unpack(">d", self.take(8))[0]
        raise ValueError(f"msgpack: unsupported type byte 0x{b:02x} at {self.pos - 1}")

    def array(self, n):
        return [self.read() for _ in range(n)]

    def map(self, n):
        return {self.read(): self.read() for _ in range(n)}


def read_cbpack(raw):
    """Buckets of a wordfreq cBpack file: index i holds the words at -i centibels."""
    reader = MsgpackReader(gzip.decompress(raw))
    data = reader.read()
    if reader.pos != len(reader.data):
        raise ValueError("msgpack: trailing bytes")
    header = data[0]
    if header != {"format": "cB", "version": 1}:
        raise ValueError(f"not a wordfreq cBpack v1 file: header {header!r}")
    return data[1:]


# --------------------------------------------------------------------------
# Inputs
# --------------------------------------------------------------------------
def data_name(lang):
    return f"wordfreq/data/{INPUTS[lang][0]}_{lang}.msgpack.gz"


def open_inputs(args):
    """A function lang -> raw bytes of that language's wordfreq file."""
    if args.wheel:
        digest = hashlib.sha256(open(args.wheel, "rb").read()).hexdigest()
        if digest != WHEEL_SHA256:
            sys.exit(f"{args.wheel}: sha256 {digest}, expected {WHEEL_SHA256} (wordfreq {WORDFREQ_VERSION})")
        wheel = zipfile.ZipFile(args.wheel)
        return lambda lang: wheel.read(data_name(lang))
    root = args.package
    if root is None:
        spec = importlib.util.find_spec("wordfreq")
        if spec is None or not spec.submodule_search_locations:
            sys.exit(f"wordfreq is not installed: pip install --no-deps wordfreq=={WORDFREQ_VERSION}, or pass --wheel")
        root = os.path.dirname(list(spec.submodule_search_locations)[0])
    return lambda lang: open(os.path.join(root, data_name(lang)), "rb").read()


# --------------------------------------------------------------------------
# Tables
# --------------------------------------------------------------------------
def keep_form(form):
    """Letters and marks, with `'`, `.`, `-` only inside; no digits."""
    if not form or not unicodedata.category(form[0]).startswith("L"):
        return False
    if form[-1] in INNER_PUNCT:
        return False
    for ch in form:
        if ch in INNER_PUNCT:
            continue
        if unicodedata.category(ch)[0] not in "LM":
            return False
    return True


def table(lang, raw):
    """Sorted (form, zipf10) pairs of one language, after the cut and the form filter."""
    digest = hashlib.sha256(raw).hexdigest()
    if digest != INPUTS[lang][1]:
        sys.exit(f"{data_name(lang)}: sha256 {digest}, expected {INPUTS[lang][1]} (wordfreq {WORDFREQ_VERSION})")
    buckets = read_cbpack(raw)
    pairs = {}
    for index, words in enumerate(buckets):
        zipf100 = 900 - index
        if zipf100 < CUTS[lang]:
            break
        zipf10 = (zipf100 + 5) // 10  # half up, in integers: no float rounding in the output
        for form in words:
            # A lookup is NFC, so a form that is not (a few Greek ones in the English list)
            # could never be found.
            if unicodedata.normalize("NFC", form) != form:
                continue
            if keep_form(form) and form not in pairs:
                pairs[form] = zipf10
    return sorted(pairs.items(), key=lambda p: p[0].encode("utf-8"))


def encode(pairs):
    text = "".join(f"{form}\t{zipf10}\n" for form, zipf10 in pairs).encode("utf-8")
    # A fixed header (no name, mtime 0) so the bytes depend on the text and zlib alone.
    return text, gzip.compress(text, compresslevel=9, mtime=0)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--wheel", help="the wordfreq wheel file (instead of the installed package)")
    parser.add_argument("--package", help="directory holding the installed `wordfreq` package")
    parser.add_argument("--out", default=HERE, help="output directory (default: next to this script)")
    parser.add_argument("--check", action="store_true", help="compare the decompressed committed files, write nothing")
    args = parser.parse_args()
    read = open_inputs(args)
    total = 0
    stale = []
    for lang in INPUTS:
        pairs = table(lang, read(lang))
        if lang == "en":
            forms = dict(pairs)
            missing = [w for w in EN_MUST_HAVE if w not in forms]
            if missing:
                sys.exit(f"en: the cut dropped {missing}")
        text, packed = encode(pairs)
        path = os.path.join(args.out, f"{lang}.tsv.gz")
        if args.check:
            try:
                same = gzip.decompress(open(path, "rb").read()) == text
            except FileNotFoundError:
                same = False
            if not same:
                stale.append(path)
        else:
            with open(path, "wb") as out:
                out.write(packed)
        total += len(packed)
        lowest = min(zipf10 for _, zipf10 in pairs) / 10
        print(f"{lang}\t{INPUTS[lang][0]}\tzipf>={lowest:.1f}\t{len(pairs)} forms\t{len(packed)} bytes")
    print(f"total\t{total} bytes")
    if stale:
        sys.exit("stale or missing: " + ", ".join(stale))


if __name__ == "__main__":
    main()
