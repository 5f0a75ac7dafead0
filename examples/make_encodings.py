"""Give the example corpus files the encodings and line ends declared in corpus_manifest.json.

The corpus is written and edited as plain UTF-8 with ``\\n`` line ends. Some files must then be
stored the way real scrapes arrive (windows-1252 with CRLF, UTF-8 with a BOM, UTF-16 with a BOM),
and this script does that conversion, reproducibly:

    python examples/make_encodings.py          # convert files still in plain UTF-8, check the rest
    python examples/make_encodings.py --check  # only check; exit 1 if a file is not as declared

To edit a converted file, save it as plain UTF-8 (no BOM) and run the script again. Running it
twice changes nothing. Standard library only.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

CORPUS = Path(__file__).resolve().parent / "corpus"

BOMS = {"utf-8-sig": b"\xef\xbb\xbf", "utf-16": b"\xff\xfe"}


def encode(text: str, encoding: str, newline: str) -> bytes:
    """The bytes of ``text`` in the declared form (UTF-16 always little-endian with its BOM)."""
    text = text.replace("\r\n", "\n").replace("\n", newline)
    if encoding == "utf-16":
        return BOMS["utf-16"] + text.encode("utf-16-le")
    return text.encode(encoding)


def decode(raw: bytes, encoding: str) -> str:
    """Decode as declared; ``utf-16`` and ``utf-8-sig`` consume their BOM."""
    return raw.decode(encoding)


def is_plain_utf8_source(raw: bytes, encoding: str) -> bool:
    """Whether ``raw`` is still the editable plain-UTF-8 form of a file declared otherwise."""
    bom = BOMS.get(encoding)
    if bom is not None and raw.startswith(bom):
        return False
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    # windows-1252 text with umlauts is practically never valid UTF-8 too, so valid UTF-8 with
    # non-ASCII bytes means the file has not been converted yet.
    return encoding != "cp1252" or any(b > 0x7F for b in raw)


def process(check_only: bool) -> list[str]:
    manifest = json.loads((CORPUS.parent / "corpus_manifest.json").read_text(encoding="utf-8"))
    problems: list[str] = []
    seen: set[str] = set()
    for entry in manifest["articles"]:
        name, enc, nl = entry["file"], entry["encoding"], entry["newline"]
        if name in seen:
            continue
        seen.add(name)
        path = CORPUS / name
        raw = path.read_bytes()
        unconverted = (
            (enc != "utf-8" or nl != "\n")
            and is_plain_utf8_source(raw, enc)
            and (enc != "utf-8" or b"\r\n" not in raw)
        )
        if unconverted:
            if check_only:
                problems.append(f"{name}: still plain UTF-8, declared {enc} {nl!r}")
                continue
            raw = encode(raw.decode("utf-8"), enc, nl)
            path.write_bytes(raw)
            print(f"converted {name} to {enc} with {nl!r} line ends")
        try:
            text = decode(raw, enc)
        except UnicodeDecodeError as exc:
            problems.append(f"{name}: does not decode as {enc} ({exc})")
            continue
        if encode(text, enc, nl) != raw:
            problems.append(f"{name}: decoding as {enc} and encoding again changes the bytes")
    return problems


def main() -> int:
    ap = argparse.ArgumentParser(description="Encode the example corpus as its manifest declares.")
    ap.add_argument("--check", action="store_true", help="only check, change nothing")
    problems = process(ap.parse_args().check)
    for p in problems:
        print(p, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
