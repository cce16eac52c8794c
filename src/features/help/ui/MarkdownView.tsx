import { Fragment } from 'react';
import { Typography } from 'antd';
import type { Block, Inline } from '../markdown';

// Renders parsed Markdown as React elements: text is always text, never HTML.

function Inlines({ parts }: { parts: Inline[] }) {
  return (
    <>
      {parts.map((p, i) =>
        p.kind === 'bold' ? (
          <strong key={i}>{p.text}</strong>
        ) : p.kind === 'code' ? (
          <code key={i}>{p.text}</code>
        ) : (
          <Fragment key={i}>{p.text}</Fragment>
        ),
      )}
    </>
  );
}

export function MarkdownView({ blocks }: { blocks: Block[] }) {
  return (
    <Typography>
      {blocks.map((b, i) => {
        switch (b.kind) {
          case 'heading':
            return (
              <Typography.Title key={i} level={Math.min(5, b.level + 1) as 2 | 3 | 4 | 5} id={`doc-${b.id}`} data-doc-section={b.id}>
                <Inlines parts={b.text} />
              </Typography.Title>
            );
          case 'paragraph':
            return (
              <Typography.Paragraph key={i}>
                <Inlines parts={b.text} />
              </Typography.Paragraph>
            );
          case 'list': {
            const items = b.items.map((it, j) => (
              <li key={j}>
                <Inlines parts={it} />
              </li>
            ));
            return b.ordered ? (
              <ol key={i} start={b.start}>
                {items}
              </ol>
            ) : (
              <ul key={i}>{items}</ul>
            );
          }
          case 'table':
            return (
              <table key={i} className="sw-doc-table" style={{ borderCollapse: 'collapse', marginBottom: 16 }}>
                <thead>
                  <tr>
                    {b.header.map((c, j) => (
                      <th key={j} style={{ border: '1px solid #ddd', padding: '4px 8px', background: '#fafafa', textAlign: 'left' }}>
                        <Inlines parts={c} />
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {b.rows.map((r, j) => (
                    <tr key={j}>
                      {r.map((c, k) => (
                        <td key={k} style={{ border: '1px solid #ddd', padding: '4px 8px' }}>
                          <Inlines parts={c} />
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            );
        }
      })}
    </Typography>
  );
}
