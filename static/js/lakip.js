// LAKIP's few behaviours, kept out of the templates so that the pages pass a
// Content-Security-Policy without inline scripts.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  // A select that shows another view (the home page's year) submits its form.
  for (const pilihan of document.querySelectorAll("select[data-kirim-otomatis]")) {
    pilihan.addEventListener("change", () => pilihan.form.submit());
  }

  // The entry form's live figures: a changed number asks htmx (the hidden
  // #hitung-langsung element) to recompute; typing a narrative does not.
  const hitung = document.getElementById("hitung-langsung");
  const formulir = document.getElementById("form-isian");
  if (hitung && formulir) {
    formulir.addEventListener("input", (peristiwa) => {
      if (peristiwa.target.matches(".hitung")) {
        hitung.dispatchEvent(new CustomEvent("hitung"));
      }
    });
  }
});
