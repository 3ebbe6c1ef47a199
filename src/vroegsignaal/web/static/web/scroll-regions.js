// A table wider than the screen (a phone) scrolls inside its container. Keyboard users must be
// able to reach and scroll it (WCAG 2.1.1), so a container that overflows becomes a focusable
// region named after its table's caption; when it fits again (a wider window) it is a plain box
// again, so a desktop page gets no extra tab stops.
(function () {
  "use strict";

  function label(box) {
    var caption = box.querySelector("caption");
    return box.dataset.regionLabel || (caption ? caption.textContent.trim() : "Tabel");
  }

  function mark() {
    document.querySelectorAll(".utrecht-table-container, .table-scroll").forEach(function (box) {
      var overflows = box.scrollWidth > box.clientWidth + 1;
      var ours = box.dataset.scrollRegion === "ja";
      if (overflows && !box.hasAttribute("tabindex")) {
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", label(box));
        box.dataset.scrollRegion = "ja";
      } else if (!overflows && ours) {
        box.removeAttribute("tabindex");
        box.removeAttribute("role");
        box.removeAttribute("aria-label");
        delete box.dataset.scrollRegion;
      }
    });
  }

  document.addEventListener("DOMContentLoaded", mark);
  window.addEventListener("resize", mark);
})();
