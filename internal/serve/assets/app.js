// soa serve: saves each edit as it is made, and keeps the findings and the
// progress beside the controls up to date. Without this script the page
// still shows everything, and each control's Save button posts its form.
(function () {
  'use strict';
  var body = document.body;
  var version = body.dataset.version;
  if (!version) { return; }
  document.documentElement.classList.add('js');
  var banner = document.getElementById('banner');

  function say(msg, reload) {
    banner.textContent = msg;
    if (reload) {
      var b = document.createElement('button');
      b.type = 'button';
      b.textContent = '\u21bb';
      b.title = 'Reload';
      b.addEventListener('click', function () { location.reload(); });
      banner.appendChild(document.createTextNode(' '));
      banner.appendChild(b);
    }
    banner.hidden = false;
  }

  function post(url, data) {
    data.set('version', version);
    return fetch(url, { method: 'POST', body: new URLSearchParams(data), headers: { Accept: 'application/json' }, credentials: 'same-origin' })
      .then(function (r) { return r.json().then(function (j) { return { status: r.status, body: j }; }); });
  }

  function rowOf(id) {
    var rows = document.querySelectorAll('[data-control]');
    for (var i = 0; i < rows.length; i++) { if (rows[i].dataset.control === id) { return rows[i]; } }
    return null;
  }

  function update(j) {
    version = j.version;
    body.dataset.version = version;
    document.querySelectorAll('input[name="version"]').forEach(function (i) { i.value = version; });
    document.getElementById('findings').innerHTML = j.findings;
    document.getElementById('progress').innerHTML = j.progress;
    Object.keys(j.rows || {}).forEach(function (id) {
      var row = rowOf(id);
      if (!row) { return; }
      row.querySelector('.rf').innerHTML = j.rows[id].findings;
      row.dataset.findings = j.rows[id].n;
      row.className = 'ctl ' + j.rows[id].state;
    });
  }

  function mark(box, msg) {
    var err = box.querySelector('.err');
    if (!err) {
      err = document.createElement('p');
      err.className = 'err';
      box.appendChild(err);
    }
    box.classList.remove('ok');
    box.classList.toggle('bad', !!msg);
    err.textContent = msg || '';
    err.hidden = !msg;
  }

  document.querySelectorAll('form.ctl').forEach(function (form) {
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      if (document.activeElement) { document.activeElement.blur(); }
    });
    form.addEventListener('change', function (e) {
      var el = e.target;
      var key = el.name;
      if (!key || key === 'select') { return; }
      var box = el.closest('.f');
      var fd = new FormData();
      fd.set('control', form.dataset.control);
      fd.set('fields', key);
      form.querySelectorAll('[name="' + key + '"]').forEach(function (i) {
        if (i.type === 'checkbox' && !i.checked) { return; }
        fd.append(key, i.value);
      });
      box.classList.add('saving');
      post(form.action, fd).then(function (res) {
        box.classList.remove('saving');
        if (res.status === 200) {
          mark(box, '');
          box.classList.add('ok');
          banner.hidden = true;
          update(res.body);
          return;
        }
        var shown = false;
        (res.body.errors || []).forEach(function (x) {
          var row = rowOf(x.control) || form;
          var input = row.querySelector('[name="' + x.field + '"]');
          if (input && input.closest('.f')) { mark(input.closest('.f'), x.message); shown = true; }
        });
        if (!shown) { mark(box, res.body.message); }
        if (res.status !== 422) { say(res.body.message, res.body.reload); }
      }).catch(function (err) {
        box.classList.remove('saving');
        mark(box, String(err));
      });
    });
  });

  var filter = document.getElementById('filter');
  if (filter) {
    filter.addEventListener('change', function (e) {
      if (e.target.name !== 'q') { filter.submit(); }
    });
  }

  var bulk = document.getElementById('bulk');
  if (bulk) {
    var all = document.getElementById('selectall');
    all.addEventListener('change', function () {
      document.querySelectorAll('input[name="select"]').forEach(function (c) { c.checked = all.checked; });
    });
    bulk.addEventListener('submit', function (e) {
      e.preventDefault();
      var msg = document.getElementById('bulkmsg');
      post(bulk.action, new FormData(bulk)).then(function (res) {
        if (res.status === 200) { location.reload(); return; }
        msg.textContent = res.body.message;
        if (res.status === 409) { say(res.body.message, true); }
      });
    });
  }
}());
