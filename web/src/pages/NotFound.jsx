import { PublicLayout, PageHeader } from '../components/Layout.jsx';
import { Link } from '../components/Link.jsx';
import { usePageTitle } from '../hooks.js';

function Body({ home }) {
  return (
    <>
      <PageHeader title="Không tìm thấy trang" lead="Địa chỉ bạn truy cập không tồn tại hoặc đã được chuyển đi." />
      <p>
        Vui lòng kiểm tra lại đường dẫn, hoặc quay về <Link href={home}>{home === '/' ? 'trang chủ' : 'trang làm việc'}</Link>.
      </p>
    </>
  );
}

/** Unknown public route. */
export function NotFound() {
  usePageTitle('Không tìm thấy trang');
  return (
    <PublicLayout>
      <Body home="/" />
    </PublicLayout>
  );
}

/** Unknown route inside the intranet (rendered inside AppLayout). */
export function AppNotFound() {
  usePageTitle('Không tìm thấy trang');
  return <Body home="/app" />;
}
