'use strict';
// The links editor's "after paragraph" lists the story's paragraphs by their first words.
// The page lists those of the body as it was loaded; when a list is opened, this brings it
// up to date with the text being typed in the editor (the server checks the choice
// against the body saved with it).
document.addEventListener('focusin', function (event) {
    const select = event.target;
    if (!(select instanceof HTMLSelectElement) || !/^links-\d+-after_paragraph$/.test(select.name)) {
        return;
    }
    const editable = document.querySelector('.field-body .ck-editor__editable');
    if (!editable) {
        return;
    }
    const opening = function (paragraph) {
        const words = paragraph.textContent.trim().split(/\s+/);
        return words.slice(0, 6).join(' ') + (words.length > 6 ? '…' : '');
    };
    // Every top-level paragraph, empty ones too: the page counts them so (articles/body.py).
    const paragraphs = Array.from(editable.children).filter(function (node) {
        return node.tagName === 'P';
    });
    const current = select.value;
    const options = [select.options[0]];  // "spread evenly"
    paragraphs.forEach(function (paragraph, index) {
        options.push(new Option((index + 1) + '. ' + opening(paragraph), String(index + 1)));
    });
    // A place past the last paragraph, kept from before one was removed, stays offered.
    Array.from(select.options).forEach(function (option) {
        if (option.value && Number(option.value) > paragraphs.length && option.value === current) {
            options.push(option);
        }
    });
    select.replaceChildren.apply(select, options);
    select.value = current;
});
