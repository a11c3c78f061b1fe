/* rasoat: what the pages' scripts (map.js, trend.js, heatmap.js) share, loaded after ECharts and before them: how
   numbers and text are written (the page's decimal and thousands marks, vi-VN 1.234,56 or en 1,234.56, given by
   each data block; HTML escaping) and how a chart finds its box and its data block and follows the window's size. */
window.rasoatFormat = {
  // v with a fixed number of digits; "–" (or the given mark) when there is no value
  num: function (data, v, digits, missing) {
    if (v === null || v === undefined) { return missing === undefined ? '–' : missing; }
    var parts = Number(v).toFixed(digits).split('.');
    parts[0] = parts[0].replace(/\B(?=(\d{3})+(?!\d))/g, data.thousands);
    return parts.length > 1 ? parts[0] + data.decimal + parts[1] : parts[0];
  },
  esc: function (s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return {'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'}[c];
    });
  },
  // draws the chart of <div id="ID"> from <script id="ID-data">: draw(el, data, num, esc) returns the ECharts
  // instance, kept as window[global] and resized with the window and for printing; nothing when either is missing
  chart: function (id, global, draw) {
    var el = document.getElementById(id);
    var block = document.getElementById(id + '-data');
    if (!el || !block || !window.echarts) {
      return;
    }
    var data = JSON.parse(block.textContent);
    var F = window.rasoatFormat;
    var chart = draw(el, data, function (v, digits) { return F.num(data, v, digits); }, F.esc);
    ['resize', 'beforeprint', 'afterprint'].forEach(function (e) {
      window.addEventListener(e, function () { chart.resize(); });
    });
    window[global] = chart;
  }
};
