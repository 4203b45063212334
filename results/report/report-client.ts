/// <reference lib="dom" />
import type uPlot from 'uplot';
import type { ReportData } from './report-data.js';
import type { createTimeline as CreateTimeline } from './timeline-client.js';

/**
 * The page's script, run in the browser once the static HTML is there: the timeline, the lists that
 * jump to it, and the latency and throughput charts (uPlot) with fault windows shaded. Inlined with
 * Function#toString, so it references nothing outside its body but its arguments.
 */
export function reportMain(data: ReportData, UPlot: typeof uPlot, createTimeline: typeof CreateTimeline): void {
  const host = document.getElementById('timeline') as HTMLElement;
  const timeline = createTimeline(host, data.timeline, {
    lost: data.lost.filter((l) => l.lane >= 0).map((l) => ({ lane: l.lane, time: l.time, over: l.overwrittenBy && l.overwrittenBy.lane >= 0 ? { lane: l.overwrittenBy.lane, time: l.overwrittenBy.time } : null })),
  });

  const select = (item: Element): void => {
    document.querySelectorAll('li.selected').forEach((el) => el.classList.remove('selected'));
    item.classList.add('selected');
  };
  document.querySelectorAll<HTMLElement>('li.incident').forEach((item) => {
    item.addEventListener('click', () => {
      const i = Number(item.dataset.index);
      const incident = data.incidents[i];
      if (!incident) return;
      select(item);
      timeline.focus({ id: `incident-${i}`, start: incident.start, end: incident.end, lanes: incident.lanes, sections: incident.sections });
    });
  });
  document.querySelectorAll<HTMLElement>('li.lost').forEach((item) => {
    item.addEventListener('click', () => {
      const i = Number(item.dataset.index);
      const lost = data.lost[i];
      if (!lost) return;
      select(item);
      const over = lost.overwrittenBy;
      timeline.focus({ id: `lost-${i}`, start: lost.time, end: over ? Math.max(over.time, lost.time) : lost.time, lanes: over ? [lost.lane, over.lane] : [lost.lane], sections: [] });
    });
  });
  document.getElementById('whole-run')?.addEventListener('click', () => timeline.setView(data.timeline.span.start, data.timeline.span.end));

  const palette = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2'];
  const charts: uPlot[] = [];
  let syncing = false;
  const shadeFaults = (u: uPlot): void => {
    const ctx = u.ctx;
    ctx.save();
    ctx.fillStyle = 'rgba(255,160,0,0.18)';
    const left = u.bbox.left;
    const right = u.bbox.left + u.bbox.width;
    for (const band of data.timeline.nemesis) {
      const x0 = Math.max(left, u.valToPos(band.start / 1000, 'x', true));
      const x1 = Math.min(right, Math.max(x0 + 2, u.valToPos(band.end / 1000, 'x', true)));
      if (x1 > x0) ctx.fillRect(x0, u.bbox.top, x1 - x0, u.bbox.height);
    }
    ctx.restore();
  };
  const chart = (id: string, series: { name: string; values: (number | null)[] }[], unit: string): void => {
    const el = document.getElementById(id);
    if (!el || data.series.x.length === 0 || series.length === 0) return;
    const opts: uPlot.Options = {
      width: Math.max(300, el.clientWidth), height: 220,
      series: [{ label: 'time (s)' }, ...series.map((s, i) => ({ label: s.name, stroke: palette[i % palette.length] as string, width: 1.5, spanGaps: true }))],
      axes: [{ label: 'seconds since start' }, { label: unit }],
      scales: { x: { time: false } },
      hooks: {
        drawClear: [shadeFaults],
        setScale: [(u: uPlot, key: string) => {
          if (key !== 'x' || syncing) return;
          const { min, max } = u.scales.x as { min: number; max: number };
          timeline.setView(min * 1000, max * 1000);
        }],
      },
    };
    // uPlot sets its scales while it is built: that is not a user's zoom to pass on.
    syncing = true;
    charts.push(new UPlot(opts, [data.series.x, ...series.map((s) => s.values)] as uPlot.AlignedData, el));
    syncing = false;
  };
  chart('latency', data.series.latency, 'ms');
  chart('throughput', data.series.throughput, 'per second');
  timeline.onView((t0, t1) => {
    syncing = true;
    for (const c of charts) c.setScale('x', { min: t0 / 1000, max: t1 / 1000 });
    syncing = false;
  });
  window.addEventListener('resize', () => {
    for (const c of charts) c.setSize({ width: Math.max(300, (c.root.parentElement as HTMLElement).clientWidth), height: 220 });
  });
  document.body.dataset.ready = 'true';
}
