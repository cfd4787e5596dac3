// Copy buttons: <button data-copy="ID" data-copied="Copied"> copies the text of element ID.
// Hidden without JavaScript or a clipboard; the text stays selectable either way.
(function () {
  "use strict";
  if (!navigator.clipboard) return;
  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    var target = document.getElementById(button.dataset.copy);
    if (!target) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      var status = button.closest("section").querySelector("[data-copy-status]");
      navigator.clipboard.writeText(target.textContent.trim()).then(function () {
        if (status) status.textContent = button.dataset.copied;
      });
    });
  });
})();
