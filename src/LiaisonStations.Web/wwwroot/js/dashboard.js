// Dashboard charts (ECharts, served from this site). The figures come from the JSON block the page renders;
// every chart has a data table beside it, so nothing depends on this script.
(function () {
    'use strict';
    var source = document.getElementById('dashboard-data');
    if (!source || !window.echarts) { return; }
    var data = JSON.parse(source.dataset.json);
    var charts = [];
    var draw = function (id, option) {
        var element = document.getElementById(id);
        if (!element) { return; }
        var chart = window.echarts.init(element, null, { renderer: 'canvas' });
        chart.setOption(option);
        charts.push(chart);
    };
    var grid = { left: 48, right: 16, top: 36, bottom: 32, containLabel: true };
    draw('chart-trend', {
        animation: false,
        tooltip: { trigger: 'axis' },
        legend: { top: 0 },
        grid: grid,
        xAxis: { type: 'category', data: data.trend.months },
        yAxis: { type: 'value', minInterval: 1 },
        series: [
            { name: data.trend.labels[0], type: 'bar', data: data.trend.days },
            { name: data.trend.labels[1], type: 'line', data: data.trend.collected },
            { name: data.trend.labels[2], type: 'line', data: data.trend.resolved }
        ]
    });
    if (data.entry) {
        draw('chart-entry', {
            animation: false,
            tooltip: { trigger: 'axis', valueFormatter: function (v) { return v === null ? '—' : v + '%'; } },
            legend: { top: 0 },
            grid: grid,
            xAxis: { type: 'category', data: data.entry.levels },
            yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
            series: [
                { name: data.entry.labels[0], type: 'bar', data: data.entry.rates },
                { name: data.entry.labels[1], type: 'line', step: 'middle', data: data.entry.targets }
            ]
        });
    }
    if (data.network && data.network.months.length > 0) {
        draw('chart-network', {
            animation: false,
            tooltip: { trigger: 'axis' },
            legend: { top: 0 },
            grid: grid,
            xAxis: { type: 'category', data: data.network.months },
            yAxis: { type: 'value', minInterval: 1 },
            series: [
                { name: data.network.labels[0], type: 'line', step: 'end', areaStyle: { opacity: 0.15 }, data: data.network.stations },
                { name: data.network.labels[1], type: 'line', step: 'end', data: data.network.points }
            ]
        });
    }
    draw('chart-categories', {
        animation: false,
        tooltip: { trigger: 'item' },
        series: [{ type: 'pie', radius: ['35%', '65%'], data: data.categories, label: { formatter: '{b} {c}' } }]
    });
    window.addEventListener('resize', function () { charts.forEach(function (c) { c.resize(); }); });
})();
