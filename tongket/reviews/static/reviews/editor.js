// The draft editor: a contenteditable area with a small toolbar. Pasted Word content keeps its
// headings, lists and tables; the server sanitises whatever arrives (nh3), so nothing here is trusted.
(function () {
  "use strict";
  var editor = document.getElementById("editor");
  var form = document.getElementById("draft-form");
  if (!editor || !form) { return; }
  var field = form.querySelector("textarea[name=html]");
  document.execCommand("defaultParagraphSeparator", false, "p");

  form.querySelectorAll("[data-command]").forEach(function (button) {
    button.addEventListener("click", function () {
      editor.focus();
      document.execCommand(button.dataset.command, false, null);
    });
  });
  form.querySelectorAll("[data-block]").forEach(function (button) {
    button.addEventListener("click", function () {
      editor.focus();
      document.execCommand("formatBlock", false, "<" + button.dataset.block + ">");
    });
  });
  form.querySelectorAll("[data-table]").forEach(function (button) {
    button.addEventListener("click", function () {
      editor.focus();
      var cells = "<td>&nbsp;</td><td>&nbsp;</td><td>&nbsp;</td>";
      document.execCommand("insertHTML", false,
        "<table><tbody><tr>" + cells + "</tr><tr>" + cells + "</tr></tbody></table><p><br></p>");
    });
  });

  // Word's clipboard HTML carries styles, classes and conditional comments: keep the structure only.
  // Elements are rebuilt from an allow-list, so pasted scripts and handlers never reach the page.
  var KEEP = {P: "p", H1: "h2", H2: "h3", H3: "h4", H4: "h4", H5: "h4", H6: "h4", UL: "ul", OL: "ol", LI: "li",
    TABLE: "table", THEAD: "thead", TBODY: "tbody", TR: "tr", TH: "th", TD: "td", B: "b", STRONG: "b",
    I: "i", EM: "i", U: "u", BR: "br"};
  var DROP = {SCRIPT: 1, STYLE: 1, META: 1, LINK: 1, TITLE: 1, XML: 1, TEMPLATE: 1, IFRAME: 1, OBJECT: 1};
  function style(element) { return (element.getAttribute("style") || "").replace(/\s+/g, "").toLowerCase(); }
  // Word writes list items as paragraphs (class MsoListParagraph…, style mso-list:l0 level1) whose
  // marker ("·", "1.", "a)") sits in a span styled mso-list:Ignore. Rebuild them as real lists.
  function wordListMarker(element) {
    var marker = null;
    element.querySelectorAll("span").forEach(function (span) {
      if (marker === null && style(span).indexOf("mso-list:ignore") >= 0) { marker = span.textContent; }
    });
    return marker;
  }
  function isWordListItem(element) {
    return element.tagName === "P" && (/MsoListParagraph/.test(element.className || "") || style(element).indexOf("mso-list:l") >= 0);
  }
  function clean(node, out) {
    node.childNodes.forEach(function (child) {
      if (child.nodeType === 3) { out.appendChild(document.createTextNode(child.textContent)); return; }
      if (child.nodeType !== 1 || DROP[child.tagName]) { return; }
      if (style(child).indexOf("mso-list:ignore") >= 0) { return; }  // Word's typed list marker
      if (isWordListItem(child)) {
        var marker = (wordListMarker(child) || "").trim();
        var kind = /^[0-9a-zA-Z]{1,3}[.)]$/.test(marker) ? "ol" : "ul";
        var list = out.lastChild;
        if (!list || list.nodeType !== 1 || list.tagName.toLowerCase() !== kind || !list.dataset.word) {
          list = document.createElement(kind);
          list.dataset.word = "1";
          out.appendChild(list);
        }
        var item = document.createElement("li");
        clean(child, item);
        list.appendChild(item);
        return;
      }
      var tag = KEEP[child.tagName];
      if (tag) {
        var element = document.createElement(tag);
        ["colspan", "rowspan"].forEach(function (name) {
          if ((tag === "td" || tag === "th") && child.getAttribute(name)) { element.setAttribute(name, child.getAttribute(name)); }
        });
        clean(child, element);
        out.appendChild(element);
      } else {
        clean(child, out);
      }
    });
  }
  editor.addEventListener("paste", function (event) {
    var data = event.clipboardData;
    if (!data) { return; }
    var html = data.getData("text/html");
    if (!html) { return; }  // plain text: the browser inserts it as text
    event.preventDefault();
    var parsed = new DOMParser().parseFromString(html, "text/html");
    var container = document.createElement("div");
    clean(parsed.body, container);
    container.querySelectorAll("[data-word]").forEach(function (list) { list.removeAttribute("data-word"); });
    document.execCommand("insertHTML", false, container.innerHTML);
  });

  form.addEventListener("submit", function () { field.value = editor.innerHTML; });
})();
