"""The plugin manager and the typed facade the rest of the package uses.

Nothing outside this package calls ``pm.hook``: the loaders, the API and the
engine ask a `Registry` for rule kinds, criteria files and tie policies, and
hand its methods (`finish`, `tie_break`, ...) to the engine as plain callables.

Plugins come from four places, loaded in this order (a later plugin's answer
wins for the hooks that take the first answer, as in pluggy):

1. the core itself (`_builtin_plugin`), through the same hooks as any plugin;
2. installed distributions with an entry point in the group ``cchc_score``;
3. the ``plugins`` list of a project config file in the current directory
   (``cchc-score.toml``, or ``[tool.cchc-score]`` in ``pyproject.toml``);
4. files or modules given with ``--plugin``.

``--no-plugins`` or ``CCHC_SCORE_DISABLE_PLUGINS=1`` skip 2 and 3. A plugin
that fails to import, implements an unknown hook or registers something
invalid is reported by name (a `PluginProblem`) and skipped, and everything
else works; a hook that raises while scoring is reported with the unit it was
called for and that one call is skipped. In strict mode any problem raises
`PluginFailed` instead.

The modules, each one responsibility, read in this order:

- `_containment`: the guard around every call into plugin code, and the
  `PluginProblem` / `PluginFailed` it reports;
- `_loading`: where plugins come from and how each is registered;
- `_registrations`: the rule kinds, criteria files and tie policies they
  register, collected and checked plugin by plugin;
- `_facade`: `Registry`, the typed methods the rest of the package calls;
- `_setup`: the registry of a command, of the Python API, of a test;
- `_helpers`: functions for plugins that adjust results.
"""

from ._containment import PluginFailed, PluginInterrupted, PluginProblem, ProblemHandler
from ._facade import Registry
from ._helpers import mark_not_applicable, with_outcomes
from ._loading import (
    BUILTIN_NAME,
    CONFIG_FILE,
    DISABLE_ENV,
    GROUP,
    PluginInfo,
    Source,
    plugins_disabled,
    project_plugins,
)
from ._registrations import REGISTRATION_HOOKS
from ._setup import default_registry, plugin_registered, registry_for, render_plugins

__all__ = [
    "BUILTIN_NAME",
    "CONFIG_FILE",
    "DISABLE_ENV",
    "GROUP",
    "REGISTRATION_HOOKS",
    "PluginFailed",
    "PluginInfo",
    "PluginInterrupted",
    "PluginProblem",
    "ProblemHandler",
    "Registry",
    "Source",
    "default_registry",
    "mark_not_applicable",
    "plugin_registered",
    "plugins_disabled",
    "project_plugins",
    "registry_for",
    "render_plugins",
    "with_outcomes",
]
