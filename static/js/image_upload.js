'use strict';
// The photo library's batch upload: photos dropped on the zone are sent at once, as if
// chosen with the file input and submitted (the page works the same without this).
document.addEventListener('DOMContentLoaded', function () {
    const form = document.querySelector('.photo-drop');
    if (!form) {
        return;
    }
    const zone = form.querySelector('.photo-drop__zone');
    const input = form.querySelector('input[type=file]');
    const button = form.querySelector('input[name=upload]');
    const send = function () {
        if (input.files.length) {
            form.classList.add('is-sending');
            form.requestSubmit(button);
        }
    };
    ['dragenter', 'dragover'].forEach(function (name) {
        zone.addEventListener(name, function (event) {
            event.preventDefault();
            zone.classList.add('is-over');
        });
    });
    ['dragleave', 'drop'].forEach(function (name) {
        zone.addEventListener(name, function () {
            zone.classList.remove('is-over');
        });
    });
    zone.addEventListener('drop', function (event) {
        event.preventDefault();
        input.files = event.dataTransfer.files;
        send();
    });
    input.addEventListener('change', send);
});
