// A page or dialog on its way: a ring drawn in CSS (frame.css), no Ant Design needed.
export function Spinner({ margin = 40 }: { margin?: number }) {
  return <div className="sw-spinner" role="status" aria-busy="true" style={{ margin }} />;
}
