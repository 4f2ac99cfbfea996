/**
 * A data table in a horizontally scrollable, keyboard-focusable region.
 * columns: [{ key, label, render?(row), className? }]; className: extra classes on
 * the <table> (e.g. stack-table: one card per row on narrow screens).
 */
export function Table({ caption, columns, rows, rowKey = (r) => r.id, empty = 'Không có dữ liệu.', loading = false, className = '' }) {
  return (
    <div class="table-wrap" role="region" aria-label={caption} tabIndex={0}>
      <table class={className ? `table ${className}` : 'table'} aria-busy={loading ? 'true' : undefined}>
        <caption class="sr-only">{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.key} scope="col" class={c.className}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows && rows.length ? (
            rows.map((r) => (
              <tr key={rowKey(r)}>
                {columns.map((c) => (
                  <td key={c.key} class={c.className} data-label={c.label}>
                    {c.render ? c.render(r) : r[c.key]}
                  </td>
                ))}
              </tr>
            ))
          ) : (
            <tr>
              <td colSpan={columns.length} class="table__empty">
                {loading ? 'Đang tải dữ liệu…' : empty}
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
