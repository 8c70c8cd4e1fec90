// Progressive enhancements; every page works without them.
(function () {
    'use strict';

    // Station form: refill the area list when the district changes.
    document.querySelectorAll('select[data-area-source]').forEach(function (district) {
        district.addEventListener('change', function () {
            var target = document.getElementById(district.dataset.areaTarget);
            if (!target) { return; }
            var placeholder = target.options.length > 0 ? target.options[0].text : '';
            target.disabled = true;
            fetch(district.dataset.areaSource + '?district=' + encodeURIComponent(district.value), { headers: { 'Accept': 'application/json' } })
                .then(function (r) { return r.ok ? r.json() : []; })
                .then(function (areas) {
                    target.innerHTML = '';
                    var first = document.createElement('option');
                    first.value = '';
                    first.textContent = placeholder;
                    target.appendChild(first);
                    areas.forEach(function (a) {
                        var o = document.createElement('option');
                        o.value = a.id;
                        o.textContent = a.label;
                        target.appendChild(o);
                    });
                })
                .finally(function () { target.disabled = false; });
        });
    });

    // Station form: show only the schedule fields the chosen rule uses.
    document.querySelectorAll('[data-schedule]').forEach(function (fieldset) {
        var kind = fieldset.querySelector('select[name$="ScheduleKind"]');
        if (!kind) { return; }
        var update = function () {
            fieldset.querySelectorAll('[data-schedule-part]').forEach(function (part) {
                var kinds = part.dataset.schedulePart.split(' ');
                part.hidden = kinds.indexOf(kind.value) < 0;
            });
        };
        kind.addEventListener('change', update);
        update();
    });

    // Long lists (stations, departments) get type-to-search when Tom Select is on the page.
    if (window.TomSelect) {
        document.querySelectorAll('select[data-searchable="true"]').forEach(function (select) {
            // The original select stays in the page (hidden) for the form: it keeps its label's name for assistive tools.
            var label = select.id ? document.querySelector('label[for="' + select.id + '"]') : null;
            if (label && !select.hasAttribute('aria-label')) {
                select.setAttribute('aria-label', label.textContent.trim());
            }
            new window.TomSelect(select, { maxOptions: 1000, allowEmptyOption: true, selectOnTab: true });
        });
    }

    // Ctrl+Enter submits forms marked data-submit-shortcut, also from inside a textarea.
    document.querySelectorAll('form[data-submit-shortcut]').forEach(function (form) {
        form.addEventListener('keydown', function (e) {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                e.preventDefault();
                form.requestSubmit();
            }
        });
    });

    // Registration: while the summary is typed, show open requests of the same station that look alike.
    document.querySelectorAll('textarea[data-similar-source]').forEach(function (summary) {
        var target = document.getElementById(summary.dataset.similarTarget);
        var station = summary.form.querySelector('[name="Input.StationId"]');
        var timer = null;
        var last = '';
        var look = function () {
            var text = summary.value.trim();
            if (!station || !station.value || text.length < 4 || text === last) { return; }
            last = text;
            var url = summary.dataset.similarSource + '&station=' + encodeURIComponent(station.value) + '&summary=' + encodeURIComponent(text);
            fetch(url, { headers: { 'Accept': 'text/html' } })
                .then(function (r) { return r.ok ? r.text() : ''; })
                .then(function (html) { target.innerHTML = html; });
        };
        summary.addEventListener('input', function () {
            window.clearTimeout(timer);
            timer = window.setTimeout(look, 500);
        });
        summary.addEventListener('blur', look);
    });

    // Print buttons (no inline handlers: the CSP forbids them).
    document.querySelectorAll('[data-print]').forEach(function (button) {
        button.addEventListener('click', function () { window.print(); });
    });

    // Forms marked data-confirm ask before submitting (e.g. irreversible actions).
    document.querySelectorAll('form[data-confirm]').forEach(function (form) {
        form.addEventListener('submit', function (e) {
            if (!window.confirm(form.dataset.confirm)) { e.preventDefault(); }
        });
    });
})();
