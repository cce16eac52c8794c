// The print stylesheet, added by the print view as a <style> element while it is shown.
export const printCss = `
/* Printing a worksheet (window.print(); Electron and browsers can save as PDF). Scoped to
   the print view, which sets this class on <body> while it is shown: only the worksheet
   prints, on A4 landscape, without the app's navigation and buttons. */
@media print {
  @page { size: A4 landscape; margin: 10mm; }
  body.sw-print-negotiation .sw-sider,
  body.sw-print-negotiation .sw-header,
  body.sw-print-negotiation .sw-no-print { display: none !important; }
  body.sw-print-negotiation .sw-frame, body.sw-print-negotiation .sw-main,
  body.sw-print-negotiation .sw-content { height: auto !important; overflow: visible !important; padding: 0 !important; background: #fff !important; }
  body.sw-print-negotiation .sw-print-sheet { box-shadow: none !important; border: 0 !important; padding: 0 !important; }
  body.sw-print-negotiation .sw-print-avoid-break { break-inside: avoid; }
}
.sw-print-sheet { background: #fff; padding: 16px 20px; max-width: 1100px; margin: 0 auto; box-shadow: 0 1px 4px rgba(0, 0, 0, 0.12); font-size: 12px; }
.sw-print-sheet h1 { font-size: 18px; margin: 0 0 4px; }
.sw-print-sheet h2 { font-size: 14px; margin: 14px 0 6px; }
.sw-print-sheet table { border-collapse: collapse; width: 100%; }
.sw-print-sheet th, .sw-print-sheet td { border: 1px solid #d0d7de; padding: 2px 6px; text-align: left; vertical-align: top; }
.sw-print-sheet th { background: #eef2f7; }
.sw-print-sheet td.num { text-align: right; white-space: nowrap; }
.sw-print-ladders { display: grid; grid-template-columns: 1fr 1fr; gap: 10px; }
.sw-print-check-error { color: #cf222e; }
.sw-print-check-warning { color: #9a6700; }
`;
