// The import form: files that together pass the upload limit are refused before they are
// sent. The server refuses them too (partways.web.uploads), but only once the browser has
// sent them all, which for a large export takes minutes for nothing.
(function () {
  "use strict";
  var form = document.getElementById("upload-form");
  var note = document.getElementById("upload-too-large");
  if (!form || !note) {
    return;
  }
  var input = form.querySelector('input[type="file"]');
  var most = Number(note.getAttribute("data-max-bytes"));
  if (!input || !most) {
    return;
  }

  function tooLarge() {
    var total = 0;
    for (var i = 0; i < input.files.length; i++) {
      total += input.files[i].size;
    }
    return total > most;
  }

  function show() {
    var over = tooLarge();
    note.hidden = !over;
    if (over) {
      input.setAttribute("aria-invalid", "true");
    } else {
      input.removeAttribute("aria-invalid");
    }
    return over;
  }

  input.addEventListener("change", show);
  form.addEventListener("submit", function (event) {
    if (show()) {
      event.preventDefault();
      input.focus();
    }
  });
})();
