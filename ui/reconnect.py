"""After the page reconnects to the server, ask for a full rerun: a replica that never saw the session draws it.

Behind a load balancer, a replica that dies takes its sessions with it; the browser reconnects, the balancer
sends it to another replica, and that replica opens a new, empty session. Streamlit's page does not ask the
new session to run the script after a reconnect (it expects its old session to be resumed), so the page
would look unchanged but no lever would do anything: a lever's fragment rerun is dropped by a session that
never ran the page. The script below watches for a reconnected socket and presses Streamlit's documented
rerun shortcut (R) once it is open: the new session runs the page with the browser's widget values and its
address, which carries the scenario. If the server sends nothing back within a few seconds, the page is
reloaded from its address instead. On a replica that still holds the session the rerun is harmless.
"""

from __future__ import annotations

import streamlit as st

RERUN_DELAY_MS = 1000  # let Streamlit's own open handler mark the connection live first
RELOAD_AFTER_MS = 8000  # no answer to the rerun: reload the page from its address

_SCRIPT = """<script>
(() => {
  if (window.__hamkorlikReconnect) return;
  window.__hamkorlikReconnect = true;
  const Native = window.WebSocket;
  const rerun = () => {
    const init = {key: "r", code: "KeyR", keyCode: 82, which: 82, bubbles: true};
    document.dispatchEvent(new KeyboardEvent("keydown", init));
    document.dispatchEvent(new KeyboardEvent("keyup", init));
  };
  // This runs after the page's first socket exists: every stream socket created from now on is a reconnect.
  window.WebSocket = class extends Native {
    constructor(url, protocols) {
      super(url, protocols);
      if (!String(url).includes("/_stcore/stream")) return;
      let answered = false;
      this.addEventListener("message", () => { answered = true; });
      this.addEventListener("open", () => {
        setTimeout(rerun, RERUN_MS);
        setTimeout(() => { if (!answered && this.readyState === Native.OPEN) window.location.reload(); }, RELOAD_MS);
      });
    }
  };
})();
</script>""".replace("RERUN_MS", str(RERUN_DELAY_MS)).replace("RELOAD_MS", str(RELOAD_AFTER_MS))


def rerun_after_reconnect() -> None:
    """Install the reconnect watcher in the page (once per page load; later runs find it installed)."""
    st.html(_SCRIPT, unsafe_allow_javascript=True)
