"""Ingest cost of the look-up tables (names, full-text index, ingested times; migrations 5-7)
and of accent folding in the index (migration 8): the same code and corpus into a store made
with the first N migrations only, and with all. workers=1, in this process, so the CPU time is
the whole cost.

    python benchmarks/corpus.py /tmp/c3k --articles 3000
    python benchmarks/bench_lookup_ingest.py /tmp/c3k /tmp/kg-no-lookups 4
    python benchmarks/bench_lookup_ingest.py /tmp/c3k /tmp/kg-unfolded 7     # before folding
    python benchmarks/bench_lookup_ingest.py /tmp/c3k /tmp/kg-lookups 0      # 0: every migration
"""

from __future__ import annotations

import os
import shutil
import sys
import time

import kg.store.schema as schema
from kg.pipeline import ingest

corpus, out, cut = sys.argv[1], sys.argv[2], int(sys.argv[3])
full = list(schema.MIGRATIONS)
schema.MIGRATIONS[:] = full[:cut] if cut else full
shutil.rmtree(out, ignore_errors=True)
t0, c0 = time.perf_counter(), time.process_time()
s = ingest([corpus], out, workers=1)
print(f"migrations {len(schema.MIGRATIONS)}: {s.articles_new} articles, "
      f"wall {time.perf_counter() - t0:.1f} s, cpu {time.process_time() - c0:.1f} s, "
      f"store {os.path.getsize(out + '/kg.sqlite') / 1e6:.1f} MB, load {os.getloadavg()[0]:.1f}")
