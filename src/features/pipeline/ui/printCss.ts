// The review's print stylesheet (window.print(); Electron and browsers can save as PDF),
// present only while the review is shown: the app's navigation, the tab bar and the
// controls disappear, the review fills A4 landscape, charts and tables avoid page breaks.
export const reviewPrintCss = `
@media print {
  @page { size: A4 landscape; margin: 8mm; }
  .sw-sider, .sw-header, .ant-tabs-nav, .sw-no-print { display: none !important; }
  .sw-frame, .sw-main, .sw-content { height: auto !important; overflow: visible !important; padding: 0 !important; background: #fff !important; }
  .sw-print-only { display: block !important; }
  .sw-print-review .ant-card { break-inside: avoid; box-shadow: none !important; }
  .sw-print-review .ant-table { font-size: 10px; }
}
`;
