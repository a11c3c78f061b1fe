/* rasoat: sortable tables. A click on a column heading of a table.sortable sorts its rows by that column, ascending,
   a second click descending. Numbers sort by the exact value the page carries in the cell's data-v attribute (the
   shown text is formatted the Vietnamese way: 32.373, 1,6217); other cells by their text in Vietnamese order; empty
   cells last either way. No network access; the page works without this script (the table is just not sortable). */
(function () {
  'use strict';
  var collator = new Intl.Collator(document.documentElement.lang || 'vi', {numeric: true, sensitivity: 'base'});

  function key(cell) {
    if (!cell) { return null; }
    var v = cell.getAttribute('data-v');
    if (v !== null) { var n = Number(v); return v === '' || !isFinite(n) ? null : n; }
    var t = cell.textContent.trim();
    return t === '' ? null : t;
  }

  function compare(a, b) {
    if (a === null || b === null) { return a === b ? 0 : (a === null ? 1 : -1); }
    if (typeof a === 'number' && typeof b === 'number') { return a - b; }
    return collator.compare(String(a), String(b));
  }

  function sortBy(table, index, th) {
    var body = table.tBodies[0];
    var descending = th.getAttribute('aria-sort') === 'ascending';
    var rows = Array.prototype.slice.call(body.rows).map(function (row, i) {
      return {row: row, key: key(row.cells[index]), i: i};
    });
    rows.sort(function (x, y) {
      var c = compare(x.key, y.key);
      if (c !== 0 && x.key !== null && y.key !== null && descending) { c = -c; }
      return c !== 0 ? c : x.i - y.i; // stable: equal keys keep their order
    });
    rows.forEach(function (r) { body.appendChild(r.row); });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (h) { h.removeAttribute('aria-sort'); });
    th.setAttribute('aria-sort', descending ? 'descending' : 'ascending');
  }

  Array.prototype.forEach.call(document.querySelectorAll('table.sortable'), function (table) {
    if (!table.tHead || !table.tBodies.length) { return; }
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, index) {
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'sort';
      while (th.firstChild) { button.appendChild(th.firstChild); }
      th.appendChild(button);
      button.addEventListener('click', function () { sortBy(table, index, th); });
    });
  });
}());
