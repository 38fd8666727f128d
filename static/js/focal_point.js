'use strict';
// A photo's admin page: a click on the photo sets its focal point (the fields focal_x and
// focal_y, 0 to 1 across and down), which every crop keeps; a marker shows where it is.
document.addEventListener('DOMContentLoaded', function () {
    const frame = document.querySelector('.field-preview .focal-point');
    const across = document.getElementById('id_focal_x');
    const down = document.getElementById('id_focal_y');
    if (!frame || !across || !down) {
        return;
    }
    const image = frame.querySelector('img');
    const show = function () {
        frame.style.setProperty('--focal-x', across.value || 0.5);
        frame.style.setProperty('--focal-y', down.value || 0.5);
    };
    frame.classList.add('is-active');
    image.addEventListener('click', function (event) {
        const box = image.getBoundingClientRect();
        const round = function (value) {
            return Math.min(1, Math.max(0, value)).toFixed(2);
        };
        across.value = round((event.clientX - box.left) / box.width);
        down.value = round((event.clientY - box.top) / box.height);
        show();
    });
    across.addEventListener('input', show);
    down.addEventListener('input', show);
});
