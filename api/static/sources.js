// Enhances the sources page: drag and drop, upload with progress, delete after a confirmation dialog, and
// the API key kept for the browser session (sessionStorage, never the URL) to list, upload and delete.
"use strict";
(function () {
  var KEY_NAME = "factcheck-api-key";
  var PAGE_SIZE = 50;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function storedKey() {
    try { return window.sessionStorage.getItem(KEY_NAME) || ""; } catch (e) { return ""; }
  }

  function keepKey(key) {
    try { if (key) window.sessionStorage.setItem(KEY_NAME, key); } catch (e) { /* storage off: typed each time */ }
  }

  function errorMessage(status, text) {
    try {
      var body = JSON.parse(text);
      if (body && body.error && body.error.message) return body.error.message;
    } catch (e) { /* not JSON: fall through to the status line */ }
    return "The server answered " + status + ".";
  }

  function safeUrl(url) {
    var trimmed = String(url || "").trim();
    return /^https?:\/\//i.test(trimmed) ? trimmed : null;
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
    var keyForm = document.getElementById("key-form");
    var sessionKey = document.getElementById("session-key");
    var stored = document.getElementById("stored");
    var dialog = document.getElementById("confirm-delete");
    var readsNeedKey = keyForm && keyForm.getAttribute("data-reads-need-key") === "true";
    var writesNeedKey = keyForm && keyForm.getAttribute("data-writes-need-key") === "true";

    function showError(message) { notice.hidden = true; errorBox.textContent = message; errorBox.hidden = false; }
    function showNotice(message) { errorBox.hidden = true; notice.textContent = message; notice.hidden = false; }
    function currentKey() { return (sessionKey && sessionKey.value) || (keyInput && keyInput.value) || storedKey(); }
    function authHeader(key) { return key ? "Bearer " + key : null; }

    // The key form keeps the key for the session; with this script it is useful for writes too.
    if (keyForm && (readsNeedKey || writesNeedKey)) keyForm.hidden = false;
    if (storedKey()) {
      if (sessionKey) sessionKey.value = storedKey();
      if (keyInput && !keyInput.value) keyInput.value = storedKey();
    }

    function setTotal(total) {
      var heading = document.getElementById("stored-title");
      var count = document.getElementById("total");
      if (!count) {
        var wrap = el("span", "count");
        count = el("span");
        count.id = "total";
        wrap.append("(", count, ")");
        heading.append(" ", wrap);
      }
      count.textContent = String(total);
    }

    function row(doc) {
      var name = doc.title || doc.id;
      var tr = el("tr");
      tr.setAttribute("data-id", doc.id);
      var title = el("td");
      var link = safeUrl(doc.url);
      if (link) {
        var a = el("a", null, name);
        a.href = link;
        a.rel = "noopener noreferrer nofollow";
        a.target = "_blank";
        title.appendChild(a);
      } else {
        title.appendChild(document.createTextNode(name));
      }
      title.appendChild(el("div", "doc-id", doc.id));
      var actions = el("td");
      var deleteForm = el("form", "delete-form");
      deleteForm.method = "post";
      deleteForm.action = "/sources/delete";
      deleteForm.setAttribute("data-name", name);
      deleteForm.setAttribute("data-passages", String(doc.passages));
      var id = el("input");
      id.type = "hidden";
      id.name = "id";
      id.value = doc.id;
      var remove = el("button", "danger", "Delete");
      remove.type = "submit";
      remove.setAttribute("aria-label", "Delete " + name);
      deleteForm.append(id, remove);
      actions.appendChild(deleteForm);
      tr.append(title, el("td", null, doc.speaker || "—"), el("td", null, doc.date || "—"),
        el("td", "num-cell", String(doc.passages)), actions);
      return tr;
    }

    function showDocuments(page) {
      Array.prototype.slice.call(stored.children).forEach(function (child) {
        if (child.id !== "stored-title") child.remove();
      });
      setTotal(page.total);
      if (!page.documents.length) {
        stored.appendChild(el("p", "none", "No documents yet. Upload a file above, or run factcheck ingest."));
        return;
      }
      var table = el("table", "sources");
      var head = el("tr");
      ["Title", "Speaker", "Date", "Passages"].forEach(function (name) {
        var th = el("th", null, name);
        th.scope = "col";
        head.appendChild(th);
      });
      var actionsHead = el("th");
      actionsHead.scope = "col";
      actionsHead.appendChild(el("span", "visually-hidden", "Actions"));
      head.appendChild(actionsHead);
      var thead = el("thead");
      thead.appendChild(head);
      var body = el("tbody");
      page.documents.forEach(function (doc) { body.appendChild(row(doc)); });
      table.append(thead, body);
      var wrap = el("div", "table-wrap");
      wrap.appendChild(table);
      stored.appendChild(wrap);
      var pager = el("nav", "pager");
      pager.setAttribute("aria-label", "Pages");
      if (page.offset > 0) pager.appendChild(pageButton("← Previous", Math.max(0, page.offset - PAGE_SIZE)));
      pager.appendChild(el("span", null, (page.offset + 1) + "–" + (page.offset + page.documents.length) + " of " + page.total));
      if (page.offset + PAGE_SIZE < page.total) pager.appendChild(pageButton("Next →", page.offset + PAGE_SIZE));
      stored.appendChild(pager);
    }

    function pageButton(label, offset) {
      var b = el("button", "link-button", label);
      b.type = "button";
      b.addEventListener("click", function () { loadDocuments(offset); });
      return b;
    }

    var warningsBox = document.getElementById("upload-warnings");
    var advice = (function () {
      try { return JSON.parse(warningsBox.getAttribute("data-advice") || "{}"); } catch (e) { return {}; }
    })();

    function showWarnings(details) {
      var list = warningsBox.querySelector("ul");
      list.replaceChildren();
      details.forEach(function (w) {
        var item = el("li", null, w.message);
        item.setAttribute("data-kind", w.kind);
        if (advice[w.kind]) item.appendChild(el("span", "advice", advice[w.kind]));
        list.appendChild(item);
      });
      warningsBox.hidden = false;
    }

    // The list from the JSON API (with the session's key when reads need one).
    function loadDocuments(offset) {
      var key = currentKey();
      if (!key && readsNeedKey) return;
      var headers = { "Accept": "application/json" };
      if (key) headers.Authorization = authHeader(key);
      fetch("/v1/sources?limit=" + PAGE_SIZE + "&offset=" + offset, { headers: headers })
        .then(function (response) {
          return response.text().then(function (text) {
            if (!response.ok) { showError(errorMessage(response.status, text)); return; }
            keepKey(key);
            errorBox.hidden = true;
            showDocuments(JSON.parse(text));
          });
        })
        .catch(function () { showError("Could not reach the server. Check that it is running and try again."); });
    }

    if (keyForm) {
      keyForm.addEventListener("submit", function (event) {
        event.preventDefault();
        if (!sessionKey.value) { showError("Type the API key first."); sessionKey.focus(); return; }
        if (keyInput) keyInput.value = sessionKey.value;
        if (readsNeedKey) loadDocuments(0);
        else { keepKey(sessionKey.value); showNotice("The key is kept for this browser session."); }
      });
    }
    if (readsNeedKey && storedKey()) loadDocuments(0);

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
      var key = currentKey();
      if (key) request.setRequestHeader("Authorization", authHeader(key));
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
          keepKey(key);
          var body = JSON.parse(request.responseText);
          var added = body.report.documents_added + body.report.documents_replaced + (body.report.documents_updated || 0);
          var details = body.warning_details || [];
          if (!details.length) {
            window.location.assign("/sources?added=" + added + "&skipped=" + body.report.documents_skipped);
            return;
          }
          // Warnings stay on screen, each with what to do about it; the list below is read again.
          showNotice("Added " + added + " document(s)" +
            (body.report.documents_skipped ? "; " + body.report.documents_skipped + " already stored." : "."));
          showWarnings(details);
          loadDocuments(0);
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

    function remove(deleteForm) {
      var id = deleteForm.querySelector("input[name=id]").value;
      var headers = { "Accept": "application/json" };
      var key = currentKey();
      if (key) headers.Authorization = authHeader(key);
      var tableRow = deleteForm.closest("tr");
      fetch("/v1/sources/" + encodeURIComponent(id), { method: "DELETE", headers: headers })
        .then(function (response) {
          if (response.status === 204) {
            keepKey(key);
            tableRow.remove();
            var total = document.getElementById("total");
            if (total) total.textContent = String(Math.max(0, parseInt(total.textContent, 10) - 1));
            showNotice("Document deleted.");
            return;
          }
          return response.text().then(function (text) { showError(errorMessage(response.status, text)); });
        })
        .catch(function () { showError("Could not reach the server. Check that it is running and try again."); });
    }

    // Rows may be drawn by this script, so deletes are caught where they bubble to.
    document.addEventListener("submit", function (event) {
      var deleteForm = event.target;
      if (!(deleteForm instanceof HTMLFormElement) || !deleteForm.classList.contains("delete-form")) return;
      event.preventDefault();
      if (!dialog || typeof dialog.showModal !== "function") { remove(deleteForm); return; }
      var passages = deleteForm.getAttribute("data-passages");
      document.getElementById("confirm-delete-text").textContent =
        "Delete “" + deleteForm.getAttribute("data-name") + "”? Its " + passages +
        " passage(s) leave the store, and checks will no longer find them.";
      dialog.returnValue = "";
      dialog.onclose = function () { if (dialog.returnValue === "delete") remove(deleteForm); };
      dialog.showModal();
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
