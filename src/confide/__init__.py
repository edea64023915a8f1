"""Confide: when must, may or must not a psychotherapist disclose what a client said?

Educational material, not legal advice.
"""

from .evaluate import Result, evaluate, flips
from .library import Library, load_library
from .model import NOT_LEGAL_ADVICE, VERDICTS

__all__ = ["NOT_LEGAL_ADVICE", "VERDICTS", "Library", "Result", "evaluate", "flips", "load_library",
           "explore", "compare", "class_chart"]
__version__ = "0.1.0"


def explore(case: str | None = None, **kwargs):
    """The explorer UI (imports ipywidgets only when called)."""
    from .explorer import explore as _explore

    return _explore(case, **kwargs)


def compare(case: str, jurisdictions: list[str] | None = None, **kwargs):
    from .comparison import compare as _compare

    return _compare(case, jurisdictions, **kwargs)


def class_chart(folder, library: Library | None = None):  # noqa: ANN001, ANN201
    """A bar chart, per step, of how a class predicted against the verdict (a folder of exports)."""
    from .predictions import class_chart as _class_chart

    return _class_chart(folder, library)
