// Enhances the sources page: drag and drop, upload with progress, delete without a page reload.
"use strict";
(function () {
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function errorMessage(status, text) {
    try {
      var body = JSON.parse(text);
      if (body && body.error && body.error.message) return body.error.message;
    } catch (e) { /* not JSON: fall through to the status line */ }
    return "The server answered " + status + ".";
  }

  function init() {
    var form = document.getElementById("upload-form");
    if (!form) return;
    var input = document.getElementById("file");
    var zone = document.getElementById("drop-zone");
    var list = document.getElementById("file-list");
    var button = document.getElementById("upload-button");
    var progress = document.getElementById("progress");
    var progressText = document.getElementById("progress-text");
    var errorBox = document.getElementById("error");
    var notice = document.getElementById("notice");
    var keyInput = document.getElementById("api_key");

    function showError(message) { notice.hidden = true; errorBox.textContent = message; errorBox.hidden = false; }
    function showNotice(message) { errorBox.hidden = true; notice.textContent = message; notice.hidden = false; }
    function authHeader(key) { return key ? "Bearer " + key : null; }

    function listFiles() {
      list.replaceChildren();
      Array.prototype.forEach.call(input.files, function (file) {
        list.appendChild(el("li", null, file.name + " (" + Math.max(1, Math.round(file.size / 1024)) + " KB)"));
      });
    }
    input.addEventListener("change", listFiles);

    ["dragenter", "dragover"].forEach(function (name) {
      zone.addEventListener(name, function (event) { event.preventDefault(); zone.classList.add("dragging"); });
    });
    ["dragleave", "drop"].forEach(function (name) {
      zone.addEventListener(name, function (event) { event.preventDefault(); zone.classList.remove("dragging"); });
    });
    zone.addEventListener("drop", function (event) {
      if (event.dataTransfer && event.dataTransfer.files.length) {
        input.files = event.dataTransfer.files;
        listFiles();
      }
    });

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (!input.files.length) { showError("Choose at least one file to upload."); input.focus(); return; }
      var data = new FormData(form);
      data.delete("api_key");
      var request = new XMLHttpRequest();
      request.open("POST", "/v1/sources");
      request.setRequestHeader("Accept", "application/json");
      var auth = authHeader(keyInput && keyInput.value);
      if (auth) request.setRequestHeader("Authorization", auth);
      button.disabled = true;
      progress.hidden = false;
      progressText.textContent = "Uploading…";
      request.upload.addEventListener("progress", function (e) {
        if (e.lengthComputable) {
          var pct = Math.round((e.loaded / e.total) * 100);
          progressText.textContent = pct < 100 ? "Uploading… " + pct + "%" : "Indexing passages…";
        }
      });
      request.addEventListener("load", function () {
        button.disabled = false;
        progress.hidden = true;
        if (request.status >= 200 && request.status < 300) {
          var body = JSON.parse(request.responseText);
          var added = body.report.documents_added + body.report.documents_replaced;
          window.location.assign("/sources?added=" + added + "&skipped=" + body.report.documents_skipped);
        } else {
          showError(errorMessage(request.status, request.responseText));
        }
      });
      request.addEventListener("error", function () {
        button.disabled = false;
        progress.hidden = true;
        showError("Could not reach the server. Check that it is running and try again.");
      });
      request.send(data);
    });

    document.querySelectorAll("form.delete-form").forEach(function (deleteForm) {
      deleteForm.addEventListener("submit", function (event) {
        event.preventDefault();
        var id = deleteForm.querySelector("input[name=id]").value;
        var rowKey = deleteForm.querySelector("input[name=api_key]");
        var headers = { "Accept": "application/json" };
        var auth = authHeader((rowKey && rowKey.value) || (keyInput && keyInput.value));
        if (auth) headers.Authorization = auth;
        var row = deleteForm.closest("tr");
        fetch("/v1/sources/" + encodeURIComponent(id), { method: "DELETE", headers: headers })
          .then(function (response) {
            if (response.status === 204) {
              row.remove();
              var total = document.getElementById("total");
              total.textContent = String(Math.max(0, parseInt(total.textContent, 10) - 1));
              showNotice("Document deleted.");
              return;
            }
            return response.text().then(function (text) { showError(errorMessage(response.status, text)); });
          })
          .catch(function () { showError("Could not reach the server. Check that it is running and try again."); });
      });
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
