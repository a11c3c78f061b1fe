/* rasoat: the share of poor and near-poor households deprived in each indicator, for each unit one level below the
   page's unit (Apache ECharts heat map on a sequential, colour-blind-safe palette, YlOrRd). A cell without households
   is left blank and said so in its tooltip; a unit with a page of its own opens it on click. Reads the page's data
   block #heatmap-data; no network access. */
(function () {
  'use strict';
  if (!window.rasoatFormat) {
    return;
  }
  window.rasoatFormat.chart('heatmap', 'rasoatHeatmap', function (el, data, num, esc) {
    var L = data.labels;
    // cells: [indicator index, unit index, share % or null, deprived, households]
    var cells = data.cells.map(function (c) {
      return {value: [c[0], c[1], c[2] === null ? '-' : c[2]], deprived: c[3], households: c[4]};
    });
    el.style.height = data.height + 'px';
    var chart = echarts.init(el, null, {renderer: 'canvas'});
    chart.setOption({
      animation: false, // drawn at once: what is printed or captured is the whole chart
      aria: {enabled: true, label: {description: L.title}},
      grid: {left: 180, right: 90, top: 10, bottom: 150},
      tooltip: {
        formatter: function (p) {
          var u = data.units[p.value[1]];
          var ind = data.indicators[p.value[0]];
          var share = p.value[2];
          return '<b>' + esc(u.name) + '</b><br>' + esc(ind.name) + '<br>'
            + (share === '-' ? '<i>' + esc(L.nodata) + '</i>'
              : esc(L.share) + ': ' + num(share, 2) + ' %<br>' + esc(L.deprived) + ': ' + num(p.data.deprived, 0)
                + ' / ' + num(p.data.households, 0) + ' ' + esc(L.households));
        }
      },
      xAxis: {type: 'category', data: data.indicators.map(function (i) { return i.name; }), splitArea: {show: true},
        axisLabel: {interval: 0, rotate: 40, fontSize: 11}},
      yAxis: {type: 'category', inverse: true, data: data.units.map(function (u) { return u.name; }), splitArea: {show: true},
        axisLabel: {interval: 0, fontSize: 11}},
      visualMap: {
        min: 0, max: data.max, calculable: true, orient: 'vertical', right: 0, top: 'middle',
        inRange: {color: ['#ffffcc', '#fed976', '#fd8d3c', '#e31a1c', '#800026']},
        formatter: function (v) { return num(v, 1) + ' %'; }
      },
      series: [{
        name: L.title, type: 'heatmap', data: cells,
        label: {show: data.units.length <= 30, fontSize: 10, color: '#222', textBorderColor: '#fff', textBorderWidth: 2,
          formatter: function (p) { return p.value[2] === '-' ? '' : num(p.value[2], 0); }},
        emphasis: {itemStyle: {borderColor: '#333', borderWidth: 1}}
      }]
    });
    chart.on('click', function (p) {
      var u = data.units[p.value[1]];
      if (u && u.href) {
        window.location.href = u.href;
      }
    });
    return chart;
  });
})();
