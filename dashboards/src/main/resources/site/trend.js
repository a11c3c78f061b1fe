/* rasoat: a unit's poor and near-poor rates across the review years (Apache ECharts), each change of the poverty
   standard marked at the first year of the new standard (the rates on either side are not comparable). Reads the
   page's data block #trend-data; no network access. */
(function () {
  'use strict';
  if (!window.rasoatFormat) {
    return;
  }
  window.rasoatFormat.chart('trend', 'rasoatTrend', function (el, data, num, esc) {
    var L = data.labels;
    var years = data.rows.map(function (r) { return String(r.year); });
    var changes = [];
    for (var i = 1; i < data.rows.length; i++) {
      if (data.rows[i].standard !== data.rows[i - 1].standard) {
        changes.push({xAxis: years[i], label: {formatter: L.change + ' ' + data.rows[i].standard.replace('_', '–')}});
      }
    }
    // one fixed colour per group, the same on every page
    var series = [
      {name: L.poor_rate, key: 'poor_rate', color: '#c0392b'},
      {name: L.near_poor_rate, key: 'near_poor_rate', color: '#e69f00'}
    ].map(function (s, k) {
      var out = {
        name: s.name, type: 'line', symbolSize: 8, color: s.color,
        data: data.rows.map(function (r) { return r[s.key]; })
      };
      if (k === 0 && changes.length) {
        out.markLine = {symbol: 'none', silent: true, lineStyle: {type: 'dashed', color: '#555'},
          label: {position: 'end', color: '#333'}, data: changes};
      }
      return out;
    });
    // beside them, dotted, the rates of every year rescored under the latest standard (where some year had another)
    if (data.harmonised) {
      var as = null;
      data.rows.forEach(function (r) { if (r.harmonised_as) { as = r.harmonised_as; } });
      [
        {name: L.poor_rate, key: 'harmonised_poor_rate', color: '#c0392b'},
        {name: L.near_poor_rate, key: 'harmonised_near_poor_rate', color: '#e69f00'}
      ].forEach(function (s) {
        series.push({
          name: s.name + ' — ' + L.harmonised + ' ' + as.replace('_', '–'), type: 'line', symbol: 'emptyCircle',
          symbolSize: 6, color: s.color, lineStyle: {type: 'dotted', width: 2},
          data: data.rows.map(function (r) { return r[s.key]; })
        });
      });
    }
    var chart = echarts.init(el, null, {renderer: 'canvas'});
    chart.setOption({
      animation: false, // drawn at once: what is printed or captured is the whole chart
      aria: {enabled: true, label: {description: L.title}},
      legend: {top: 0, left: 0},
      grid: {left: 60, right: 30, top: 56, bottom: 40},
      tooltip: {
        trigger: 'axis',
        formatter: function (ps) {
          var r = data.rows[ps[0].dataIndex];
          return '<b>' + esc(r.year) + '</b> (' + esc(L.standard) + ' ' + esc(r.standard.replace('_', '–')) + ')<br>'
            + esc(L.poor_rate) + ': ' + num(r.poor_rate, 2) + ' % (' + num(r.poor, 0) + ')<br>'
            + esc(L.near_poor_rate) + ': ' + num(r.near_poor_rate, 2) + ' % (' + num(r.near_poor, 0) + ')<br>'
            + esc(L.households) + ': ' + num(r.households, 0)
            + (data.harmonised && r.harmonised_poor_rate !== null && r.harmonised_as !== r.standard
              ? '<br>' + esc(L.harmonised) + ' ' + esc(r.harmonised_as.replace('_', '–')) + ': '
                + num(r.harmonised_poor_rate, 2) + ' % / ' + num(r.harmonised_near_poor_rate, 2) + ' %'
                + (r.underivable ? '<br><i>' + esc(L.underivable) + ': ' + esc(r.underivable) + '</i>' : '')
              : '')
            + (r.incomplete ? '<br><i>' + esc(L.incomplete) + '</i>' : '');
        }
      },
      xAxis: {type: 'category', data: years, boundaryGap: true},
      yAxis: {type: 'value', min: 0, axisLabel: {formatter: function (v) { return num(v, 1) + ' %'; }}},
      series: series
    });
    return chart;
  });
})();
