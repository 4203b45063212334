/** The page's stylesheet: plain, readable in print, nothing fetched. */
export const REPORT_CSS = `
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0; color: #1d2330; background: #fff; }
main { max-width: 1400px; margin: 0 auto; padding: 16px 24px 48px; }
h1 { font-size: 20px; margin: 8px 0; } h2 { font-size: 16px; margin: 28px 0 8px; border-bottom: 1px solid #e3e6ea; padding-bottom: 4px; }
.verdict { display: inline-block; padding: 4px 12px; border-radius: 4px; font-weight: 700; letter-spacing: .04em; color: #fff; margin-right: 10px; }
.verdict.valid { background: #2e8540; } .verdict.invalid { background: #c62828; } .verdict.unknown { background: #8a6d00; }
.summary { margin: 6px 0 0; } .note { background: #fff6d6; border-left: 4px solid #e0b000; padding: 6px 10px; margin: 8px 0; }
table { border-collapse: collapse; } td, th { text-align: left; padding: 3px 10px 3px 0; vertical-align: top; }
td.v-valid { color: #2e8540; font-weight: 600; } td.v-invalid { color: #c62828; font-weight: 600; } td.v-unknown { color: #8a6d00; font-weight: 600; }
td.muted, span.muted { color: #6b7280; }
#timeline { position: relative; user-select: none; cursor: grab; }
#timeline canvas { display: block; }
.highlight { position: absolute; border: 2px solid #000; background: rgba(255,235,59,.25); pointer-events: none; box-shadow: 0 0 0 2px #ffeb3b; }
.tip { position: absolute; background: #1d2330; color: #fff; padding: 4px 8px; border-radius: 3px; font-size: 12px; pointer-events: none; max-width: 420px; }
.legend span { display: inline-block; margin-right: 14px; font-size: 12px; } .legend i { display: inline-block; width: 14px; height: 10px; margin-right: 4px; vertical-align: -1px; }
ol.findings { max-height: 320px; overflow: auto; margin: 0; padding-left: 32px; border: 1px solid #e3e6ea; }
ol.findings li { cursor: pointer; padding: 3px 4px; } ol.findings li:hover { background: #f1f5fb; } ol.findings li.selected { background: #ffeb3b66; }
pre { background: #f6f7f9; padding: 8px 10px; overflow: auto; max-height: 420px; font-size: 12px; }
button { font: inherit; padding: 2px 10px; }
.charts { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; } @media (max-width: 900px) { .charts { grid-template-columns: 1fr; } }
`;
