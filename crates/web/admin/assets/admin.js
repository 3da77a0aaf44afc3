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
