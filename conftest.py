"""Hypothesis profiles for every test in this repository: the core's
(`tests/`) and the bundled plugins' (`plugins/*/tests/`).

- ``ci`` (the default, whatever the machine): derandomised, so a fresh clone
  runs exactly the same examples and passes or fails the same way every
  time; no example database (a failure stored by an earlier run must not
  change the outcome); no deadline (the machine is shared); on failure it
  prints the ``@reproduce_failure`` blob.
- ``dev``: random seeds and the local example database in ``.hypothesis/``,
  Hypothesis's default count; for a developer who wants a little exploration
  on each run (``HYPOTHESIS_PROFILE=dev make test``).
- ``fuzz``: random seeds, many examples (``FUZZ_EXAMPLES``, default 1000) and
  the example database, used by ``make fuzz`` (``tests/fuzz.py``).

Pick one with ``HYPOTHESIS_PROFILE=<name>`` or pytest's
``--hypothesis-profile=<name>``. A test's own ``@settings(max_examples=...)``
still sets its count in every profile. See CONTRIBUTING.md, "Property tests".
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, Phase, settings

_COMMON = {"deadline": None, "print_blob": True,
           "suppress_health_check": [HealthCheck.too_slow]}

settings.register_profile("ci", derandomize=True, database=None, **_COMMON)
settings.register_profile("dev", derandomize=False, **_COMMON)
settings.register_profile(
    "fuzz", derandomize=False, max_examples=int(os.environ.get("FUZZ_EXAMPLES", "1000")),
    # "explain" reruns the failing example many times: the runner reports
    # failures as reproducible cases instead
    phases=[p for p in Phase if p is not Phase.explain], **_COMMON)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
