// /app/bao-cao/:id/in — the report as the official document, for printing on A4 (Reports.css holds
// the @media print rules that drop the app's header, menu and buttons): the heading with the unit,
// its parent, the number and the date, the title "BÁO CÁO Tình hình, kết quả thực hiện công tác
// kiểm soát TTHC quý …" (6 tháng / năm), the narrative in its three parts, the four tables, and the
// signature block.
import { useMemo } from 'preact/hooks';
import { Link } from '../components/Link.jsx';
import { ProblemAlert } from '../components/ProblemAlert.jsx';
import { api } from '../api.js';
import { formatDate } from '../format.js';
import { useAsync, usePageTitle } from '../hooks.js';
import { indexById, loadUnitTree } from '../units.js';
import { DossierTable, FigureTable, OverdueList, feedbackRows, inspectionRows, periodPhrase, registryRows, planRows, procedureRows, reportName } from './ReportsCommon.jsx';
import { NARRATIVE } from './ReportDetail.jsx';

/** "ngày 05 tháng 10 năm 2026" from an ISO date or instant. */
function longDate(value) {
  const d = formatDate(value);
  if (!d) return 'ngày … tháng … năm …';
  const [dd, mm, yy] = d.split('/');
  return `ngày ${dd} tháng ${mm} năm ${yy}`;
}

/** The subject line under "BÁO CÁO". */
function subject(r) {
  // An ad hoc report's title usually starts with "Báo cáo": the heading already says it.
  if (r.period_kind === 'adhoc' && r.title) return r.title.replace(/^báo cáo\s+/i, '').replace(/^./, (c) => c.toUpperCase());
  return `Tình hình, kết quả thực hiện công tác kiểm soát TTHC ${periodPhrase(r.period)}`;
}

export function ReportPrint({ params }) {
  const data = useAsync(() => api.get(`/reports/${params.id}`), [params.id]);
  const tree = useAsync(() => loadUnitTree(), []);
  const byId = useMemo(() => indexById(tree.data || []), [tree.data]);
  const r = data.data;
  usePageTitle(r ? `Bản in — ${reportName(r)}` : 'Bản in báo cáo');
  // The heading names the parent unit from the tree: wait for it too, so the page never shows (or
  // prints) a heading that is about to change.
  if (!r || tree.loading) {
    return (
      <>
        <ProblemAlert error={data.error} onRetry={data.reload} />
        {data.loading || tree.loading ? (
          <p class="loading" role="status">
            Đang tải…
          </p>
        ) : null}
      </>
    );
  }
  const parent = r.unit?.parent_id ? byId.get(r.unit.parent_id) : null;
  const n = r.narrative || {};
  return (
    <article class="rep-print" aria-label="Bản in báo cáo">
      <div class="rep-print__tools no-print">
        <Link href={`/app/bao-cao/${r.id}`}>← Về báo cáo</Link>
        <button type="button" class="btn btn--primary" onClick={() => window.print()}>
          In báo cáo
        </button>
        <p class="muted small">Khổ giấy A4, hướng dọc; bảng số liệu hồ sơ in ở trang ngang nếu trình duyệt hỗ trợ.</p>
      </div>
      <header class="rep-doc-head">
        <div class="rep-doc-head__unit">
          {parent ? <p class="rep-doc-head__parent">{parent.name.toUpperCase()}</p> : null}
          <p class="rep-doc-head__name">{(r.unit?.name || '').toUpperCase()}</p>
          <p class="rep-doc-head__rule" aria-hidden="true" />
          <p>Số: {r.number || '……/BC-……'}</p>
        </div>
        <div class="rep-doc-head__nation">
          <p class="rep-doc-head__country">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</p>
          <p class="rep-doc-head__motto">Độc lập - Tự do - Hạnh phúc</p>
          <p class="rep-doc-head__rule" aria-hidden="true" />
          <p class="rep-doc-head__date">{longDate(r.submitted_at || r.computed_at)}</p>
        </div>
      </header>
      <h1 class="rep-doc-title">
        <span class="rep-doc-title__kind">BÁO CÁO</span>
        <span class="rep-doc-title__subject">{subject(r)}</span>
      </h1>
      <p class="rep-doc-window">
        (Số liệu từ ngày {formatDate(r.window?.from)} đến ngày {formatDate(r.window?.to)})
      </p>

      <h2>I. {NARRATIVE[0][1].toUpperCase()}</h2>
      <p class="rep-pre">{n.results}</p>
      <h3>1. Tình hình, kết quả giải quyết TTHC</h3>
      <DossierTable report={r} />
      <h3>2. Tiếp nhận, xử lý phản ánh, kiến nghị</h3>
      <FigureTable caption="Phản ánh, kiến nghị" rows={feedbackRows(r)} report={r} />
      <h3>3. Công bố, công khai và thực hiện TTHC</h3>
      <FigureTable caption="Thủ tục hành chính" rows={procedureRows()} report={r} />
      <h3>4. Thực hiện kế hoạch kiểm soát TTHC</h3>
      <FigureTable caption="Thực hiện kế hoạch" rows={planRows()} report={r} />
      {(r.tables?.plan?.overdue_list || []).length ? (
        <>
          <p>Nhiệm vụ quá hạn:</p>
          <OverdueList report={r} />
        </>
      ) : null}
      <h3>5. Kiểm tra công tác kiểm soát TTHC</h3>
      <FigureTable caption="Kiểm tra" rows={inspectionRows()} report={r} />
      <h3>6. Cán bộ đầu mối, tập huấn và kinh phí</h3>
      <FigureTable caption="Cán bộ đầu mối, tập huấn, kinh phí" rows={registryRows()} report={r} />
      <h2>II. {NARRATIVE[1][1].toUpperCase()}</h2>
      <p class="rep-pre">{n.difficulties}</p>
      <h2>III. {NARRATIVE[2][1].toUpperCase()}</h2>
      <p class="rep-pre">{n.proposals}</p>

      <footer class="rep-doc-sign">
        <div class="rep-doc-sign__to">
          <p class="strong">
            <em>Nơi nhận:</em>
          </p>
          <p>- {parent ? parent.name : 'Cơ quan cấp trên'};</p>
          <p>- Lưu: VT.</p>
        </div>
        <div class="rep-doc-sign__by">
          <p class="strong">THỦ TRƯỞNG ĐƠN VỊ</p>
          <p class="muted small no-print">(Ký, ghi rõ họ tên, đóng dấu)</p>
        </div>
      </footer>
    </article>
  );
}
