'use strict';
// The story form's heartbeat (articles/editing): every few seconds it stores what was
// typed, when it changed, apart from the story, and shows who else has the story open.
// Leaving the page with unsaved changes asks first (saving the story does not), and an
// autosaved copy goes back into the form only when its owner chooses "استعادة".
(function () {
    const status = document.getElementById('autosave');
    const form = document.getElementById('article_form');
    if (!status || !form) {
        return;
    }
    const url = status.dataset.url;
    const seconds = Number(status.dataset.seconds) || 30;
    const banner = document.getElementById('editing-now');
    const offer = document.getElementById('autosave-offer');
    const token = form.elements.csrfmiddlewaretoken.value;
    // Not the person's text: the session's token and the version the form was opened with.
    const notKept = new Set(['csrfmiddlewaretoken', 'loaded_version']);
    // A form shown again with errors (a stale save refused) holds text not yet saved.
    const unsavedFromStart = form.querySelector('.errornote') !== null;
    let loaded = null;
    let sent = null;
    let submitting = false;

    function body() {
        return (window.editors || {}).id_body;
    }

    function kept(element) {
        return element.name && !notKept.has(element.name) && !element.disabled
            && !element.name.includes('__prefix__')
            && !['file', 'submit', 'button', 'reset'].includes(element.type);
    }

    // [[name, value], …] as the form would post it; a choice carries its label too.
    function snapshot() {
        const fields = [];
        for (const element of form.elements) {
            if (!kept(element)) {
                continue;
            }
            if (element.tagName === 'SELECT') {
                for (const option of element.selectedOptions) {
                    fields.push([element.name, option.value, option.text]);
                }
            } else if (element.type === 'checkbox' || element.type === 'radio') {
                if (element.checked) {
                    fields.push([element.name, element.value]);
                }
            } else if (element.name === 'body' && body()) {
                fields.push([element.name, body().getData()]);
            } else {
                fields.push([element.name, element.value]);
            }
        }
        return JSON.stringify(fields);
    }

    function unsaved() {
        return loaded !== null && (unsavedFromStart || snapshot() !== loaded);
    }

    function showEditing(sentences) {
        if (!banner) {
            return;
        }
        banner.replaceChildren(...sentences.map(function (sentence) {
            const line = document.createElement('p');
            line.textContent = sentence;
            return line;
        }));
    }

    function post(data) {
        data.set('csrfmiddlewaretoken', token);
        return fetch(url, {method: 'POST', body: data, credentials: 'same-origin'})
            .then(function (response) {
                return response.ok ? response.json() : Promise.reject(response.status);
            });
    }

    function beat() {
        if (submitting) {
            return;
        }
        const data = new URLSearchParams();
        const current = snapshot();
        if (current !== sent) {
            data.set('fields', current);
            data.set('version', form.elements.loaded_version.value);
        }
        post(data).then(function (answer) {
            if (data.has('fields')) {
                sent = current;
            }
            if (answer.status) {
                status.textContent = answer.status;
            }
            showEditing(answer.editing);
        }).catch(function () {
            // Offline or signed out: the next beat tries again; the form keeps the text.
        });
    }

    // The form as it was opened, once the body's editor holds it (its HTML, as the
    // editor writes it, is what later snapshots compare with).
    function whenReady(then) {
        const started = Date.now();
        (function wait() {
            if (body() || !form.elements.body || Date.now() - started > 10000) {
                then();
            } else {
                setTimeout(wait, 100);
            }
        })();
    }

    // Puts the autosaved copy's values back into the form, the body's editor and the
    // autocomplete fields included.
    function restore(fields) {
        const values = new Map();
        for (const [name, value, label] of fields) {
            if (!values.has(name)) {
                values.set(name, []);
            }
            values.get(name).push({value: value, label: label});
        }
        const total = form.elements['links-TOTAL_FORMS'];
        const addRow = document.querySelector('#links-group .add-row a');
        if (total && addRow && values.has('links-TOTAL_FORMS')) {
            for (let rows = Number(total.value); rows < Number(values.get('links-TOTAL_FORMS')[0].value); rows++) {
                addRow.click();
            }
        }
        for (const element of form.elements) {
            if (!kept(element)) {
                continue;
            }
            const saved = values.get(element.name) || [];
            if (element.type === 'checkbox' || element.type === 'radio') {
                element.checked = saved.some(function (item) { return item.value === element.value; });
            } else if (element.tagName === 'SELECT') {
                const chosen = saved.map(function (item) { return item.value; });
                for (const item of saved) {
                    if (![...element.options].some(function (option) { return option.value === item.value; })) {
                        element.add(new Option(item.label || item.value, item.value));
                    }
                }
                for (const option of element.options) {
                    option.selected = chosen.includes(option.value);
                }
                if (window.django && django.jQuery) {
                    django.jQuery(element).trigger('change');
                }
            } else if (element.name === 'body' && body()) {
                body().setData(saved.length ? saved[0].value : '');
            } else {
                element.value = saved.length ? saved[0].value : '';
            }
        }
    }

    if (offer) {
        const fields = JSON.parse(document.getElementById('autosave-fields').textContent);
        offer.querySelector('[data-autosave=restore]').addEventListener('click', function () {
            restore(fields);
            offer.remove();
        });
        offer.querySelector('[data-autosave=discard]').addEventListener('click', function () {
            post(new URLSearchParams({discard: '1'})).then(function () {
                offer.remove();
            });
        });
    }

    form.addEventListener('submit', function () {
        submitting = true;
    });
    window.addEventListener('beforeunload', function (event) {
        if (!submitting && unsaved()) {
            event.preventDefault();
            event.returnValue = '';
        }
    });
    // Closing the tab: say so, and keep what was typed since the last beat.
    window.addEventListener('pagehide', function () {
        const data = new FormData();
        data.set('csrfmiddlewaretoken', token);
        data.set('leave', '1');
        const current = loaded === null ? null : snapshot();
        if (!submitting && current !== null && current !== sent) {
            data.set('fields', current);
            data.set('version', form.elements.loaded_version.value);
        }
        navigator.sendBeacon(url, data);
    });

    whenReady(function () {
        loaded = snapshot();
        sent = unsavedFromStart ? null : loaded;
        beat();
        setInterval(beat, seconds * 1000);
    });
})();
