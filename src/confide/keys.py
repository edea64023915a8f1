"""Keys that stay in the explorer, and a zoomed diagram that keeps the current node in view.

In JupyterLab, keys pressed while a widget has focus also reach the notebook's shortcuts: ``d d``
deletes the cell, arrows move between cells (a known ipywidgets limitation). This small front-end
widget (anywidget) marks the explorer's root element with Lumino's ``data-lm-suppress-shortcuts``
attribute, which Lab's shortcut matcher honours for every key pressed inside it, and sends the
explorer's own keys to the kernel. Typing into a text field, a date or a list keeps its keys.

anywidget is optional (the ``lab`` extra; the offline site goes without): ``catcher`` returns
None when it is missing, and the explorer then works with the mouse and Tab/Space as before.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable

# key (as the browser names it) -> what the explorer does
KEYS: dict[str, str] = {
    "ArrowRight": "next", "PageDown": "next", "n": "next",
    "ArrowLeft": "previous", "PageUp": "previous", "p": "previous",
    "t": "view", "f": "presenter", "Escape": "leave",
}

HELP = ("Keys (click inside the explorer first): → or n next step · ← or p previous · t the path or "
        "the whole tree · f presenter mode · Esc leaves it. Tab and Space reach every control.")

_ESM = """
const KEYS = %s;
const OWN_KEYS = "input:not([type=checkbox]):not([type=radio]):not([type=button]), textarea, select, " +
                 "[contenteditable=true], .widget-slider, .widget-dropdown";
export default {
  render({ model, el }) {
    let root = null, tries = 0;
    const onKey = (event) => {
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      if (event.target.closest && event.target.closest(OWN_KEYS)) return;  // the control's own keys
      const action = KEYS[event.key];
      if (!action) return;
      event.preventDefault();
      event.stopPropagation();
      model.send({ key: action });
    };
    const onFocus = (event) => event.target.setAttribute("data-lm-suppress-shortcuts", "true");
    // Bring a diagram node into the middle of the diagram's own scrolling box (not the page).
    const follow = () => {
      const id = (model.get("focus") || "").split("#")[0];
      const node = id && root && root.querySelector(`.confide-diagram [id="${CSS.escape(id)}"]`);
      if (!node) return;
      let box = node.parentElement;
      while (box && box !== root) {
        const style = getComputedStyle(box);
        if (/(auto|scroll)/.test(style.overflow + style.overflowX + style.overflowY) &&
            (box.scrollHeight > box.clientHeight + 1 || box.scrollWidth > box.clientWidth + 1)) break;
        box = box.parentElement;
      }
      if (!box || box === root) return;
      const n = node.getBoundingClientRect(), b = box.getBoundingClientRect();
      box.scrollBy({ left: n.left + n.width / 2 - b.left - b.width / 2,
                     top: n.top + n.height / 2 - b.top - b.height / 2 });
    };
    model.on("change:focus", () => requestAnimationFrame(follow));
    const attach = () => {
      root = el.closest(".confide");
      if (!root) { if (tries++ < 600) requestAnimationFrame(attach); return; }
      // Lumino skips shortcuts for a key whose target, or an ancestor met before a selector
      // matches, carries the attribute; a focused control matches Lab's command-mode selectors
      // itself, so the attribute goes on the root and on whatever inside it takes focus.
      root.setAttribute("data-lm-suppress-shortcuts", "true");
      if (!root.hasAttribute("tabindex")) root.tabIndex = -1;  // clicking its background focuses it
      root.addEventListener("focusin", onFocus);
      root.addEventListener("keydown", onKey);
    };
    attach();
    return () => {
      if (root) { root.removeEventListener("keydown", onKey); root.removeEventListener("focusin", onFocus); }
    };
  }
};
"""


@functools.cache
def _widget_class():  # noqa: ANN202
    try:
        import anywidget
    except ImportError:
        return None

    import traitlets

    class KeyCatcher(anywidget.AnyWidget):
        _esm = _ESM % json.dumps(KEYS)
        # "node-<id>#<n>": the diagram node to bring into view (n makes a repeat a change)
        focus = traitlets.Unicode("").tag(sync=True)

    return KeyCatcher


def catcher(on_key: Callable[[str], None]):  # noqa: ANN201 - an anywidget.AnyWidget, or None
    """A hidden widget that routes the explorer's keys to ``on_key(action)``; None without anywidget."""
    cls = _widget_class()
    if cls is None:
        return None
    widget = cls()
    widget.on_msg(lambda _widget, content, _buffers: on_key(str(content.get("key", ""))))
    widget.layout.display = "none"
    return widget
