// The newsroom works without this file; it only saves round trips.
"use strict";

// Hero image upload from the story editor: sends the file without leaving
// the page (so unsaved edits stay), then adds it to the hero list and
// chooses it.
document.addEventListener("DOMContentLoaded", () => {
  const form = document.querySelector("[data-hero-upload]");
  const select = document.querySelector("[data-hero]");
  const preview = document.querySelector("[data-hero-preview]");
  const status = document.querySelector("[data-upload-status]");
  if (select && preview) {
    select.addEventListener("change", () => {
      const thumb = select.selectedOptions[0] && select.selectedOptions[0].dataset.thumb;
      preview.hidden = !thumb;
      if (thumb) preview.src = thumb;
    });
  }
  if (!form || !select) return;
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const file = data.get("file");
    if (!file || !file.name) {
      status.textContent = "Choose an image file first.";
      return;
    }
    const buttons = document.querySelectorAll('button[form="hero-upload"]');
    buttons.forEach((b) => { b.disabled = true; });
    status.textContent = "Uploading " + file.name + "…";
    try {
      const response = await fetch(form.action, {
        method: "POST",
        body: data,
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      });
      const body = await response.json().catch(() => ({}));
      if (!response.ok) {
        status.textContent = body.error || "The upload failed (" + response.status + ").";
        return;
      }
      const option = new Option((body.alt || body.name + " (no alt text)") + " — " + body.name, String(body.id), true, true);
      option.dataset.thumb = body.thumb;
      select.add(option, 1);
      select.dispatchEvent(new Event("change"));
      document.querySelectorAll('[form="hero-upload"]').forEach((el) => {
        if (el.tagName === "INPUT") el.value = "";
      });
      status.textContent = "Uploaded and chosen as the hero image. Save the story to keep it.";
    } catch (err) {
      status.textContent = "The upload failed: " + err.message;
    } finally {
      buttons.forEach((b) => { b.disabled = false; });
    }
  });
});

// Curated lists: drag a story to its new place; the whole order is then
// posted (the arrow buttons do the same one step at a time without this).
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("[data-sortable]").forEach((list) => {
    let dragged = null;
    list.addEventListener("dragstart", (e) => {
      dragged = e.target.closest("li");
      if (dragged) dragged.classList.add("dragging");
    });
    list.addEventListener("dragover", (e) => {
      e.preventDefault();
      const over = e.target.closest("li");
      if (!dragged || !over || over === dragged) return;
      const box = over.getBoundingClientRect();
      const after = e.clientY > box.top + box.height / 2;
      list.insertBefore(dragged, after ? over.nextSibling : over);
    });
    list.addEventListener("dragend", () => {
      if (!dragged) return;
      dragged.classList.remove("dragging");
      dragged = null;
      const form = document.querySelector('[data-order-form="' + list.dataset.sortable + '"]');
      if (!form) return;
      list.querySelectorAll("li[data-id]").forEach((li) => {
        const input = document.createElement("input");
        input.type = "hidden";
        input.name = "stories";
        input.value = li.dataset.id;
        form.appendChild(input);
      });
      form.submit();
    });
  });
});

// Inserts text at the caret of a textarea (replacing the selection) and
// tells listeners (autosave, preview) that it changed.
function insertAt(area, before, after, placeholder) {
  const start = area.selectionStart;
  const end = area.selectionEnd;
  const chosen = area.value.slice(start, end) || placeholder || "";
  area.setRangeText(before + chosen + (after || ""), start, end, "end");
  if (!area.value.slice(start, end) && placeholder) {
    area.setSelectionRange(start + before.length, start + before.length + chosen.length);
  }
  area.focus();
  area.dispatchEvent(new Event("input", { bubbles: true }));
}

// The body's Markdown toolbar.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("[data-toolbar]").forEach((bar) => {
    const area = document.getElementById(bar.dataset.toolbar);
    if (!area) return;
    bar.hidden = false;
    const lineStart = (prefix, placeholder) => {
      const at = area.value.lastIndexOf("\n", area.selectionStart - 1) + 1;
      area.setSelectionRange(at, at);
      insertAt(area, prefix, "", placeholder);
    };
    const actions = {
      bold: () => insertAt(area, "**", "**", "bold words"),
      italic: () => insertAt(area, "_", "_", "words"),
      heading: () => lineStart("## ", "Subheading"),
      quote: () => lineStart("> ", "Quoted words"),
      list: () => lineStart("- ", "Item"),
      link: () => {
        const url = window.prompt("Link to (address):", "https://");
        if (url) insertAt(area, "[", "](" + url + ")", "linked words");
      },
    };
    bar.addEventListener("click", (e) => {
      const button = e.target.closest("[data-md]");
      if (button && actions[button.dataset.md]) actions[button.dataset.md]();
    });
    area.addEventListener("keydown", (e) => {
      if ((e.ctrlKey || e.metaKey) && (e.key === "b" || e.key === "i")) {
        e.preventDefault();
        actions[e.key === "b" ? "bold" : "italic"]();
      }
    });
  });
});

// Related-story cards: search published stories by headline and insert the
// chosen one's address on a line of its own.
document.addEventListener("DOMContentLoaded", () => {
  const box = document.querySelector("[data-related]");
  const area = document.getElementById("body");
  if (!box || !area) return;
  box.hidden = false;
  const input = box.querySelector("[data-related-search]");
  const results = box.querySelector("[data-related-results]");
  let timer = null;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const q = input.value.trim();
      if (!q) { results.replaceChildren(); return; }
      const response = await fetch("/admin/stories/lookup?q=" + encodeURIComponent(q), { credentials: "same-origin" });
      if (!response.ok) return;
      const hits = await response.json();
      results.replaceChildren(...hits.map((hit) => {
        const li = document.createElement("li");
        const label = document.createElement("span");
        label.textContent = hit.headline;
        const button = document.createElement("button");
        button.type = "button";
        button.textContent = "Insert card";
        button.dataset.url = hit.url;
        button.addEventListener("click", () => {
          const at = area.selectionStart;
          const lead = at > 0 && area.value[at - 1] !== "\n" ? "\n\n" : (at > 1 && area.value[at - 2] !== "\n" ? "\n" : "");
          insertAt(area, lead + hit.url + "\n\n", "", "");
          results.replaceChildren();
          input.value = "";
        });
        li.append(label, button);
        return li;
      }));
      if (!hits.length) {
        const li = document.createElement("li");
        li.textContent = "No published story has those words in its headline.";
        results.append(li);
      }
    }, 200);
  });
});

// Autosave of drafts: every few seconds after a change, the form is saved
// in the background (published stories wait for Save: a change to them is
// on the site at once). Leaving with unsaved changes asks first.
document.addEventListener("DOMContentLoaded", () => {
  const form = document.querySelector("form[data-autosave]");
  const status = document.querySelector("[data-autosave-status]");
  if (!form) return;
  let dirty = false;
  let saving = false;
  let submitting = false;
  form.addEventListener("input", () => { dirty = true; });
  form.addEventListener("change", () => { dirty = true; });
  form.addEventListener("submit", () => { submitting = true; });
  window.addEventListener("beforeunload", (e) => {
    if (dirty && !submitting) e.preventDefault();
  });
  setInterval(async () => {
    if (!dirty || saving) return;
    saving = true;
    dirty = false;
    try {
      const response = await fetch(form.dataset.autosave, {
        method: "POST",
        body: new URLSearchParams(new FormData(form)),
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      });
      if (response.ok) {
        const now = new Date();
        status.textContent = "Draft saved automatically at " + now.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" }) + ".";
      } else {
        dirty = true;
        const body = await response.json().catch(() => ({}));
        status.textContent = body.error || "Not saved automatically (" + response.status + "): use Save.";
      }
    } catch (err) {
      dirty = true;
      status.textContent = "Not saved automatically: the connection failed. Use Save when it is back.";
    } finally {
      saving = false;
    }
  }, 5000);
});

// Live preview: the server renders the unsaved story with the site's theme,
// shown beside the form as it changes.
document.addEventListener("DOMContentLoaded", () => {
  const form = document.getElementById("editor");
  const toggle = document.querySelector("[data-live-toggle]");
  const panel = document.querySelector("[data-live-preview]");
  const frame = document.querySelector("[data-preview-frame]");
  if (!form || !toggle || !panel || !frame) return;
  toggle.hidden = false;
  let timer = null;
  const refresh = async () => {
    const response = await fetch("/admin/stories/preview", {
      method: "POST",
      body: new URLSearchParams(new FormData(form)),
      credentials: "same-origin",
    });
    frame.srcdoc = await response.text();
  };
  toggle.addEventListener("click", () => {
    panel.hidden = !panel.hidden;
    toggle.setAttribute("aria-expanded", String(!panel.hidden));
    if (!panel.hidden) refresh();
  });
  form.addEventListener("input", () => {
    if (panel.hidden) return;
    clearTimeout(timer);
    timer = setTimeout(refresh, 600);
  });
});

// Pasting from Google Docs, Word or a web page into the body: the server
// turns the pasted HTML into clean Markdown, which is inserted instead.
document.addEventListener("DOMContentLoaded", () => {
  const area = document.getElementById("body");
  const form = document.getElementById("editor");
  if (!area || !form) return;
  area.addEventListener("paste", async (e) => {
    const html = e.clipboardData && e.clipboardData.getData("text/html");
    if (!html) return;
    e.preventDefault();
    const csrf = form.querySelector("input[name=csrf]").value;
    const plain = e.clipboardData.getData("text/plain");
    try {
      const response = await fetch("/admin/paste", {
        method: "POST",
        body: new URLSearchParams({ csrf, html }),
        credentials: "same-origin",
      });
      insertAt(area, response.ok ? await response.text() : plain, "", "");
    } catch (err) {
      insertAt(area, plain, "", "");
    }
  });
});

// The search-result preview: title, address and description as a search
// engine would show them, with their lengths.
document.addEventListener("DOMContentLoaded", () => {
  const serp = document.querySelector("[data-serp]");
  if (!serp) return;
  const val = (id) => (document.getElementById(id) || { value: "" }).value.trim();
  const cut = (s, n) => (s.length > n ? s.slice(0, n - 1).trimEnd() + "…" : s);
  const counts = document.querySelector("[data-serp-counts]");
  const slugOf = (h) => h.toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "").replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
  const update = () => {
    const title = val("meta_title") || val("headline") || "Headline";
    const text = val("meta_description") || val("standfirst") || "The standfirst, or a description written for search results.";
    const slug = val("slug") || slugOf(val("headline")) || "…";
    serp.querySelector("[data-serp-title]").textContent = cut(title, 60);
    serp.querySelector("[data-serp-text]").textContent = cut(text, 160);
    serp.querySelector("[data-serp-url]").textContent = serp.dataset.base + "/" + slug + "/";
    counts.hidden = false;
    counts.textContent = "Title " + title.length + " of about 60 characters shown; description " + text.length + " of about 160.";
  };
  ["meta_title", "meta_description", "headline", "standfirst", "slug"].forEach((id) => {
    const el = document.getElementById(id);
    if (el) el.addEventListener("input", update);
  });
  update();
});

// Tags: type to find one and press Enter to add it to the story (after
// those it has); editors may create a tag by typing a new name.
document.addEventListener("DOMContentLoaded", () => {
  const box = document.querySelector("[data-tag-add]");
  const select = document.getElementById("tags");
  const form = document.getElementById("editor");
  if (!box || !select || !form) return;
  box.hidden = false;
  const input = box.querySelector("input");
  const status = box.querySelector("[data-tag-status]");
  const list = document.getElementById("tag-names");
  const choose = (option) => {
    option.selected = true;
    status.textContent = "Added " + option.textContent + ".";
    input.value = "";
    select.dispatchEvent(new Event("change", { bubbles: true }));
  };
  input.addEventListener("keydown", async (e) => {
    if (e.key !== "Enter") return;
    e.preventDefault();
    const name = input.value.trim();
    if (!name) return;
    const found = Array.from(select.options).find((o) => o.textContent.trim().toLowerCase() === name.toLowerCase());
    if (found) { choose(found); return; }
    if (input.dataset.canCreate !== "true") {
      status.textContent = "No tag is called " + name + ". Ask an editor to create it.";
      return;
    }
    const csrf = form.querySelector("input[name=csrf]").value;
    const response = await fetch("/admin/tags", {
      method: "POST",
      body: new URLSearchParams({ csrf, name, kind: "topic" }),
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    });
    const body = await response.json().catch(() => ({}));
    if (!response.ok) { status.textContent = body.error || "The tag could not be created."; return; }
    const option = new Option(body.name, String(body.id));
    select.add(option);
    list.append(new Option(body.name));
    choose(option);
    status.textContent = "Created and added the tag " + body.name + ".";
  });
});

// Bylines and tags in order: the picked ones listed in the order they will
// show, with buttons to move each; the order goes with the form.
document.addEventListener("DOMContentLoaded", () => {
  const form = document.getElementById("editor");
  if (!form) return;
  document.querySelectorAll("select[data-ordered]").forEach((select) => {
    let order = select.dataset.ordered.split(",").filter(Boolean);
    const list = document.createElement("ol");
    list.className = "order";
    list.setAttribute("aria-label", "Order of " + (select.labels[0] ? select.labels[0].firstChild.textContent.trim() : select.name));
    select.insertAdjacentElement("afterend", list);
    const holder = document.createElement("div");
    holder.hidden = true;
    form.appendChild(holder);
    const name = (id) => {
      const o = Array.from(select.options).find((x) => x.value === id);
      return o ? o.textContent : id;
    };
    const render = () => {
      const picked = Array.from(select.selectedOptions).map((o) => o.value);
      order = order.filter((id) => picked.includes(id)).concat(picked.filter((id) => !order.includes(id)));
      list.replaceChildren(...order.map((id, i) => {
        const li = document.createElement("li");
        const label = document.createElement("span");
        label.textContent = name(id);
        li.append(label);
        [["↑", -1, "Move up"], ["↓", 1, "Move down"]].forEach(([text, step, what]) => {
          const j = i + step;
          if (j < 0 || j >= order.length) return;
          const b = document.createElement("button");
          b.type = "button";
          b.textContent = text;
          b.setAttribute("aria-label", what + ": " + name(id));
          b.addEventListener("click", () => {
            [order[i], order[j]] = [order[j], order[i]];
            render();
            form.dispatchEvent(new Event("input", { bubbles: true }));
          });
          li.append(b);
        });
        return li;
      }));
      holder.replaceChildren(...order.map((id) => {
        const input = document.createElement("input");
        input.type = "hidden";
        input.name = select.name + "_order";
        input.value = id;
        return input;
      }));
    };
    select.addEventListener("change", render);
    render();
  });
});
