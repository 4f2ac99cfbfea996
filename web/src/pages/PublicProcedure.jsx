// /thu-tuc/:code — a procedure as citizens read it: its seven published components, the online
// level with the way to apply online, the fee and time limit, and the procedure that replaces it
// when it was abolished.
import { PublicLayout, PageHeader } from '../components/Layout.jsx';
import { Link } from '../components/Link.jsx';
import { Badge } from '../components/Badge.jsx';
import { ProblemAlert } from '../components/ProblemAlert.jsx';
import { api } from '../api.js';
import { formatDate } from '../format.js';
import { useAsync, usePageTitle } from '../hooks.js';
import { COMPONENTS, Lines, OnlineBadge, ProcedureFormList, StatusBadge, feeText, levelsText, timeLimitText } from './ProcedureCommon.jsx';

/** The national public service portal's page of a procedure, where dossiers are filed online. */
export const dvcUrl = (code) => `https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=${encodeURIComponent(code)}`;

export function ProcedureFacts({ p }) {
  return (
    <dl class="facts">
      <dt>Mã thủ tục</dt>
      <dd class="proc-code">{p.code}</dd>
      <dt>Lĩnh vực</dt>
      <dd>{p.field_name}</dd>
      <dt>Cấp thực hiện</dt>
      <dd>{levelsText(p.levels)}</dd>
      <dt>Cơ quan thực hiện</dt>
      <dd>{p.agency || p.agency_unit_name || '—'}</dd>
      <dt>Thời hạn giải quyết</dt>
      <dd>{timeLimitText(p)}</dd>
      <dt>Phí, lệ phí</dt>
      <dd>{feeText(p)}</dd>
      <dt>Quyết định công bố</dt>
      <dd>
        {p.decision_no ? `Số ${p.decision_no}` : '—'}
        {p.decision_date ? ` ngày ${formatDate(p.decision_date)}` : ''}
        {p.effective_date ? ` (hiệu lực từ ${formatDate(p.effective_date)})` : ''}
      </dd>
    </dl>
  );
}

export function ProcedureBadges({ p }) {
  return (
    <div class="proc-badges">
      <OnlineBadge level={p.online_level} />
      {p.status !== 'in_force' ? <StatusBadge status={p.status} /> : null}
      {p.postal ? <Badge tone="info">Nhận, trả qua bưu chính công ích</Badge> : null}
      {p.boundary_free ? <Badge tone="info">Không phụ thuộc địa giới hành chính</Badge> : null}
      {p.four_on_spot ? <Badge tone="info">"4 tại chỗ"</Badge> : null}
    </div>
  );
}

export function ProcedureComponents({ p }) {
  const sections = [...COMPONENTS, ['requirements', 'Yêu cầu, điều kiện'], ['result', 'Kết quả thực hiện'], ['legal_basis', 'Căn cứ pháp lý']];
  return sections.map(([key, label]) => (
    <section class="proc-section" key={key} aria-labelledby={`sec-${key}`}>
      <h2 id={`sec-${key}`}>{label}</h2>
      <Lines text={key === 'agency' ? p.agency || p.agency_unit_name : key === 'time_limit_text' && p.time_limit_value ? timeLimitText(p) : p[key]} />
    </section>
  ));
}

export function PublicProcedure({ params }) {
  const code = params.code;
  const proc = useAsync(() => api.get(`/public/procedures/${encodeURIComponent(code)}`, undefined, { auth: false }), [code]);
  const p = proc.data;
  usePageTitle(p ? p.name : 'Thủ tục hành chính');
  return (
    <PublicLayout>
      <p>
        <Link href="/thu-tuc">← Tra cứu thủ tục hành chính</Link>
      </p>
      {proc.error ? (
        proc.error.status === 404 ? (
          <>
            <PageHeader title="Không tìm thấy thủ tục" lead={`Không có thủ tục nào mang mã ${code} trong danh mục của tỉnh.`} />
            <p>
              Hãy <Link href="/thu-tuc">tìm theo tên thủ tục</Link>.
            </p>
          </>
        ) : (
          <ProblemAlert error={proc.error} focus={false} onRetry={proc.reload} />
        )
      ) : null}
      {proc.loading && !p ? (
        <p class="loading" role="status">
          Đang tải…
        </p>
      ) : null}
      {p ? (
        <article aria-labelledby="proc-title">
          <div class="page-header">
            <div>
              <h1 id="proc-title" class="page-title">
                {p.name}
              </h1>
              <p class="page-lead">
                Mã thủ tục <span class="proc-code">{p.code}</span> · {p.field_name}
              </p>
            </div>
          </div>
          <ProcedureBadges p={p} />
          {p.status === 'abolished' ? (
            <div class="alert alert--error" role="note">
              <p class="alert__title">Thủ tục này đã bị bãi bỏ{p.status_date ? ` từ ngày ${formatDate(p.status_date)}` : ''}.</p>
              {p.replaced_by ? (
                <p>
                  Thủ tục thay thế: <Link href={`/thu-tuc/${p.replaced_by}`}>mã {p.replaced_by}</Link>.
                </p>
              ) : null}
            </div>
          ) : null}
          {p.status !== 'abolished' && p.online_level !== 'none' ? (
            <div class="proc-submit">
              <a class="btn btn--primary" href={dvcUrl(p.code)} rel="noopener noreferrer" target="_blank">
                Nộp trực tuyến
                <span class="sr-only"> (mở Cổng Dịch vụ công quốc gia trong thẻ mới)</span>
              </a>
              <span class="muted small">
                {p.online_level === 'full'
                  ? 'Toàn bộ thủ tục được thực hiện trực tuyến, kể cả nhận kết quả.'
                  : 'Nộp hồ sơ trực tuyến; một số bước thực hiện trực tiếp tại cơ quan.'}
              </span>
            </div>
          ) : null}
          <div class="card">
            <ProcedureFacts p={p} />
          </div>
          <ProcedureComponents p={p} />
          <section class="proc-section" aria-labelledby="sec-forms">
            <h2 id="sec-forms">Mẫu đơn, tờ khai</h2>
            {p.forms?.length ? (
              <ProcedureFormList forms={p.forms} href={(f) => `/api/v1/public/procedures/${encodeURIComponent(p.code)}/forms/${f.n}`} />
            ) : null}
            {/* Only the files the catalogue's staff uploaded are served here; for the rest the
                national portal's page of the procedure is the source, never an invented file. */}
            <p>
              {p.forms?.length ? 'Mẫu đơn, tờ khai cũng có tại' : 'Mẫu đơn, tờ khai của thủ tục (nếu có) được nêu trong thành phần hồ sơ ở trên; tệp mẫu để tải về có tại'}{' '}
              <a href={dvcUrl(p.code)} rel="noopener noreferrer" target="_blank">
                trang thủ tục trên Cổng Dịch vụ công quốc gia
                <span class="sr-only"> (mở trong thẻ mới)</span>
              </a>
              .
            </p>
          </section>
          <section class="proc-section proc-feedback" aria-labelledby="sec-feedback">
            <h2 id="sec-feedback">Phản ánh, kiến nghị</h2>
            <p>Thấy quy định của thủ tục chưa hợp lý, hoặc việc thực hiện chưa đúng quy định?</p>
            <p>
              <Link class="btn btn--secondary" href={`/phan-anh?thu_tuc=${encodeURIComponent(p.code)}`}>
                Gửi phản ánh về thủ tục này
              </Link>
            </p>
          </section>
        </article>
      ) : null}
    </PublicLayout>
  );
}
