/* rasoat: the pages' choropleths of poor-household rates (Apache ECharts): the provinces of the 63-province
   system, the 34 provinces of 2025 and a province's communes of 2025. Each map is a <div class="map"> whose
   data-block names the page's JSON data block; the block names its boundaries (a window.RASOAT_GEO_* script loaded
   before this one) and the property holding each feature's code. No network access. */
(function () {
  'use strict';
  if (!window.echarts || !window.rasoatFormat) {
    return;
  }
  window.rasoatMaps = {};
  function num(data, v, digits) {
    return window.rasoatFormat.num(data, v, digits, '');
  }
  var esc = window.rasoatFormat.esc;
  var hatch = {symbol: 'rect', symbolSize: 1, dashArrayX: [1, 0], dashArrayY: [2, 5], rotation: -Math.PI / 4, color: '#b8b8b8'};

  function draw(el) {
    var block = document.getElementById(el.getAttribute('data-block'));
    if (!block) { return; }
    var data = JSON.parse(block.textContent);
    var geo = window[data.geo];
    if (!geo) { return; }
    echarts.registerMap(data.geo, geo);
    var byCode = {};
    data.units.forEach(function (u) { byCode[u.code] = u; });
    var seriesData = geo.features.map(function (f) {
      var u = byCode[f.properties[data.key]];
      if (u && u.poor_rate !== null && u.poor_rate !== undefined) {
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
          var t = '<b>' + esc(u.name) + '</b><br>'
            + esc(L.poor_rate) + ': ' + num(data, u.poor_rate, 2) + ' %<br>'
            + esc(L.near_poor_rate) + ': ' + num(data, u.near_poor_rate, 2) + ' %<br>'
            + esc(L.poor) + ': ' + num(data, u.poor, 0) + '<br>'
            + esc(L.near_poor) + ': ' + num(data, u.near_poor, 0) + '<br>'
            + esc(L.households) + ': ' + num(data, u.households, 0) + ' (' + esc(L.denominator) + ')';
          if (u.split) { t += '<br><i>' + esc(L.split) + '</i>'; }
          if (u.incomplete) { t += '<br><i>' + esc(L.incomplete) + '</i>'; }
          return t;
        }
      },
      visualMap: {
        type: 'piecewise', left: 10, bottom: 10, orient: 'vertical', seriesIndex: 0, showLabel: true,
        text: [L.legend], textStyle: {fontSize: 12},
        pieces: data.breaks.map(function (b) {
          var label = b.lt === undefined ? '≥ ' + num(data, b.gte, 0) + ' %'
            : b.gte === undefined ? '< ' + num(data, b.lt, 0) + ' %' : num(data, b.gte, 0) + '–' + num(data, b.lt, 0) + ' %';
          var piece = {label: label, color: b.color};
          if (b.gte !== undefined) { piece.gte = b.gte; }
          if (b.lt !== undefined) { piece.lt = b.lt; }
          return piece;
        })
      },
      series: [{
        type: 'map', map: data.geo, roam: true, nameProperty: 'name', selectedMode: false,
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
    window.rasoatMaps[el.id] = chart;
  }

  Array.prototype.forEach.call(document.querySelectorAll('div.map[data-block]'), draw);
  // the page's first map, as the browser tests and a reader's console know it
  window.rasoatMap = window.rasoatMaps.map || null;
})();
