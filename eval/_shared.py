"""Where the shared development data lives: $PRESSESPIEGEL_SHARED or ../shared beside the repo."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def shared_dir() -> Path:
    env = os.environ.get("PRESSESPIEGEL_SHARED")
    return Path(env) if env else ROOT.parent / "shared"
