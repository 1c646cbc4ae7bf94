// The edit form's address preview follows what the editor types into the slug field.
(function () {
  "use strict";
  var field = document.getElementById("slug");
  var code = document.getElementById("slug-url");
  if (!field || !code) { return; }
  var prefix = code.getAttribute("data-prefix");
  var saved = code.textContent;
  function show() {
    var typed = field.value.trim();
    code.textContent = typed ? prefix + typed : saved;
  }
  field.addEventListener("input", show);
  show();
})();
