/// <reference lib="dom" />
import type { TimelineData } from './report-data.js';

/** What the page asks the timeline to do. Times in ms since the test start. */
export interface TimelineApi {
  setView(t0: number, t1: number): void;
  /** Zooms to [start, end] and outlines the given lanes there; `id` names it for the page and tests. */
  focus(opts: { id: string; start: number; end: number; lanes: number[]; sections: number[] }): void;
  onView(listener: (t0: number, t1: number) => void): void;
}

export interface TimelineMarks {
  lost: { lane: number; time: number; over: { lane: number; time: number } | null }[];
}

/**
 * The canvas timeline, run in the browser: one lane per process, critical sections as bars with
 * their tokens, double holders in red, `info` tails hatched to the end, fault bands behind. Canvas,
 * not DOM, so 100,000 ops draw in milliseconds. Inlined into report.html with Function#toString,
 * so it must reference nothing outside its own body.
 */
export function createTimeline(host: HTMLElement, data: TimelineData, marks: TimelineMarks): TimelineApi {
  const canvas = document.createElement('canvas');
  const overlay = document.createElement('div');
  const tip = document.createElement('div');
  overlay.id = 'timeline-highlight';
  overlay.className = 'highlight';
  overlay.hidden = true;
  tip.className = 'tip';
  tip.hidden = true;
  host.append(canvas, overlay, tip);
  const S = data.sections;
  const lanes = Math.max(1, data.lanes.length);
  // Lanes shrink to 3 px to fit a screen; past ~1,300 processes (a long run retires many) they
  // shrink further so the canvas stays under 4,000 px, within what a browser will allocate.
  const laneH = lanes * 3 <= 4000 ? Math.max(3, Math.min(26, Math.floor(560 / lanes))) : 4000 / lanes;
  const labelW = laneH >= 9 ? 120 : 40;
  const top = 22;
  const axisH = 22;
  const height = top + lanes * laneH + axisH;
  const full = { t0: data.span.start, t1: Math.max(data.span.end, data.span.start + 1) };
  const view = { t0: full.t0, t1: full.t1 };
  const listeners: ((t0: number, t1: number) => void)[] = [];
  let focused: { id: string; start: number; end: number; lanes: number[]; sections: number[] } | null = null;
  const faultColors = ['rgba(255,160,0,0.22)', 'rgba(148,103,189,0.22)', 'rgba(44,160,44,0.22)', 'rgba(140,86,75,0.22)', 'rgba(227,119,194,0.22)'];
  const faultNames = [...new Set(data.nemesis.map((b) => b.fault))];
  const byLane: number[][] = Array.from({ length: lanes }, () => []);
  for (let i = 0; i < S.lane.length; i++) (byLane[S.lane[i] as number] as number[]).push(i);

  const width = (): number => Math.max(300, host.clientWidth);
  const X = (t: number): number => labelW + ((t - view.t0) / (view.t1 - view.t0)) * (width() - labelW - 8);
  const T = (x: number): number => view.t0 + ((x - labelW) / (width() - labelW - 8)) * (view.t1 - view.t0);
  const laneY = (lane: number): number => top + lane * laneH;

  function draw(): void {
    const w = width();
    const ratio = window.devicePixelRatio || 1;
    canvas.width = w * ratio;
    canvas.height = height * ratio;
    canvas.style.width = `${w}px`;
    canvas.style.height = `${height}px`;
    const ctx = canvas.getContext('2d') as CanvasRenderingContext2D;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.font = '11px system-ui, sans-serif';
    ctx.clearRect(0, 0, w, height);
    for (let lane = 0; lane < lanes; lane += 2) {
      ctx.fillStyle = '#f6f7f9';
      ctx.fillRect(labelW, laneY(lane), w - labelW, laneH);
    }
    for (const band of data.nemesis) {
      const x0 = Math.max(labelW, X(band.start));
      const x1 = Math.min(w, Math.max(X(band.end), x0 + 2));
      if (x1 < labelW || x0 > w) continue;
      ctx.fillStyle = faultColors[faultNames.indexOf(band.fault) % faultColors.length] as string;
      ctx.fillRect(x0, top - 16, x1 - x0, lanes * laneH + 16);
      ctx.fillStyle = '#7a4b00';
      const label = `${band.fault}${band.targets.length ? ` ${band.targets.join(',')}` : ''}${band.healed ? '' : ' (not healed)'}`;
      if (x1 - x0 > ctx.measureText(label).width + 4 || x1 - x0 > 60) ctx.fillText(label, x0 + 2, top - 5, Math.max(20, x1 - x0 - 4));
    }
    // Uncertain tails run to the end of the history, not past it.
    const plotR = Math.min(w - 8, X(full.t1));
    for (let i = 0; i < S.lane.length; i++) {
      const x0 = X(S.start[i] as number);
      if (x0 > plotR) continue;
      const y = laneY(S.lane[i] as number) + 1;
      const h = laneH - 2;
      const x1 = X(S.end[i] as number);
      if (S.endKnown[i] === 0) {
        ctx.fillStyle = S.double[i] ? 'rgba(214,39,40,0.18)' : 'rgba(31,119,180,0.16)';
        ctx.fillRect(Math.max(labelW, x1), y, plotR - Math.max(labelW, x1), h);
      }
      if (x1 < labelW) continue;
      const bx = Math.max(labelW, x0);
      ctx.fillStyle = S.double[i] ? '#d62728' : '#1f77b4';
      ctx.fillRect(bx, y, Math.max(1, x1 - bx), h);
      const token = S.token[i];
      if (token !== null && token !== undefined && laneH >= 12 && x1 - bx > ctx.measureText(token).width + 6) {
        ctx.fillStyle = '#fff';
        ctx.fillText(token, bx + 3, y + h - 3);
      }
    }
    ctx.strokeStyle = 'rgba(120,120,120,0.45)';
    for (let i = 0; i < data.possible.lane.length; i++) {
      const x0 = Math.max(labelW, X(data.possible.start[i] as number));
      if (x0 > plotR) continue;
      const y = laneY(data.possible.lane[i] as number) + laneH / 2;
      ctx.setLineDash([3, 3]);
      ctx.beginPath();
      ctx.moveTo(x0, y);
      ctx.lineTo(plotR, y);
      ctx.stroke();
    }
    ctx.setLineDash([]);
    // Many lost elements would hide the bars under their lines: then only the selected one has its line.
    const r = Math.min(5, laneH / 2 + 1);
    marks.lost.forEach((lost, index) => {
      const x = X(lost.time);
      const y = laneY(lost.lane) + laneH / 2;
      ctx.fillStyle = '#ff7f0e';
      ctx.beginPath();
      ctx.moveTo(x, y - r); ctx.lineTo(x + r, y); ctx.lineTo(x, y + r); ctx.lineTo(x - r, y);
      ctx.fill();
      if (lost.over && (marks.lost.length <= 30 || focused?.id === `lost-${index}`)) {
        ctx.strokeStyle = '#ff7f0e';
        ctx.beginPath();
        ctx.moveTo(x, y);
        ctx.lineTo(X(lost.over.time), laneY(lost.over.lane) + laneH / 2);
        ctx.stroke();
      }
    });
    if (data.finalRead) {
      const x = X(data.finalRead.time);
      ctx.strokeStyle = '#2ca02c';
      ctx.setLineDash([4, 3]);
      ctx.beginPath();
      ctx.moveTo(x, top - 16);
      ctx.lineTo(x, top + lanes * laneH);
      ctx.stroke();
      ctx.setLineDash([]);
      ctx.fillStyle = '#2ca02c';
      ctx.fillText(`final read${data.finalRead.size === null ? '' : ` (${data.finalRead.size})`}`, Math.min(x + 3, w - 90), top + lanes * laneH - 3);
    }
    if (focused) {
      ctx.strokeStyle = '#000';
      ctx.lineWidth = 2;
      for (const i of focused.sections) {
        if (i < 0) continue;
        const x0 = Math.max(labelW, X(S.start[i] as number));
        ctx.strokeRect(x0, laneY(S.lane[i] as number), Math.max(2, X(S.end[i] as number) - x0), laneH);
      }
      ctx.lineWidth = 1;
    }
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, labelW, height);
    ctx.fillStyle = '#333';
    if (laneH >= 9) data.lanes.forEach((l, lane) => ctx.fillText(l.label, 4, laneY(lane) + laneH - 3, labelW - 8));
    else ctx.fillText(`${lanes} processes`, 4, top + 12, labelW - 8);
    const axisY = top + lanes * laneH;
    const span = view.t1 - view.t0;
    const step = [1, 2, 5].map((m) => m * 10 ** Math.floor(Math.log10(span / 8))).find((s) => span / s <= 10) ?? span / 8;
    for (let t = Math.ceil(view.t0 / step) * step; t <= view.t1; t += step) {
      const x = X(t);
      ctx.fillRect(x, axisY, 1, 4);
      ctx.fillText(`${(t / 1000).toFixed(step < 1000 ? 3 - Math.max(0, Math.floor(Math.log10(step))) : 0)} s`, x + 2, axisY + 14);
    }
    placeOverlay();
  }

  function placeOverlay(): void {
    if (!focused) return;
    const x0 = Math.max(labelW, X(focused.start));
    const x1 = Math.max(x0 + 3, X(focused.end));
    const ys = focused.lanes.filter((l) => l >= 0).map(laneY);
    const y0 = ys.length ? Math.min(...ys) : top;
    const y1 = ys.length ? Math.max(...ys) + laneH : top + lanes * laneH;
    Object.assign(overlay.style, { left: `${x0 - 2}px`, top: `${y0 - 2}px`, width: `${x1 - x0 + 4}px`, height: `${y1 - y0 + 4}px` });
    overlay.hidden = false;
  }

  function setView(t0: number, t1: number, quiet = false): void {
    const span = Math.min(full.t1 - full.t0, Math.max(0.05, t1 - t0));
    view.t0 = Math.max(full.t0, Math.min(t0, full.t1 - span));
    view.t1 = view.t0 + span;
    draw();
    if (!quiet) for (const l of listeners) l(view.t0, view.t1);
  }

  canvas.addEventListener('wheel', (e) => {
    e.preventDefault();
    const at = T(e.offsetX);
    const k = e.deltaY > 0 ? 1.25 : 0.8;
    setView(at - (at - view.t0) * k, at + (view.t1 - at) * k);
  }, { passive: false });
  let drag: { x: number; t0: number; t1: number } | null = null;
  canvas.addEventListener('mousedown', (e) => { drag = { x: e.offsetX, t0: view.t0, t1: view.t1 }; });
  window.addEventListener('mouseup', () => { drag = null; });
  canvas.addEventListener('dblclick', () => setView(full.t0, full.t1));
  canvas.addEventListener('mouseleave', () => { tip.hidden = true; });
  canvas.addEventListener('mousemove', (e) => {
    if (drag) {
      const dt = ((drag.x - e.offsetX) / (width() - labelW - 8)) * (drag.t1 - drag.t0);
      setView(drag.t0 + dt, drag.t1 + dt);
      return;
    }
    const lane = Math.floor((e.offsetY - top) / laneH);
    const t = T(e.offsetX);
    const hit = (byLane[lane] ?? []).find((i) => (S.start[i] as number) <= t && (S.endKnown[i] ? (S.end[i] as number) : full.t1) >= t);
    if (hit === undefined) {
      tip.hidden = true;
      return;
    }
    const until = S.endKnown[hit] ? `${((S.end[hit] as number) / 1000).toFixed(3)} s` : `at least ${((S.end[hit] as number) / 1000).toFixed(3)} s (end unknown)`;
    tip.textContent = `${data.lanes[lane]?.label ?? ''} token ${S.token[hit] ?? 'none'}: held from ${((S.start[hit] as number) / 1000).toFixed(3)} s to ${until}${S.double[hit] ? ', double holder' : ''}`;
    Object.assign(tip.style, { left: `${Math.min(e.offsetX + 12, width() - 260)}px`, top: `${e.offsetY + 12}px` });
    tip.hidden = false;
  });
  window.addEventListener('resize', () => draw());
  draw();

  return {
    setView: (t0, t1) => setView(t0, t1, true),
    onView: (listener) => { listeners.push(listener); },
    focus(opts) {
      focused = opts;
      overlay.dataset.id = opts.id;
      // The whole of both holders' sections, so the story before and after the overlap shows.
      const known = opts.sections.filter((i) => i >= 0);
      const from = Math.min(opts.start, ...known.map((i) => S.start[i] as number));
      const to = Math.max(opts.end, ...known.map((i) => S.end[i] as number));
      const pad = Math.max(100, (to - from) * 0.15);
      setView(from - pad, to + pad);
      host.scrollIntoView({ block: 'nearest' });
    },
  };
}
