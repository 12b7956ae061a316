// The "import targets from text" page: show the new-indicator fields only when "create" is chosen,
// grey out dropped rows, and light up a row's words in the text while the row has the focus.
(function () {
  "use strict";
  function update(row) {
    var select = row.querySelector("select[data-field='indicator']");
    var fields = row.querySelector(".new-indicator");
    if (select && fields) { fields.hidden = select.value !== "new"; }
    var keep = row.querySelector("input[data-field='keep']");
    if (keep) { row.classList.toggle("dropped", !keep.checked); }
  }
  function light(row, on) {
    var mark = document.getElementById("src-" + row.dataset.row);
    if (!mark) { return; }
    mark.classList.toggle("active", on);
    var box = mark.closest(".source-text");
    if (on && box) {
      // Scroll the text box only, not the page, so that the row being edited stays in view.
      box.scrollTop += mark.getBoundingClientRect().top - box.getBoundingClientRect().top - box.clientHeight / 3;
    }
  }
  document.querySelectorAll("tr.proposed-row").forEach(function (row) {
    update(row);
    row.addEventListener("change", function () { update(row); });
    row.addEventListener("focusin", function () { light(row, true); });
    row.addEventListener("focusout", function () { light(row, false); });
  });
})();
