'use strict';
// Shows the photo chosen in the story form's autocomplete before the story is saved.
window.addEventListener('load', function () {
    const $ = django.jQuery;
    const select = $('#id_main_image');
    const preview = document.querySelector('.field-main_image_preview .readonly');
    if (!select.length || !preview) {
        return;
    }
    select.on('change', function () {
        const chosen = select.select2('data')[0] || {};
        if (!chosen.thumbnail) {
            return;
        }
        const image = document.createElement('img');
        image.src = chosen.thumbnail;
        image.alt = chosen.text;
        image.width = 240;
        image.style.height = 'auto';
        image.style.borderRadius = '4px';
        preview.replaceChildren(image);
    });
});
