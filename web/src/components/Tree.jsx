/**
 * A nested list with disclosure buttons (expand/collapse) — keyboard-usable
 * with Tab/Enter/Space. nodes: [{ id, children: [...] }]; expanded: Set of ids.
 * renderNode(node) renders the row content next to the toggle.
 */
export function Tree({ nodes, expanded, onToggle, renderNode, label, level = 1 }) {
  if (!nodes || !nodes.length) return null;
  return (
    <ul class={level === 1 ? 'tree' : 'tree__group'} aria-label={level === 1 ? label : undefined}>
      {nodes.map((n) => {
        const kids = n.children || [];
        const open = expanded.has(n.id);
        return (
          <li key={n.id} class="tree__item">
            <div class="tree__row">
              {kids.length ? (
                <button
                  type="button"
                  class="tree__toggle"
                  aria-expanded={open ? 'true' : 'false'}
                  onClick={() => onToggle(n.id)}
                >
                  <span aria-hidden="true">{open ? '▾' : '▸'}</span>
                  <span class="sr-only">{open ? 'Thu gọn' : 'Mở rộng'} {n.name}</span>
                </button>
              ) : (
                <span class="tree__spacer" aria-hidden="true" />
              )}
              {renderNode(n)}
            </div>
            {kids.length && open ? (
              <Tree nodes={kids} expanded={expanded} onToggle={onToggle} renderNode={renderNode} level={level + 1} />
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
