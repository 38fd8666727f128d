'use strict';
// The story form's main-photo picker: Django's autocomplete widget (select2) shown as a
// grid of thumbnails with each photo's alt text and credit, searched by alt text, caption
// and credit (ImageAdmin.search_fields, through the admin's autocomplete view), and the
// chosen photo previewed before the story is saved.
//
// Django's autocomplete.js starts select2 from a jQuery ready handler, which jQuery 3 runs
// asynchronously: on a fast load it can run after the window's load event. A ready handler
// added at load runs after it whatever the timing, and the picker says when it is ready.
window.addEventListener('load', function () { django.jQuery(startPicker); });

function startPicker() {
    const $ = django.jQuery;
    const select = $('#id_main_image');
    if (!select.length || !select.data('select2')) {
        return;
    }

    const element = function (tag, className, text) {
        const node = document.createElement(tag);
        node.className = className;
        if (text) {
            node.textContent = text;
        }
        return node;
    };

    // Built with DOM calls, never HTML strings: alt text and captions are people's text.
    const photoCard = function (photo) {
        if (!photo.id || !photo.thumbnail) {
            return photo.text;
        }
        const card = element('span', 'photo-option');
        const image = element('img', 'photo-option__image');
        image.src = photo.thumbnail;
        image.alt = '';
        image.loading = 'lazy';
        card.append(
            image,
            element('span', 'photo-option__alt', photo.text),
            element('span', 'photo-option__credit', photo.credit)
        );
        if (photo.caption) {
            card.title = photo.caption;
        }
        return card;
    };

    // The same options as Django's autocomplete.js, with the thumbnails added.
    const widget = select.get(0);
    select.select2('destroy');
    select.select2({
        ajax: {
            data: function (params) {
                return {
                    term: params.term,
                    page: params.page,
                    app_label: widget.dataset.appLabel,
                    model_name: widget.dataset.modelName,
                    field_name: widget.dataset.fieldName
                };
            }
        },
        dropdownCssClass: 'photo-picker',
        templateResult: photoCard
    });

    const preview = document.querySelector('.field-main_image_preview .readonly');
    select.on('select2:select', function (event) {
        const chosen = event.params.data;
        if (!preview || !chosen.thumbnail) {
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
    widget.dataset.picker = 'thumbnails';
}
