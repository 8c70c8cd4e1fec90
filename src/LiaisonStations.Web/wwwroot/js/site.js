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

    // Forms marked data-confirm ask before submitting (e.g. irreversible actions).
    document.querySelectorAll('form[data-confirm]').forEach(function (form) {
        form.addEventListener('submit', function (e) {
            if (!window.confirm(form.dataset.confirm)) { e.preventDefault(); }
        });
    });
})();
