/* rasoat: how the pages' scripts (map.js, trend.js, heatmap.js) write numbers and text: the page's decimal and
   thousands marks (vi-VN: 1.234,56; en: 1,234.56), given by each data block, and HTML escaping. Loaded before them. */
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
  }
};
