// Pages loaded on demand (dynamic import → their own chunk), so the public home page downloads
// only what it shows: the intranet, the charts and the importers stay out of its first load.
import { useEffect, useState } from 'preact/hooks';

/** A component that renders `name` from the module `load()` resolves to, once it has loaded. */
export function lazy(load, name) {
  let cached = null;
  return function Lazy(props) {
    const [Page, setPage] = useState(() => cached);
    const [failed, setFailed] = useState(false);
    useEffect(() => {
      if (Page) return;
      load().then(
        (m) => {
          cached = m[name];
          setPage(() => m[name]);
        },
        () => setFailed(true),
      );
    }, []);
    if (failed) {
      return (
        <p class="alert alert--error" role="alert">
          Không tải được trang. Vui lòng tải lại trang.
        </p>
      );
    }
    return Page ? (
      <Page {...props} />
    ) : (
      <p class="loading" role="status">
        Đang tải…
      </p>
    );
  };
}
