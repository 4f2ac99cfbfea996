// /bang-xep-hang: the public scoreboard — ranking of units by the Bộ chỉ số 766 figures for a
// month, quarter or year, and the month's list of units with late dossiers (công khai danh
// sách chậm muộn). Public API only; no dossier codes.
import { api } from '../api.js';
import { useAsync, usePageTitle } from '../hooks.js';
import { navigate, queryOf } from '../router.js';
import { PageHeader, PublicLayout } from '../components/Layout.jsx';
import { ProblemAlert } from '../components/ProblemAlert.jsx';
import { ChartPanel, PartialNote, PeriodFilter, num, pct, periodFromQuery, RankingFilters } from './DashboardWidgets.jsx';

const LEVELS = [
  ['district', 'UBND cấp huyện'],
  ['department', 'Sở, ban, ngành'],
  ['commune', 'UBND cấp xã'],
];

const METRICS = [
  ['score766', 'Điểm Bộ chỉ số 766', 'decimal'],
  ['ontime_rate', 'Tỷ lệ đúng hạn', 'rate'],
  ['online_rate', 'Tỷ lệ trực tuyến', 'rate'],
  ['digitization_rate', 'Tỷ lệ số hóa', 'rate'],
  ['online_payment_rate', 'Tỷ lệ thanh toán trực tuyến', 'rate'],
  ['satisfaction_rate', 'Tỷ lệ hài lòng', 'rate'],
];

const RANK_COLUMNS = [
  { key: 'rank', label: 'Hạng', type: 'number' },
  { key: 'unit', label: 'Đơn vị', type: 'text', value: (r) => r.unit.name },
  { key: 'score', label: 'Điểm 766', type: 'decimal', value: (r) => r.score766.total },
  { key: 'received', label: 'Tiếp nhận', type: 'number' },
  { key: 'resolved', label: 'Đã giải quyết', type: 'number' },
  { key: 'ontime_rate', label: 'Đúng hạn', type: 'rate' },
  { key: 'online_rate', label: 'Trực tuyến', type: 'rate' },
  { key: 'digitization_rate', label: 'Số hóa', type: 'rate' },
  { key: 'online_payment_rate', label: 'Thanh toán TT', type: 'rate' },
  { key: 'satisfaction_rate', label: 'Hài lòng', type: 'rate' },
];

const LATE_COLUMNS = [
  { key: 'unit', label: 'Đơn vị', type: 'text', value: (r) => r.unit.name },
  { key: 'resolved', label: 'Hồ sơ đã giải quyết', type: 'number' },
  { key: 'resolved_late', label: 'Giải quyết quá hạn', type: 'number' },
  { key: 'in_progress_overdue', label: 'Đang quá hạn cuối kỳ', type: 'number' },
  { key: 'resolved_late_apology', label: 'Đã có thư xin lỗi', type: 'number' },
  { key: 'apology_coverage', label: 'Tỷ lệ có thư xin lỗi', type: 'rate' },
];

export function Scoreboard({ search }) {
  usePageTitle('Bảng xếp hạng giải quyết thủ tục hành chính');
  const query = queryOf(search || '');
  const period = periodFromQuery(query);
  const level = LEVELS.some(([k]) => k === query.level) ? query.level : 'district';
  const metric = METRICS.some(([k]) => k === query.metric) ? query.metric : 'score766';
  const metricDef = METRICS.find(([k]) => k === metric);
  const setQuery = (changes) => {
    const next = { ...query, ...changes };
    if (changes.kind && changes.kind !== 'custom') {
      delete next.from;
      delete next.to;
    }
    const qs = new URLSearchParams(Object.entries(next).filter(([, v]) => v !== '' && v != null)).toString();
    navigate(`/bang-xep-hang${qs ? `?${qs}` : ''}`);
  };
  const ranking = useAsync(
    () => api.get('/public/kpi/ranking', { level, from: period.from, to: period.to, metric }, { auth: false }),
    [level, period.from, period.to, metric],
  );
  const late = useAsync(() => api.get('/public/kpi/late', { from: period.from, to: period.to }, { auth: false }), [period.from, period.to]);
  const ranks = ranking.data ? ranking.data.items : [];
  const lateRows = late.data ? late.data.items : [];
  const province = useAsync(() => api.get('/public/kpi/summary', { from: period.from, to: period.to }, { auth: false }), [period.from, period.to]);
  const p = province.data;
  return (
    <PublicLayout>
      <PageHeader title="Bảng xếp hạng giải quyết thủ tục hành chính" lead={`Bộ chỉ số phục vụ người dân, doanh nghiệp · ${period.label}`} />
      <div class="toolbar kpi-toolbar">
        <PeriodFilter period={period} onChange={setQuery} idPrefix="sb" />
      </div>
      {p ? (
        <ul class="kpi-cards kpi-cards--public" aria-label={`Toàn tỉnh, ${period.label}`}>
          <li class="kpi-card">
            <p class="kpi-card__label">Hồ sơ tiếp nhận</p>
            <PartialNote period={period} />
            <p class="kpi-card__value">{num(p.received)}</p>
          </li>
          <li class="kpi-card">
            <p class="kpi-card__label">Đúng hạn</p>
            <PartialNote period={period} />
            <p class="kpi-card__value">{pct(p.ontime_rate)}</p>
          </li>
          <li class="kpi-card">
            <p class="kpi-card__label">Trực tuyến</p>
            <PartialNote period={period} />
            <p class="kpi-card__value">{pct(p.online_rate)}</p>
          </li>
          <li class="kpi-card">
            <p class="kpi-card__label">Hài lòng</p>
            <PartialNote period={period} />
            <p class="kpi-card__value">{pct(p.satisfaction_rate)}</p>
          </li>
        </ul>
      ) : null}
      <ProblemAlert error={ranking.error || late.error} focus={false} onRetry={() => { ranking.reload(); late.reload(); }} />
      <ChartPanel
        id="sb-ranking"
        title={`Xếp hạng ${LEVELS.find(([k]) => k === level)[1]} theo ${metricDef[1].toLowerCase()}`}
        context={`${p && p.unit ? p.unit.name : 'Toàn tỉnh'} · ${period.label}`}
        labels={ranks.map((r) => r.unit.name)}
        rows={ranks}
        horizontal
        series={[{ label: metricDef[1], axis: metricDef[2] === 'rate' ? 'rate' : 'count', value: (r) => (metric === 'score766' ? r.score766.total : r[metric]) }]}
        columns={RANK_COLUMNS}
        filename={`bang-xep-hang-${level}-${period.from}-${period.to}`}
        fold
        rowKey={(r) => r.unit.id}
        extra={<RankingFilters idPrefix="sb" levels={LEVELS} level={level} metrics={METRICS} metric={metric} setQuery={setQuery} />}
      />
      <ChartPanel
        id="sb-late"
        title={`Đơn vị có hồ sơ chậm muộn — ${period.label}`}
        context={p && p.unit ? p.unit.name : 'Toàn tỉnh'}
        labels={lateRows.map((r) => r.unit.name)}
        rows={lateRows}
        horizontal
        series={[
          { label: 'Giải quyết quá hạn', key: 'resolved_late', axis: 'count' },
          { label: 'Đang quá hạn cuối kỳ', key: 'in_progress_overdue', axis: 'count' },
        ]}
        columns={LATE_COLUMNS}
        filename={`don-vi-cham-muon-${period.from}-${period.to}`}
        fold
        rowKey={(r) => r.unit.id}
        note="Công khai danh sách đơn vị có hồ sơ giải quyết quá hạn trong kỳ và số hồ sơ đã có thư xin lỗi (theo dữ liệu từ hệ thống một cửa điện tử)."
      />
    </PublicLayout>
  );
}
