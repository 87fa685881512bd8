// Dossier: the only script. Clicking a kind in the legend hides or shows its highlights.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  var text = document.getElementById("text");
  document.querySelectorAll(".legend .fact").forEach(function (el) {
    var kind = Array.prototype.find.call(el.classList, function (c) { return c.indexOf("f-") === 0; });
    if (!text || !kind) { return; }
    el.setAttribute("role", "button");
    el.setAttribute("tabindex", "0");
    el.title = "Show or hide these highlights";
    el.addEventListener("click", function () {
      el.classList.toggle("off");
      text.classList.toggle("hide-" + kind);
    });
  });
});
