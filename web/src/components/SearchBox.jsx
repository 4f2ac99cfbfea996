// The search box in the intranet header (issue 15): a role="search" form that opens
// /app/tim-kiem?q=… (the results page, pages/Search.jsx). Plain form semantics: Enter submits,
// the field keeps what was typed, and the results page fills it from the address.
import { useEffect, useState } from 'preact/hooks';
import { navigate, queryOf, withQuery } from '../router.js';

export function SearchBox({ path, search }) {
  const current = path === '/app/tim-kiem' ? queryOf(search || '').q || '' : '';
  const [q, setQ] = useState(current);
  // Back/forward between result pages shows the query of the page.
  useEffect(() => setQ(current), [current]);
  const submit = (e) => {
    e.preventDefault();
    const text = q.trim();
    if (text.length < 2) return;
    navigate(withQuery('/app/tim-kiem', { q: text }));
  };
  return (
    <form class="app-search" role="search" aria-label="Tìm kiếm" onSubmit={submit}>
      <label for="app-search-q" class="sr-only">
        Tìm kiếm
      </label>
      <input
        id="app-search-q"
        class="app-search__input"
        type="search"
        name="q"
        value={q}
        onInput={(e) => setQ(e.currentTarget.value)}
        minLength={2}
        maxLength={100}
        autocomplete="off"
        placeholder="Tìm kế hoạch, nhiệm vụ, thủ tục…"
      />
      <button type="submit" class="btn btn--light btn--small app-search__go">
        Tìm
      </button>
    </form>
  );
}
