"""Bundle size: what the Linux onedir and .deb carry, by part, against the floor of any PySide6 app.

The baseline, measured in the same bundle, is the *floor*: what every PySide6 Widgets app frozen
with PyInstaller carries whatever it does (Qt Core/Gui/Widgets/DBus/XcbQpa, ICU, libpython and
the interpreter's own extension modules). The ratio bundle / floor says how much the app adds on
top; the parts say where it goes (uv, which the app runs to build job environments, is listed
on its own).

    .venv/bin/python benchmarks/bundle_size.py --build          # runs installers/linux/build.sh (minutes)
    .venv/bin/python benchmarks/bundle_size.py --onedir dist/pyinstaller/desktop-agent --deb dist/desktop-agent_0.1.0_amd64.deb

Not a test; nothing in CI runs it.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MIB = 1024 * 1024

# What a bare PySide6 Widgets app needs on Linux: the floor.
FLOOR = re.compile(
    r"(libQt6(Core|Gui|Widgets|DBus|XcbQpa)\.so|libicu\w+\.so|libpython3|"
    r"/lib-dynload/|base_library\.zip|QtCore\.abi3|QtGui\.abi3|QtWidgets\.abi3|"
    r"libshiboken6|libpyside6\.|platforms/libqxcb)"
)
PARTS = {
    "uv": re.compile(r"/bin/uv$"),
    "ICU (Qt's Unicode data)": re.compile(r"libicu\w+\.so"),
    "Qt libraries": re.compile(r"libQt6\w+\.so"),
    "Qt plugins": re.compile(r"/PySide6/Qt/plugins/"),
    "Qt translations": re.compile(r"/PySide6/Qt/translations/"),
    "PySide6 bindings": re.compile(r"/(PySide6|shiboken6)/[^/]+\.so|libpyside6|libshiboken6"),
    "cryptography (SecretService keyring)": re.compile(r"/cryptography"),
    "pydantic-core (reference backend)": re.compile(r"pydantic_core"),
    "OpenSSL": re.compile(r"lib(ssl|crypto)\.so"),
    "libpython + extension modules": re.compile(r"libpython3|/lib-dynload/"),
    "Python code (PYZ, base_library)": re.compile(r"\.pyz$|base_library\.zip|desktop-agent$"),
}


def sizes(onedir: Path) -> dict[str, int]:
    return {
        str(p): p.stat().st_size for p in onedir.rglob("*") if p.is_file() and not p.is_symlink()
    }


def build() -> tuple[Path, Path]:
    out = Path(tempfile.mkdtemp(prefix="bundle-size-"))
    subprocess.run(
        [str(ROOT / "installers" / "linux" / "build.sh"), "--out", str(out)],
        cwd=ROOT,
        check=True,
        env={**__import__("os").environ, "PYTHON": sys.executable},
    )
    return out / "pyinstaller" / "desktop-agent", next(out.glob("desktop-agent_*.deb"))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--onedir", type=Path)
    ap.add_argument("--deb", type=Path)
    ap.add_argument("--build", action="store_true", help="build first (installers/linux/build.sh)")
    ap.add_argument("--top", type=int, default=15)
    args = ap.parse_args()
    if args.build:
        args.onedir, args.deb = build()
    if args.onedir is None:
        ap.error("--onedir or --build")
    files = sizes(args.onedir)
    total = sum(files.values())
    floor = sum(n for f, n in files.items() if FLOOR.search(f))
    parts: dict[str, int] = {}
    rest = 0
    for f, n in files.items():
        for name, pattern in PARTS.items():
            if pattern.search(f):
                parts[name] = parts.get(name, 0) + n
                break
        else:
            rest += n
    parts["everything else"] = rest
    out = {
        "onedir_mib": round(total / MIB, 1),
        "floor_mib": round(floor / MIB, 1),
        "ratio_onedir_to_floor": round(total / floor, 2),
        "onedir_without_uv_mib": round((total - parts.get("uv", 0)) / MIB, 1),
        "parts_mib": {k: round(v / MIB, 1) for k, v in sorted(parts.items(), key=lambda x: -x[1])},
        "largest_files": [
            [str(Path(f).relative_to(args.onedir)), round(n / MIB, 1)]
            for f, n in sorted(files.items(), key=lambda x: -x[1])[: args.top]
        ],
    }
    if args.deb is not None:
        out["deb_mib"] = round(args.deb.stat().st_size / MIB, 1)
    print(json.dumps(out, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
