/* rasoat: the national page's choropleth of poor-household rates by province (Apache ECharts).
   Reads the page's data block (#map-data) and the boundaries (window.RASOAT_GEO_63); no network access. */
(function () {
  'use strict';
  var el = document.getElementById('map');
  var block = document.getElementById('map-data');
  if (!el || !block || !window.echarts || !window.RASOAT_GEO_63) {
    return;
  }
  var data = JSON.parse(block.textContent);
  var geo = window.RASOAT_GEO_63;
  echarts.registerMap('vn63', geo);
  var byCode = {};
  data.units.forEach(function (u) { byCode[u.code] = u; });
  function num(v, digits) {
    if (v === null || v === undefined) { return ''; }
    var s = Number(v).toFixed(digits);
    var parts = s.split('.');
    parts[0] = parts[0].replace(/\B(?=(\d{3})+(?!\d))/g, data.thousands);
    return parts.length > 1 ? parts[0] + data.decimal + parts[1] : parts[0];
  }
  function esc(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return {'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'}[c];
    });
  }
  var hatch = {symbol: 'rect', symbolSize: 1, dashArrayX: [1, 0], dashArrayY: [2, 5], rotation: -Math.PI / 4, color: '#b8b8b8'};
  var seriesData = geo.features.map(function (f) {
    var u = byCode[f.properties.province_code];
    if (u && u.poor_rate !== null) {
      return {name: f.properties.name, value: u.poor_rate, unit: u};
    }
    return {name: f.properties.name, value: null, unit: null,
      itemStyle: {areaColor: '#f7f7f7', decal: hatch}};
  });
  var L = data.labels;
  var chart = echarts.init(el, null, {renderer: 'canvas'});
  chart.setOption({
    aria: {enabled: true, label: {description: L.title}},
    tooltip: {
      trigger: 'item',
      formatter: function (p) {
        var u = p.data && p.data.unit;
        if (!u) { return esc(p.name) + '<br>' + esc(L.nodata); }
        return '<b>' + esc(u.name) + '</b><br>'
          + esc(L.poor_rate) + ': ' + num(u.poor_rate, 2) + ' %<br>'
          + esc(L.near_poor_rate) + ': ' + num(u.near_poor_rate, 2) + ' %<br>'
          + esc(L.poor) + ': ' + num(u.poor, 0) + '<br>'
          + esc(L.near_poor) + ': ' + num(u.near_poor, 0) + '<br>'
          + esc(L.households) + ': ' + num(u.households, 0) + ' (' + esc(L.denominator) + ')';
      }
    },
    visualMap: {
      type: 'piecewise', left: 10, bottom: 10, orient: 'vertical', seriesIndex: 0, showLabel: true,
      text: [L.legend], textStyle: {fontSize: 12},
      pieces: data.breaks.map(function (b) {
        var label = b.lt === undefined ? '≥ ' + num(b.gte, 0) + ' %'
          : b.gte === undefined ? '< ' + num(b.lt, 0) + ' %' : num(b.gte, 0) + '–' + num(b.lt, 0) + ' %';
        var piece = {label: label, color: b.color};
        if (b.gte !== undefined) { piece.gte = b.gte; }
        if (b.lt !== undefined) { piece.lt = b.lt; }
        return piece;
      })
    },
    series: [{
      type: 'map', map: 'vn63', roam: true, nameProperty: 'name', selectedMode: false,
      data: seriesData,
      itemStyle: {borderColor: '#888', borderWidth: 0.5},
      emphasis: {label: {show: false}, itemStyle: {areaColor: '#ffd54f'}}
    }]
  });
  chart.on('click', function (p) {
    if (p.data && p.data.unit && p.data.unit.href) {
      window.location.href = p.data.unit.href;
    }
  });
  window.addEventListener('resize', function () { chart.resize(); });
  // printed, the map's box is smaller (the print stylesheet): drawn again to fit it, and back after
  window.addEventListener('beforeprint', function () { chart.resize(); });
  window.addEventListener('afterprint', function () { chart.resize(); });
  window.rasoatMap = chart;
})();
