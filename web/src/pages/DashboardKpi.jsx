// /app/chi-so: the leaders' indicator dashboard (Bộ chỉ số 766). Headline cards with the change
// against the previous period, monthly trends, ranking with drill-down, the 766 score and the
// late-dossier list. The state lives in the query string so that back/forward and links work.
import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { useAsync, usePageTitle } from '../hooks.js';
import { navigate, queryOf, withQuery } from '../router.js';
import { PageHeader } from '../components/Layout.jsx';
import { ProblemAlert } from '../components/ProblemAlert.jsx';
import { Pager } from '../components/Pager.jsx';
import { Link } from '../components/Link.jsx';
import { formatDate, levelLabel } from '../format.js';
import { hasPermission } from '../auth.js';
import { ChartPanel, DataTable, PartialNote, PeriodFilter, change, exportTitle, exportXlsx, num, pct, periodFromQuery, previousPeriod, trendRange, RankingFilters } from './DashboardWidgets.jsx';

export const METRICS = [
  ['score766', 'Điểm Bộ chỉ số 766', 'decimal'],
  ['ontime_rate', 'Tỷ lệ đúng hạn', 'rate'],
  ['online_rate', 'Tỷ lệ trực tuyến', 'rate'],
  ['digitization_rate', 'Tỷ lệ số hóa', 'rate'],
  ['online_payment_rate', 'Tỷ lệ thanh toán trực tuyến', 'rate'],
  ['satisfaction_rate', 'Tỷ lệ hài lòng', 'rate'],
  ['reused_data_rate', 'Tỷ lệ tái sử dụng dữ liệu', 'rate'],
  ['internal_transfer_rate', 'Tỷ lệ liên thông điện tử', 'rate'],
  ['received', 'Số hồ sơ tiếp nhận', 'number'],
  ['resolved_late', 'Số hồ sơ giải quyết quá hạn', 'number'],
];

const CARDS = [
  { key: 'received', label: 'Hồ sơ tiếp nhận', kind: 'count' },
  { key: 'online_rate', label: 'Tỷ lệ hồ sơ trực tuyến', kind: 'rate' },
  { key: 'ontime_rate', label: 'Tỷ lệ giải quyết đúng hạn', kind: 'rate' },
  { key: 'digitization_rate', label: 'Tỷ lệ số hóa hồ sơ, kết quả', kind: 'rate' },
  { key: 'online_payment_rate', label: 'Tỷ lệ thanh toán trực tuyến', kind: 'rate' },
  { key: 'satisfaction_rate', label: 'Tỷ lệ hài lòng', kind: 'rate' },
];

const LEVEL_CHOICES = [
  ['', 'Đơn vị trực thuộc'],
  ['department', 'Sở, ban, ngành'],
  ['district', 'Cấp huyện'],
  ['commune', 'Cấp xã'],
];

export const RANK_COLUMNS = [
  { key: 'rank', label: 'Hạng', type: 'number' },
  { key: 'unit', label: 'Đơn vị', type: 'text', value: (r) => r.unit.name },
  { key: 'score', label: 'Điểm 766', type: 'decimal', value: (r) => r.score766?.total ?? r.score766_total },
  { key: 'band', label: 'Xếp loại', type: 'text', value: (r) => r.score766?.band || '—' },
  { key: 'received', label: 'Tiếp nhận', type: 'number' },
  { key: 'resolved', label: 'Đã giải quyết', type: 'number' },
  { key: 'resolved_late', label: 'Quá hạn', type: 'number' },
  { key: 'ontime_rate', label: 'Đúng hạn', type: 'rate' },
  { key: 'online_rate', label: 'Trực tuyến', type: 'rate' },
  { key: 'digitization_rate', label: 'Số hóa', type: 'rate' },
  { key: 'online_payment_rate', label: 'Thanh toán TT', type: 'rate' },
  { key: 'satisfaction_rate', label: 'Hài lòng', type: 'rate' },
];

const TREND_COLUMNS = [
  { key: 'bucket', label: 'Tháng', type: 'text', value: (r) => `${r.bucket.slice(5)}/${r.bucket.slice(0, 4)}` },
  { key: 'received', label: 'Tiếp nhận', type: 'number' },
  { key: 'resolved', label: 'Đã giải quyết', type: 'number' },
  { key: 'in_progress', label: 'Đang giải quyết cuối kỳ', type: 'number' },
  { key: 'ontime_rate', label: 'Đúng hạn', type: 'rate' },
  { key: 'online_rate', label: 'Trực tuyến', type: 'rate' },
  { key: 'digitization_rate', label: 'Số hóa', type: 'rate' },
  { key: 'online_payment_rate', label: 'Thanh toán TT', type: 'rate' },
  { key: 'satisfaction_rate', label: 'Hài lòng', type: 'rate' },
  { key: 'score766_total', label: 'Điểm 766', type: 'decimal' },
];

const SCORE_COLUMNS = [
  { key: 'name', label: 'Nhóm chỉ số', type: 'text' },
  { key: 'rate', label: 'Tỷ lệ đạt', type: 'rate' },
  { key: 'threshold', label: 'Ngưỡng đạt điểm tối đa', type: 'rate' },
  { key: 'points', label: 'Điểm đạt', type: 'decimal' },
  { key: 'weight', label: 'Điểm tối đa', type: 'decimal' },
];

const LATE_COLUMNS = [
  { key: 'code', label: 'Mã hồ sơ', type: 'text' },
  { key: 'procedure_code', label: 'Thủ tục', type: 'text' },
  { key: 'unit_name', label: 'Đơn vị', type: 'text' },
  { key: 'due_date', label: 'Hạn giải quyết', type: 'text', value: (r) => formatDate(r.due_date) },
  { key: 'finished_date', label: 'Ngày hoàn thành', type: 'text', value: (r) => formatDate(r.finished_date) },
  { key: 'days_late', label: 'Số ngày quá hạn', type: 'number' },
  { key: 'late_reason', label: 'Lý do tính quá hạn', type: 'text', value: (r) => (r.late_reason === 'overdue' ? 'Hoàn thành sau hạn' : 'Yêu cầu bổ sung quá 1 lần') },
  { key: 'apology', label: 'Thư xin lỗi', type: 'text', value: (r) => (r.apology_issued ? 'Đã gửi' : 'Chưa gửi') },
];

function Delta({ cur, prev, kind, prevLabel }) {
  const c = change(cur, prev, kind);
  if (!c) return <p class="kpi-card__delta muted">Không so sánh được với {prevLabel}</p>;
  const up = c.value > 0.05;
  const down = c.value < -0.05;
  const sign = up ? '▲' : down ? '▼' : '■';
  const text = `${c.value > 0 ? '+' : ''}${c.value.toFixed(1).replace('.', ',')} ${c.unit}`;
  return (
    <p class={`kpi-card__delta ${up ? 'is-up' : down ? 'is-down' : ''}`}>
      <span aria-hidden="true">{sign} </span>
      {text} <span class="muted">so với {prevLabel}</span>
    </p>
  );
}

function Cards({ cur, prev, prevLabel, feedback, feedbackPrev, period }) {
  const fb = feedback ? feedback.on_time_rate : null;
  return (
    <ul class="kpi-cards" aria-label="Chỉ số chính">
      {CARDS.map((c) => (
        <li class="kpi-card" key={c.key} data-key={c.key}>
          <p class="kpi-card__label">{c.label}</p>
          <PartialNote period={period} />
          <p class="kpi-card__value">{c.kind === 'rate' ? pct(cur[c.key]) : num(cur[c.key])}</p>
          <Delta cur={cur[c.key]} prev={prev ? prev[c.key] : null} kind={c.kind === 'rate' ? 'rate' : 'count'} prevLabel={prevLabel} />
        </li>
      ))}
      <li class="kpi-card" data-key="feedback_ontime">
        <p class="kpi-card__label">Phản ánh, kiến nghị trả lời đúng hạn</p>
        <PartialNote period={period} />
        <p class="kpi-card__value">{pct(fb)}</p>
        {feedback ? (
          <Delta cur={fb} prev={feedbackPrev ? feedbackPrev.on_time_rate : null} kind="rate" prevLabel={prevLabel} />
        ) : (
          <p class="kpi-card__delta muted">Chưa có số liệu thống kê phản ánh, kiến nghị</p>
        )}
      </li>
    </ul>
  );
}

function Facts({ s }) {
  const rows = [
    ['Tiếp nhận trong kỳ', num(s.received), `trực tuyến ${num(s.received_online)} · trực tiếp ${num(s.received_direct)} · bưu chính ${num(s.received_postal)}`],
    ['Kỳ trước chuyển sang', num(s.carried_over), ''],
    ['Đã giải quyết', num(s.resolved), `trước hạn ${num(s.resolved_early)} · đúng hạn ${num(s.resolved_ontime)} · quá hạn ${num(s.resolved_late)}`],
    ['Đang giải quyết cuối kỳ', num(s.in_progress), `trong hạn ${num(s.in_progress_ontime)} · quá hạn ${num(s.in_progress_overdue)}`],
    ['Hồ sơ quá hạn có thư xin lỗi', pct(s.apology_coverage), `${num(s.resolved_late_apology)}/${num(s.resolved_late)} hồ sơ`],
    ['Tái sử dụng dữ liệu đã có', pct(s.reused_data_rate), `${num(s.received_reused_data)}/${num(s.received)} hồ sơ tiếp nhận`],
    ['Liên thông điện tử giữa các cơ quan', pct(s.internal_transfer_rate), `${num(s.received_internal_transfer)}/${num(s.received)} hồ sơ tiếp nhận`],
  ];
  if (s.disclosure) {
    rows.push([
      'Thủ tục công khai đầy đủ, có quy trình nội bộ',
      pct(s.disclosure.rate),
      `${num(s.disclosure.procedures_disclosed)}/${num(s.disclosure.procedures_in_force)} thủ tục đang hiệu lực`,
    ]);
  }
  return (
    <dl class="kpi-facts">
      {rows.map(([k, v, d]) => (
        <div key={k} class="kpi-facts__row">
          <dt>{k}</dt>
          <dd>
            <strong>{v}</strong> {d ? <span class="muted small">({d})</span> : null}
          </dd>
        </div>
      ))}
    </dl>
  );
}

function LateList({ unitId, period, unitName }) {
  const [page, setPage] = useState(1);
  const [apology, setApology] = useState('all');
  const perPage = 20;
  const late = useAsync(
    () => api.get('/kpi/late', { unit_id: unitId, from: period.from, to: period.to, page, per_page: perPage, apology }),
    [unitId, period.from, period.to, page, apology],
  );
  const doExport = async () => {
    const all = await api.get('/kpi/late', { unit_id: unitId, from: period.from, to: period.to, per_page: 1000, apology });
    await exportXlsx(`ho-so-qua-han-${period.from}-${period.to}`, 'Hồ sơ quá hạn', LATE_COLUMNS, all.items, exportTitle('Hồ sơ giải quyết quá hạn', `${unitName} · ${period.label}`));
  };
  return (
    <section class="card kpi-panel" aria-labelledby="late-title">
      <div class="kpi-panel__head">
        <h2 id="late-title" class="card__title">
          Hồ sơ giải quyết quá hạn — {unitName}
        </h2>
        <div class="button-row button-row--tight">
          <label class="kpi-filter__field kpi-filter__field--inline">
            <span>Thư xin lỗi</span>
            <select class="input" value={apology} onChange={(e) => { setApology(e.currentTarget.value); setPage(1); }}>
              <option value="all">Tất cả</option>
              <option value="issued">Đã gửi</option>
              <option value="missing">Chưa gửi</option>
            </select>
          </label>
          <button type="button" class="btn btn--secondary btn--small" onClick={doExport} disabled={!late.data || !late.data.total}>
            Tải Excel (.xlsx)
          </button>
          <Link href={withQuery('/app/chi-so/tre-han', { tu: period.from, den: period.to })} class="btn btn--ghost btn--small">
            Giải trình, xin lỗi
          </Link>
        </div>
      </div>
      <ProblemAlert error={late.error} focus={false} onRetry={late.reload} />
      <DataTable caption="Danh sách hồ sơ giải quyết quá hạn" columns={LATE_COLUMNS} rows={late.data ? late.data.items : []} rowKey={(r) => r.code} />
      {late.data && late.data.total > perPage ? <Pager page={page} perPage={perPage} total={late.data.total} onPage={setPage} /> : null}
    </section>
  );
}

const BREAKDOWN_BY = {
  procedures: { label: 'Theo thủ tục', name: (r) => (r.procedure_code ? `${r.procedure_code}${r.procedure_name ? ` — ${r.procedure_name}` : ''}` : 'Không rõ thủ tục') },
  fields: { label: 'Theo lĩnh vực', name: (r) => r.field_name || 'Thủ tục ngoài danh mục' },
};

const breakdownColumns = (by) => [
  { key: 'name', label: by === 'fields' ? 'Lĩnh vực' : 'Thủ tục', type: 'text', value: BREAKDOWN_BY[by].name },
  { key: 'received', label: 'Tiếp nhận', type: 'number' },
  { key: 'resolved', label: 'Đã giải quyết', type: 'number' },
  { key: 'resolved_within_time', label: 'Đúng hạn', type: 'number' },
  { key: 'resolved_late', label: 'Trễ hạn', type: 'number' },
  { key: 'late_share', label: 'Tỷ lệ trễ hạn', type: 'rate' },
];

// The procedures (or fields) with the most late dossiers, sorted and paged by the server.
function LateProcedures({ unitId, period, unitName }) {
  const [page, setPage] = useState(1);
  const [by, setBy] = useState('procedures');
  const [sort, setSort] = useState('late');
  const perPage = 10;
  const list = useAsync(
    () => api.get(`/kpi/${by}`, { unit_id: unitId, from: period.from, to: period.to, sort, page, per_page: perPage }),
    [unitId, period.from, period.to, by, sort, page],
  );
  const columns = breakdownColumns(by);
  const doExport = async () => {
    const all = await api.get(`/kpi/${by}`, { unit_id: unitId, from: period.from, to: period.to, sort, per_page: 500 });
    await exportXlsx(`tre-han-${by}-${period.from}-${period.to}`, 'Trễ hạn', columns, all.items, exportTitle('Thủ tục trễ hạn nhiều nhất', `${unitName} · ${period.label}`));
  };
  return (
    <section class="card kpi-panel" aria-labelledby="late-procedures-title">
      <div class="kpi-panel__head">
        <h2 id="late-procedures-title" class="card__title">
          Thủ tục trễ hạn nhiều nhất — {unitName}
        </h2>
        <div class="button-row button-row--tight">
          <label class="kpi-filter__field kpi-filter__field--inline">
            <span>Nhóm</span>
            <select class="input" value={by} onChange={(e) => { setBy(e.currentTarget.value); setPage(1); }}>
              {Object.entries(BREAKDOWN_BY).map(([k, v]) => (
                <option key={k} value={k}>
                  {v.label}
                </option>
              ))}
            </select>
          </label>
          <label class="kpi-filter__field kpi-filter__field--inline">
            <span>Sắp xếp</span>
            <select class="input" value={sort} onChange={(e) => { setSort(e.currentTarget.value); setPage(1); }}>
              <option value="late">Số hồ sơ trễ hạn</option>
              <option value="late_share">Tỷ lệ trễ hạn</option>
              <option value="received">Số hồ sơ tiếp nhận</option>
            </select>
          </label>
          <button type="button" class="btn btn--secondary btn--small" onClick={doExport} disabled={!list.data || !list.data.total}>
            Tải Excel (.xlsx)
          </button>
        </div>
      </div>
      <ProblemAlert error={list.error} focus={false} onRetry={list.reload} />
      <DataTable
        caption={by === 'fields' ? 'Hồ sơ trễ hạn theo lĩnh vực' : 'Hồ sơ trễ hạn theo thủ tục'}
        columns={columns}
        rows={list.data ? list.data.items : []}
        rowKey={(r) => (by === 'fields' ? `f${r.field_id}` : `p${r.procedure_code}`)}
      />
      {list.data && list.data.total > perPage ? <Pager page={page} perPage={perPage} total={list.data.total} onPage={setPage} /> : null}
    </section>
  );
}

export function DashboardKpi({ user, search }) {
  usePageTitle('Chỉ số giải quyết thủ tục hành chính');
  const query = queryOf(search || '');
  const period = periodFromQuery(query);
  const prev = previousPeriod(period);
  const unitId = query.unit ? Number(query.unit) : null;
  const level = ['department', 'district', 'commune'].includes(query.level) ? query.level : '';
  const metric = METRICS.some(([k]) => k === query.metric) ? query.metric : 'score766';
  const setQuery = (changes) => {
    const next = { ...query, ...changes };
    if (changes.kind && changes.kind !== 'custom') {
      delete next.from;
      delete next.to;
    }
    const qs = new URLSearchParams(Object.entries(next).filter(([, v]) => v !== '' && v !== null && v !== undefined)).toString();
    navigate(`/app/chi-so${qs ? `?${qs}` : ''}`);
  };

  const cur = useAsync(() => api.get('/kpi/summary', { unit_id: unitId, from: period.from, to: period.to }), [unitId, period.from, period.to]);
  const before = useAsync(() => api.get('/kpi/summary', { unit_id: unitId, from: prev.from, to: prev.to }), [unitId, prev.from, prev.to]);
  // Feedback statistics come from the feedback module; without them the card shows "—".
  const fbCur = useAsync(() => api.get('/feedback/stats', { unit_id: unitId, from: period.from, to: period.to }).catch(() => null), [unitId, period.from, period.to]);
  const fbPrev = useAsync(() => api.get('/feedback/stats', { unit_id: unitId, from: prev.from, to: prev.to }).catch(() => null), [unitId, prev.from, prev.to]);
  const tr = trendRange(period);
  const trend = useAsync(() => api.get('/kpi/trend', { unit_id: unitId, from: tr.from, to: tr.to, granularity: 'month' }), [unitId, tr.from, tr.to]);
  const unit = cur.data ? cur.data.unit : null;
  const unitLabel = unit ? unit.name : user.unit_name || '';
  // Without a unit the server ranks the children (or the level) of the user's own unit.
  const ranking = useAsync(
    () => api.get('/kpi/ranking', { parent_id: unitId, level: level || undefined, from: period.from, to: period.to, metric }),
    [unitId, level, period.from, period.to, metric],
  );
  const metricDef = METRICS.find(([k]) => k === metric);
  const drill = (row) => setQuery({ unit: row.unit.id, level: '' });
  const ranks = ranking.data ? ranking.data.items : [];
  const canIngest = hasPermission(user, 'dossiers.ingest');

  return (
    <>
      <PageHeader
        title="Chỉ số giải quyết thủ tục hành chính"
        lead={unit ? `${unit.name} · ${period.label}` : period.label}
      />
      <div class="toolbar kpi-toolbar">
        <PeriodFilter period={period} onChange={setQuery} />
        <div class="button-row button-row--tight">
          {unitId ? (
            <button type="button" class="btn btn--secondary btn--small" onClick={() => setQuery({ unit: '', level: '' })}>
              ↑ Về đơn vị của tôi
            </button>
          ) : null}
          {unit && unit.parent_id && unitId ? (
            <button type="button" class="btn btn--secondary btn--small" onClick={() => setQuery({ unit: unit.parent_id, level: '' })}>
              ↑ Lên đơn vị cấp trên
            </button>
          ) : null}
          {canIngest ? (
            <Link href="/app/chi-so/nap-ho-so" class="btn btn--ghost btn--small">
              Nạp dữ liệu hồ sơ
            </Link>
          ) : null}
        </div>
      </div>
      <ProblemAlert error={cur.error} focus={false} onRetry={cur.reload} />
      {cur.data ? (
        <>
          <Cards cur={cur.data} prev={before.data} prevLabel={prev.label} feedback={fbCur.data} feedbackPrev={fbPrev.data} period={period} />
          <section class="card" aria-labelledby="facts-title">
            <h2 id="facts-title" class="card__title">
              Tình hình giải quyết hồ sơ — {period.label}
            </h2>
            <Facts s={cur.data} />
          </section>
        </>
      ) : cur.loading ? (
        <p class="loading" role="status">
          Đang tải chỉ số…
        </p>
      ) : null}
      {trend.error || ranking.error ? (
        <ProblemAlert
          error={trend.error || ranking.error}
          focus={false}
          onRetry={() => {
            if (trend.error) trend.reload();
            if (ranking.error) ranking.reload();
          }}
        />
      ) : null}
      {trend.loading && !trend.data ? (
        <p class="loading" role="status">
          Đang tải diễn biến theo tháng…
        </p>
      ) : null}
      {trend.data ? (
        <ChartPanel
          id="kpi-trend"
          title="Diễn biến theo tháng"
          context={`${unitLabel} · từ ${formatDate(tr.from)} đến ${formatDate(tr.to)}`}
          labels={trend.data.items.map((b) => `${b.bucket.slice(5)}/${b.bucket.slice(2, 4)}`)}
          rows={trend.data.items}
          series={[
            { label: 'Hồ sơ tiếp nhận', key: 'received', type: 'bar', axis: 'count' },
            { label: 'Đúng hạn', key: 'ontime_rate', type: 'line', axis: 'rate' },
            { label: 'Trực tuyến', key: 'online_rate', type: 'line', axis: 'rate' },
            { label: 'Số hóa', key: 'digitization_rate', type: 'line', axis: 'rate' },
          ]}
          columns={TREND_COLUMNS}
          filename={`dien-bien-theo-thang-${tr.from}-${tr.to}`}
          rowKey={(r) => r.bucket}
        />
      ) : null}
      <ChartPanel
        id="kpi-ranking"
        title={`Xếp hạng ${level ? levelLabel(level).toLowerCase() : 'đơn vị trực thuộc'} theo ${metricDef[1].toLowerCase()}`}
        context={`${unitLabel} · ${period.label}`}
        labels={ranks.map((r) => r.unit.name)}
        rows={ranks}
        horizontal
        series={[{ label: metricDef[1], axis: metricDef[2] === 'rate' ? 'rate' : 'count', value: (r) => (metric === 'score766' ? r.score766.total : r[metric]) }]}
        columns={RANK_COLUMNS}
        filename={`xep-hang-${metric}-${period.from}-${period.to}`}
        onBarClick={drill}
        onRowClick={drill}
        rowKey={(r) => r.unit.id}
        rowLabel={(r) => `Xem chỉ số của ${r.unit.name}`}
        linkKey="unit"
        fold
        note="Bấm vào một đơn vị (cột hoặc dòng trong bảng) để xem chi tiết đơn vị đó."
        extra={<RankingFilters idPrefix="kpi" levels={LEVEL_CHOICES} level={level} metrics={METRICS} metric={metric} setQuery={setQuery} />}
      />
      {cur.data ? (
        <ChartPanel
          id="kpi-score"
          title={`Điểm Bộ chỉ số 766: ${num(cur.data.score766.total)}/${num(cur.data.score766.max)} điểm${cur.data.score766.band ? ` — xếp loại ${cur.data.score766.band}` : ''}`}
          context={`${unitLabel} · ${period.label}`}
          labels={cur.data.score766.groups.map((g) => g.name)}
          rows={cur.data.score766.groups}
          horizontal
          series={[
            { label: 'Điểm đạt', key: 'points', axis: 'count' },
            { label: 'Điểm tối đa', key: 'weight', axis: 'count' },
          ]}
          columns={SCORE_COLUMNS}
          filename={`diem-766-${period.from}-${period.to}`}
          rowKey={(r) => r.key}
          note={`Theo bộ quy tắc hiệu lực từ ${formatDate(cur.data.score766.rule_set_effective_from)}. Nhóm chưa có số liệu (—) không được chấm điểm; điểm tối đa của các nhóm đã chấm: ${num(cur.data.score766.max_assessed)}.`}
        />
      ) : null}
      {cur.data ? <LateProcedures unitId={cur.data.unit.id} period={period} unitName={cur.data.unit.name} /> : null}
      {cur.data ? <LateList unitId={cur.data.unit.id} period={period} unitName={cur.data.unit.name} /> : null}
    </>
  );
}
