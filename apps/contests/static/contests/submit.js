// Before a large file is sent over a slow connection: say at once that it is too large, and
// keep a second click from sending the form twice (the server also finds the first entry).
(function () {
  var form = document.getElementById("entry-form");
  if (!form) return;
  var input = form.querySelector("input[type=file]");
  var limit = parseInt(form.getAttribute("data-max-bytes"), 10);
  function tooBig() {
    return input && input.files && input.files[0] && limit && input.files[0].size > limit;
  }
  if (input) {
    input.addEventListener("change", function () {
      input.setCustomValidity(tooBig() ? form.getAttribute("data-too-big") : "");
      if (tooBig()) input.reportValidity();
    });
  }
  var sent = false;
  form.addEventListener("submit", function (event) {
    if (tooBig()) {
      event.preventDefault();
      input.reportValidity();
      return;
    }
    if (sent) event.preventDefault();
    sent = true;
  });
  window.addEventListener("pageshow", function () { sent = false; });
})();
