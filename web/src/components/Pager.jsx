import { formatNumber } from '../format.js';

/** "Hiển thị 1–20 trên 123" with previous/next page buttons. */
export function Pager({ page, perPage, total, onPage }) {
  const pages = Math.max(1, Math.ceil((total || 0) / perPage));
  const from = total ? (page - 1) * perPage + 1 : 0;
  const to = Math.min(total || 0, page * perPage);
  return (
    <nav class="pager" aria-label="Phân trang">
      <p class="pager__info" aria-live="polite">
        {total
          ? `Hiển thị ${formatNumber(from)}–${formatNumber(to)} trên ${formatNumber(total)} · Trang ${formatNumber(page)}/${formatNumber(pages)}`
          : 'Không có kết quả'}
      </p>
      <div class="pager__buttons">
        <button type="button" class="btn btn--secondary" disabled={page <= 1} onClick={() => onPage(page - 1)}>
          ‹ Trang trước
        </button>
        <button type="button" class="btn btn--secondary" disabled={page >= pages} onClick={() => onPage(page + 1)}>
          Trang sau ›
        </button>
      </div>
    </nav>
  );
}
