'use strict';
// The story form's sharing preview (articles/sharing.py renders it): the search result and
// the WhatsApp/X/Facebook card are redrawn as the headline, standfirst, SEO fields and
// main photo change. Text goes in with textContent, never as HTML. Without this script
// the preview shows the story as it was saved.
window.addEventListener('load', function () {
    const preview = document.querySelector('.sharing-preview');
    if (!preview) {
        return;
    }
    const field = function (name) {
        return document.getElementById('id_' + name);
    };
    const value = function (name) {
        const input = field(name);
        return input ? input.value : null;
    };
    const limit = function (name) {
        return parseInt(preview.dataset[name + 'Chars'], 10);
    };
    // The same as articles/sharing.py's clip(): one line, cut with "…".
    const clip = function (text, chars) {
        text = text.split(/\s+/).filter(Boolean).join(' ');
        return text.length <= chars ? text : text.slice(0, chars - 1).trimEnd() + '…';
    };
    const show = function (part, text, empty) {
        const node = preview.querySelector('[data-preview="' + part + '"]');
        node.textContent = text || empty;
        node.classList.toggle('is-empty', !text);
    };

    const redraw = function () {
        const title = (value('seo_title') || '').trim() || (value('title') || '').trim();
        const description = (value('seo_description') || '').trim() ||
            (value('summary') || '').trim();
        const emptyTitle = preview.dataset.emptyTitle;
        const emptyDescription = preview.dataset.emptyDescription;
        show('search-title', title && clip(title + preview.dataset.suffix, limit('searchTitle')),
             emptyTitle);
        show('search-description', clip(description, limit('searchDescription')), emptyDescription);
        show('card-title', clip(title, limit('cardTitle')), emptyTitle);
        show('card-description', clip(description, limit('cardDescription')), emptyDescription);
    };
    // Whoever may not change the story has no fields here: what was saved stands.
    if (!field('title')) {
        return;
    }
    ['title', 'summary', 'seo_title', 'seo_description'].forEach(function (name) {
        const input = field(name);
        if (input) {
            input.addEventListener('input', redraw);
        }
    });
    redraw();

    // The photo: the picker's choice (static/js/image_picker.js gives each its thumbnail).
    const card = preview.querySelector('.share-card');
    const showImage = function (url) {
        let image = card.querySelector('.share-card__image');
        if (!url) {
            if (image) {
                image.remove();
            }
            return;
        }
        if (!image) {
            image = document.createElement('img');
            image.className = 'share-card__image';
            image.alt = '';
            card.prepend(image);
        }
        image.src = url;
    };
    if (window.django && django.jQuery) {
        const select = django.jQuery('#id_main_image');
        select.on('select2:select', function (event) {
            showImage(event.params.data.thumbnail);
        });
        select.on('select2:clear', function () {
            showImage(null);
        });
    }
});
