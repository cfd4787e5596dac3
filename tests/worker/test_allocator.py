"""The C allocator of long-running processes (decision 65): arenas capped before the threads
start, unless the operator chose a number; free memory given back between scheduler passes."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

# Threads that allocate C buffers at once (bytes objects past pymalloc's 512 bytes go to
# malloc), then the number of arenas glibc made, from malloc_info's XML.
CHILD = """
import ctypes, ctypes.util, re, sys, tempfile, threading
from newsdesk.worker.allocator import cap_arenas, give_back
capped = cap_arenas() if sys.argv[1] == "cap" else False
barrier = threading.Barrier(8)
def work():
    barrier.wait()
    for _ in range(2000):
        kept = [bytes(4096 + n) for n in range(20)]
        del kept
threads = [threading.Thread(target=work) for _ in range(8)]
for t in threads: t.start()
for t in threads: t.join()
give_back()
libc = ctypes.CDLL(ctypes.util.find_library("c"))
libc.fopen.restype = ctypes.c_void_p
libc.fopen.argtypes = [ctypes.c_char_p, ctypes.c_char_p]
libc.malloc_info.argtypes = [ctypes.c_int, ctypes.c_void_p]
libc.fclose.argtypes = [ctypes.c_void_p]
with tempfile.NamedTemporaryFile(suffix=".xml") as out:
    stream = libc.fopen(out.name.encode(), b"w")
    libc.malloc_info(0, stream)
    libc.fclose(stream)
    arenas = len(re.findall(r'<heap nr="', open(out.name).read()))
print(capped, arenas)
"""


def arenas(mode: str, chosen: str = "") -> tuple[str, int]:
    environment = {k: v for k, v in os.environ.items() if k != "MALLOC_ARENA_MAX"}
    if chosen:
        environment["MALLOC_ARENA_MAX"] = chosen
    done = subprocess.run(
        [sys.executable, "-c", CHILD, mode],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    capped, count = done.stdout.split()
    return capped, int(count)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's allocator")
def test_arenas_are_capped_unless_the_operator_chose() -> None:
    capped, count = arenas("cap")
    assert capped == "True" and count <= 2
    _, free = arenas("free")
    assert free > 2  # what the cap prevents: an arena per thread that allocated at once
    operators, _ = arenas("cap", chosen="4")
    assert operators == "False"  # the operator's number stands
