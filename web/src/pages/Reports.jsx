// /app/bao-cao — periodic reports (issue 14): the period picker (a quarter, a half, the year of a
// chosen year, or an ad hoc window with a title; the last complete quarter by default), my unit's
// report (opened, or created: a 409 opens the one that exists), and for a parent unit the tracker
// of its children for the period: who has filed, who is late (missing and late first), one click
// to remind a unit, and each child's report to open.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { PageHeader } from '../components/Layout.jsx';
import { Link } from '../components/Link.jsx';
import { DateField, SelectField, TextField } from '../components/Field.jsx';
import { ProblemAlert } from '../components/ProblemAlert.jsx';
import { api } from '../api.js';
import { formatDate, formatDateTime, formatNumber, todayISO } from '../format.js';
import { useAsync, usePageTitle } from '../hooks.js';
import { navigate, queryOf, withQuery } from '../router.js';
import { flatten, indexById, isActive, loadUnitTree } from '../units.js';
import { LateBadge, PERIOD_KINDS, StatusBadge, lastCompleteQuarter, parsePeriod, periodKey, periodLabel } from './ReportsCommon.jsx';

const KIND = 'kstt';

function yearChoices() {
  const now = Number(todayISO().slice(0, 4));
  return Array.from({ length: 8 }, (_, i) => now - i).map((y) => ({ value: String(y), label: String(y) }));
}

/** The period of the page from its query: ?ky=2026-Q3, or ?ky=2026-03-01..2026-05-31&ten=... */
function periodOf(search) {
  const q = queryOf(search);
  const key = parsePeriod(q.ky) ? q.ky : lastCompleteQuarter();
  return { key, title: q.ten || '', unit: q.don_vi || '' };
}

/** The picker: kind and year, or from/to/title for an ad hoc report. Applies on submit. */
function PeriodPicker({ current, title, onApply }) {
  const p = parsePeriod(current);
  const [kind, setKind] = useState(p.kind);
  const [year, setYear] = useState(String(p.year));
  const [from, setFrom] = useState(p.from || '');
  const [to, setTo] = useState(p.to || '');
  const [name, setName] = useState(title);
  const [errors, setErrors] = useState({});
  const submit = (e) => {
    e.preventDefault();
    if (kind === 'adhoc') {
      const errs = {};
      if (!from) errs.from = 'Nhập ngày bắt đầu.';
      if (!to) errs.to = 'Nhập ngày kết thúc.';
      if (from && to && from > to) errs.to = 'Ngày kết thúc phải sau ngày bắt đầu.';
      if (!name.trim()) errs.title = 'Nhập tên báo cáo đột xuất.';
      setErrors(errs);
      if (Object.keys(errs).length) {
        const first = document.getElementById(`rp-${Object.keys(errs)[0]}`);
        if (first) first.focus();
        return;
      }
    }
    setErrors({});
    onApply(periodKey(kind, year, from, to), kind === 'adhoc' ? name.trim() : '');
  };
  return (
    <form class="filters rep-picker" role="search" aria-label="Chọn kỳ báo cáo" onSubmit={submit} noValidate>
      <SelectField id="rp-kind" label="Kỳ báo cáo" options={PERIOD_KINDS} value={kind} onValue={setKind} />
      {kind === 'adhoc' ? (
        <>
          <DateField id="rp-from" label="Từ ngày" value={from} onValue={(v) => setFrom(v || '')} error={errors.from} hint="" />
          <DateField id="rp-to" label="Đến ngày" value={to} onValue={(v) => setTo(v || '')} error={errors.to} hint="" />
          <TextField id="rp-title" label="Tên báo cáo" value={name} onValue={setName} error={errors.title} className="rep-picker__title" />
        </>
      ) : (
        <SelectField id="rp-year" label="Năm" options={yearChoices()} value={year} onValue={setYear} />
      )}
      <div class="filters__actions">
        <button type="submit" class="btn btn--primary">
          Xem kỳ báo cáo
        </button>
      </div>
    </form>
  );
}

/** A unit's report for the period: its state and the way in (open, or create it). */
function UnitReport({ unit, period, title, heading }) {
  const found = useAsync(() => api.get('/reports', { period, unit_id: unit.id, kind: KIND, per_page: 1 }), [unit.id, period]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  const r = found.data?.items?.[0] || null;
  const create = async () => {
    setBusy(true);
    setError(null);
    const p = parsePeriod(period);
    const body = p.kind === 'adhoc' ? { unit_id: unit.id, kind: KIND, from: p.from, to: p.to, title } : { unit_id: unit.id, kind: KIND, period };
    try {
      const made = await api.post('/reports', body);
      navigate(`/app/bao-cao/${made.id}`);
    } catch (err) {
      // Someone (or another tab) created it meanwhile: open that one.
      if (err.status === 409 && err.problem?.existing_id) navigate(`/app/bao-cao/${err.problem.existing_id}`);
      else setError(err);
    } finally {
      setBusy(false);
    }
  };
  const adhocWithoutTitle = parsePeriod(period)?.kind === 'adhoc' && !title;
  return (
    <section class="card rep-mine" aria-labelledby={`rep-unit-${unit.id}`}>
      <h2 id={`rep-unit-${unit.id}`} class="card__title">
        {heading}: {unit.name}
      </h2>
      <ProblemAlert error={error || found.error} />
      {found.loading && !found.data ? (
        <p class="loading" role="status">
          Đang tải…
        </p>
      ) : r ? (
        <>
          <dl class="facts">
            <dt>Trạng thái</dt>
            <dd>
              <StatusBadge status={r.status} /> <LateBadge late={r.late} status={r.status} due={r.due} />
            </dd>
            <dt>Hạn gửi</dt>
            <dd>{formatDate(r.due)}</dd>
            {r.submitted_at ? (
              <>
                <dt>Đã gửi lúc</dt>
                <dd>{formatDateTime(r.submitted_at)}</dd>
              </>
            ) : null}
          </dl>
          <p>
            <Link href={`/app/bao-cao/${r.id}`} class="btn btn--primary">
              Mở báo cáo
            </Link>
          </p>
        </>
      ) : found.data ? (
        <>
          <p>Đơn vị chưa lập báo cáo kỳ này. Khi lập, số liệu được điền sẵn từ dữ liệu của hệ thống.</p>
          {adhocWithoutTitle ? <p class="muted">Báo cáo đột xuất cần có tên: chọn lại kỳ báo cáo và nhập tên.</p> : null}
          <button type="button" class="btn btn--primary" disabled={busy || adhocWithoutTitle} onClick={create}>
            {busy ? 'Đang lập báo cáo…' : 'Lập báo cáo'}
          </button>
        </>
      ) : null}
    </section>
  );
}

const COUNT_LABELS = [
  ['expected', 'Phải báo cáo'],
  ['missing', 'Chưa lập'],
  ['draft', 'Đang soạn'],
  ['submitted', 'Đã gửi'],
  ['accepted', 'Đã tiếp nhận'],
  ['returned', 'Bị trả lại'],
  ['late', 'Trễ hạn'],
];

/** Missing and late first (the server's order, kept stable), then the others. */
function urgency(it) {
  if (it.status === 'missing') return 0;
  if (it.late) return 1;
  if (it.status === 'returned' || it.status === 'draft') return 2;
  return 3;
}

/** The parent's view of its children for the period. */
function Tracker({ unit, period }) {
  const data = useAsync(() => api.get('/reports/tracker', { period, unit_id: unit.id, kind: KIND }), [unit.id, period]);
  const [reminded, setReminded] = useState({});
  const [busy, setBusy] = useState(null);
  const [error, setError] = useState(null);
  const [message, setMessage] = useState('');
  const live = useRef(null);
  const items = useMemo(
    () => (data.data?.items || []).map((it, i) => ({ it, i })).sort((a, b) => urgency(a.it) - urgency(b.it) || a.i - b.i).map((x) => x.it),
    [data.data],
  );
  const remind = async (it) => {
    setBusy(it.unit.id);
    setError(null);
    setMessage('');
    try {
      await api.post('/reports/remind', { period, unit_id: it.unit.id, kind: KIND });
      setReminded((m) => ({ ...m, [it.unit.id]: true }));
      setMessage(`Đã gửi lời nhắc nộp báo cáo đến ${it.unit.name}.`);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  };
  useEffect(() => {
    if (message && live.current) live.current.focus();
  }, [message]);
  const counts = data.data?.counts || {};
  return (
    <section class="card" aria-labelledby="rep-tracker-h">
      <h2 id="rep-tracker-h" class="card__title">
        Theo dõi báo cáo của đơn vị trực thuộc {unit.name}
      </h2>
      <ProblemAlert error={error || data.error} />
      <div class="alert alert--success rep-live" role="status" tabIndex={-1} ref={live}>
        {message || null}
      </div>
      {data.data ? (
        <ul class="rep-counts" aria-label="Số lượng theo trạng thái">
          {COUNT_LABELS.map(([k, label]) => (
            <li key={k} class={`rep-count rep-count--${k}`}>
              <span class="rep-count__n">{formatNumber(counts[k] ?? 0)}</span> <span class="rep-count__label">{label}</span>
            </li>
          ))}
        </ul>
      ) : null}
      <div class="table-wrap rep-table-wrap" role="region" aria-label="Tình hình nộp báo cáo" tabIndex={0}>
        <table class="table rep-tracker" aria-busy={data.loading ? 'true' : undefined}>
          <caption class="sr-only">Tình hình nộp báo cáo của các đơn vị trực thuộc, đơn vị chưa lập và nộp muộn trước</caption>
          <thead>
            <tr>
              <th scope="col">Đơn vị</th>
              <th scope="col">Trạng thái</th>
              <th scope="col">Hạn gửi</th>
              <th scope="col">Thời gian gửi</th>
              <th scope="col">Thao tác</th>
            </tr>
          </thead>
          <tbody>
            {items.length ? (
              items.map((it) => {
                const open = it.status === 'missing' || it.status === 'draft' || it.status === 'returned';
                const flagged = it.status === 'missing' || it.late || (open && it.due && it.due < todayISO());
                return (
                  <tr key={it.unit.id} class={flagged ? 'is-flagged' : ''} data-unit={it.unit.code}>
                    <th scope="row" class="rep-name">
                      {it.report_id ? <Link href={`/app/bao-cao/${it.report_id}`}>{it.unit.name}</Link> : it.unit.name}
                    </th>
                    <td>
                      <span class="badges">
                        <StatusBadge status={it.status} /> <LateBadge late={it.late} status={it.status} due={it.due} />
                      </span>
                    </td>
                    <td class="nowrap">{formatDate(it.due)}</td>
                    <td class="nowrap">{it.submitted_at ? formatDateTime(it.submitted_at) : '—'}</td>
                    <td class="table__actions">
                      <div class="rep-row-actions">
                      {open ? (
                        <button
                          type="button"
                          class="btn btn--secondary btn--small"
                          disabled={busy === it.unit.id || reminded[it.unit.id]}
                          onClick={() => remind(it)}
                        >
                          {reminded[it.unit.id] ? 'Đã nhắc' : busy === it.unit.id ? 'Đang gửi…' : 'Nhắc nộp'}
                          <span class="sr-only"> {it.unit.name}</span>
                        </button>
                      ) : null}
                      {it.report_id ? (
                        <Link href={`/app/bao-cao/${it.report_id}`} class="btn btn--ghost btn--small">
                          Xem báo cáo<span class="sr-only"> của {it.unit.name}</span>
                        </Link>
                      ) : null}
                      </div>
                    </td>
                  </tr>
                );
              })
            ) : (
              <tr>
                <td colSpan={5} class="table__empty">
                  {data.loading ? 'Đang tải dữ liệu…' : 'Không có đơn vị trực thuộc phải báo cáo kỳ này.'}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** Units whose children report to them: the user's own, or any for province-wide principals. */
function trackerUnits(roots, user) {
  const all = flatten(roots).map((x) => x.unit);
  const parents = all.filter((u) => isActive(u) && (u.children || []).some((c) => isActive(c)));
  const wide = user.coordinator || user.unit_level === 'province' || user.role === 'admin';
  return wide ? parents : parents.filter((u) => u.id === user.unit_id);
}

export function Reports({ user, search }) {
  usePageTitle('Báo cáo');
  const { key, title, unit: unitParam } = periodOf(search);
  const tree = useAsync(() => loadUnitTree(), []);
  const byId = useMemo(() => indexById(tree.data || []), [tree.data]);
  const parents = useMemo(() => trackerUnits(tree.data || [], user), [tree.data, user]);
  const own = byId.get(user.unit_id) || { id: user.unit_id, name: user.unit_name };
  // The tracker's unit: the one asked for, else the user's own when it has children, else the root.
  const trackerUnit =
    parents.find((u) => String(u.id) === unitParam) || parents.find((u) => u.id === user.unit_id) || (parents.length ? parents[0] : null);
  const go = (next) => navigate(withQuery('/app/bao-cao', { ky: next.key, ten: next.title, don_vi: next.unit }));
  return (
    <>
      <PageHeader title="Báo cáo" lead={`Báo cáo tình hình, kết quả thực hiện công tác kiểm soát TTHC — ${periodLabel(key)}${title ? `: ${title}` : ''}`} />
      <PeriodPicker key={key + title} current={key} title={title} onApply={(k, t) => go({ key: k, title: t, unit: unitParam })} />
      <ProblemAlert error={tree.error} onRetry={tree.reload} />
      <UnitReport key={`own-${key}`} unit={own} period={key} title={title} heading="Báo cáo của đơn vị" />
      {parents.length > 1 ? (
        <div class="rep-tracker-pick">
          <SelectField
            id="rp-unit"
            label="Đơn vị tổng hợp (theo dõi các đơn vị trực thuộc)"
            options={parents.map((u) => ({ value: String(u.id), label: u.name }))}
            value={trackerUnit ? String(trackerUnit.id) : ''}
            onValue={(v) => go({ key, title, unit: v })}
          />
        </div>
      ) : null}
      {trackerUnit && trackerUnit.id !== own.id ? (
        <UnitReport key={`agg-${trackerUnit.id}-${key}`} unit={trackerUnit} period={key} title={title} heading="Báo cáo tổng hợp" />
      ) : null}
      {trackerUnit ? <Tracker key={`${trackerUnit.id}-${key}`} unit={trackerUnit} period={key} /> : null}
    </>
  );
}
