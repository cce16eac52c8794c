// The overview's print stylesheet (window.print(); Electron and browsers save it as PDF):
// navigation, tabs and controls hidden, tiles on A4 landscape without breaking inside.
export const reportsPrintCss = `
@media print {
  @page { size: A4 landscape; margin: 8mm; }
  .sw-sider, .sw-header, .ant-tabs-nav, .sw-no-print { display: none !important; }
  .sw-frame, .sw-main, .sw-content { height: auto !important; overflow: visible !important; padding: 0 !important; background: #fff !important; }
  .sw-print-only { display: block !important; }
  [data-testid="reports-page"] .ant-card { break-inside: avoid; box-shadow: none !important; }
  [data-testid="reports-page"] .ant-table { font-size: 10px; }
}
`;
