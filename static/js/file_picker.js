'use strict';
// The photo file inputs (articles/photos/forms.py, ImageFileInput): beside our Arabic
// button, the names of the files chosen, in place of the browser's own words.
document.addEventListener('DOMContentLoaded', function () {
    document.querySelectorAll('.file-picker').forEach(function (picker) {
        const input = picker.querySelector('.file-picker__input');
        const chosen = picker.querySelector('.file-picker__chosen');
        const show = function () {
            const names = Array.from(input.files, function (file) {
                return file.name;
            });
            chosen.textContent = names.length ? names.join('، ') : chosen.dataset.none;
            chosen.title = names.join('\n');
        };
        input.addEventListener('change', show);
        show();  // a file kept by the browser after going back to the page
    });
});
