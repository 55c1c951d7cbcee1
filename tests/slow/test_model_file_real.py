"""The real llama.cpp with the small SmolLM2 model: its file truncated in place, then removed, while
the model is loaded. The model goes on answering, the process does not die of SIGBUS, and the
change is told. Runs in a child process, so a crash would show as its exit status."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from interbot_tui.locations import models_dir

pytestmark = pytest.mark.slow

SMOLLM = "SmolLM2-135M-Instruct.Q4_1.gguf"

CHILD = """
import json, sys
from pathlib import Path
from interbot_tui.backends.llm.llama_cpp import LlamaCppChatModel
path = Path(sys.argv[1])
model = LlamaCppChatModel(path, chat_format="chatml", n_ctx=512, n_threads=1)
ask = [{"role": "user", "content": "Say hello."}]
before = model.chat(ask, max_tokens=8, temperature=0.0)
with path.open("r+b") as f:  # `cp other.gguf` over it: truncated to nothing, in place
    f.truncate(0)
truncated = model.chat(ask, max_tokens=8, temperature=0.0)
told_truncated = model.file_change()
path.unlink()
removed = model.chat(ask, max_tokens=8, temperature=0.0)
print(json.dumps({
    "before": before, "truncated": truncated, "removed": removed,
    "told_truncated": told_truncated, "told_removed": model.file_change(),
}))
model.close()
"""


def test_model_file_truncated_then_removed_while_loaded(tmp_path: Path) -> None:
    source = models_dir() / SMOLLM
    if not source.is_file():
        pytest.skip(f"needs {source} (`interbot models install smollm2-135m`)")
    copy = tmp_path / SMOLLM
    shutil.copyfile(source, copy)
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(copy)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, f"exit {done.returncode}: {done.stderr[-2000:]}"
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["before"].strip(), report
    # Greedy decoding on the same weights: the same reply after the file is gone.
    assert report["truncated"] == report["before"] == report["removed"], report
    assert "was replaced or changed" in report["told_truncated"]
    assert "was removed" in report["told_removed"]
