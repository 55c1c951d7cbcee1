"""The core stays pure: importing it pulls in no UI, model or device library."""

from __future__ import annotations

import subprocess
import sys

HEAVY = [
    "textual",
    "llama_cpp",
    "faster_whisper",
    "cv2",
    "onnxruntime",
    "sounddevice",
    "pyttsx3",
    "numpy",
    "h5py",
    "onnx",
    "tokenizers",
    "safetensors",
    "interbot_tui.tui",
    "interbot_tui.store",
    "interbot_tui.backends",
    "interbot_tui.session",
    "interbot_tui.tools",
]


def test_core_imports_nothing_heavy() -> None:
    code = (
        "import sys, pkgutil, importlib, interbot_tui.core as core\n"
        "for m in pkgutil.walk_packages(core.__path__, 'interbot_tui.core.'): importlib.import_module(m.name)\n"
        f"print([m for m in {HEAVY!r} if m in sys.modules])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_cli_help_is_fast_to_import() -> None:
    """`interbot --help` must not load the model library or the TUI."""
    code = "import sys; from interbot_tui import cli; print('textual' in sys.modules, 'llama_cpp' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False False"
