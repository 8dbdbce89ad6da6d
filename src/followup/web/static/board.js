// Drag and drop on the board, on top of the "Move to" forms that work without it:
// dropping a card on a column picks that column in the card's form and submits it.
(function () {
  "use strict";
  var dragged = null;
  document.querySelectorAll(".board-card").forEach(function (card) {
    card.addEventListener("dragstart", function (event) {
      dragged = card;
      event.dataTransfer.setData("text/plain", card.dataset.app);
      event.dataTransfer.effectAllowed = "move";
    });
    card.addEventListener("dragend", function () { dragged = null; });
  });
  document.querySelectorAll(".column").forEach(function (column) {
    column.addEventListener("dragover", function (event) {
      if (dragged) { event.preventDefault(); column.classList.add("drop"); }
    });
    column.addEventListener("dragleave", function () { column.classList.remove("drop"); });
    column.addEventListener("drop", function (event) {
      event.preventDefault();
      column.classList.remove("drop");
      if (!dragged || dragged.closest(".column") === column) { return; }
      var form = dragged.querySelector("form.move");
      form.querySelector("select").value = column.dataset.move;
      form.submit();
    });
  });
})();
