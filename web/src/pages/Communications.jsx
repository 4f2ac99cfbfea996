// /app/truyen-thong — communications and dialogues about administrative procedures (issue 18): the
// list with a form to record one, and one record with its file and, for a dialogue, the questions
// raised and the answers committed (each a follow-up of the committing unit). The server scopes.
import { useState } from 'preact/hooks';
import { PageHeader } from '../components/Layout.jsx';
import { Link } from '../components/Link.jsx';
import { DateField, SelectField, TextField, Wrap } from '../components/Field.jsx';
import { Combobox } from '../components/Combobox.jsx';
import { Notice, ProblemAlert } from '../components/ProblemAlert.jsx';
import { Pager } from '../components/Pager.jsx';
import { Table } from '../components/Table.jsx';
import { api } from '../api.js';
import { formatDate, toId } from '../format.js';
import { useAsync, useForm, usePageTitle } from '../hooks.js';
import { navigate, queryOf, withQuery } from '../router.js';
import { loadUnitTree, unitComboOptions } from '../units.js';
import { TextAreaField } from './PlanCommon.jsx';
import { COMM_KINDS, FollowupStatus, InspectionTabs, canWriteCommunications, commKindLabel, inMySubtree } from './InspectionsCommon.jsx';
import './Inspections.css';

const YEAR = new Date().getFullYear();
const yearOptions = () => Array.from({ length: 6 }, (_, i) => ({ value: String(YEAR + 1 - i), label: String(YEAR + 1 - i) }));
const LABELS = { kind: 'Hình thức', date: 'Ngày', channel: 'Kênh, nơi tổ chức', title: 'Tiêu đề', link: 'Đường dẫn', unit_id: 'Đơn vị' };

function CommForm({ onDone }) {
  const form = useForm({ kind: 'news', date: '', channel: '', title: '', link: '' });
  const onSubmit = (e) =>
    form.submit(
      e,
      async (v) => onDone(await api.post('/communications', { kind: v.kind, date: v.date, channel: v.channel.trim() || null, title: v.title.trim(), link: v.link.trim() || null })),
      (v) => ({ date: v.date ? '' : 'Vui lòng nhập ngày.', title: v.title.trim() ? '' : 'Vui lòng nhập tiêu đề.' }),
    );
  return (
    <section class="card" aria-labelledby="comm-new-title">
      <h2 id="comm-new-title" class="card__title">
        Ghi nhận hoạt động
      </h2>
      <form onSubmit={onSubmit} noValidate>
        <ProblemAlert error={form.failure} fieldLabels={LABELS} idPrefix="comm-" />
        <div class="form-grid">
          <SelectField id="comm-kind" label={LABELS.kind} options={COMM_KINDS} {...form.field('kind')} />
          <DateField id="comm-date" label={LABELS.date} required {...form.field('date')} />
          <TextField id="comm-channel" label={LABELS.channel} {...form.field('channel')} />
          <TextField id="comm-link" label={LABELS.link} type="url" hint="Bắt đầu bằng https://" {...form.field('link')} />
        </div>
        <TextField id="comm-title" label={LABELS.title} required {...form.field('title')} />
        <div class="form-actions">
          <button type="submit" class="btn btn--primary" disabled={form.submitting}>
            Ghi nhận
          </button>
        </div>
      </form>
    </section>
  );
}

/** /app/truyen-thong — my unit's (and its subtree's) communications and dialogues. */
export function Communications({ user, search }) {
  usePageTitle('Truyền thông, đối thoại về TTHC');
  const q = queryOf(search);
  const year = q.nam ?? String(YEAR);
  const kind = q.hinh_thuc ?? '';
  const page = Number(q.trang) || 1;
  const list = useAsync(() => api.get('/communications', { year: year || undefined, kind: kind || undefined, page, per_page: 50 }), [year, kind, page]);
  const go = (params) => navigate(withQuery('/app/truyen-thong', { nam: year, hinh_thuc: kind, ...params }));
  const [adding, setAdding] = useState(false);
  return (
    <>
      <PageHeader
        title="Truyền thông, đối thoại về TTHC"
        lead="Tin bài, phát thanh, tờ rơi, hội nghị và các buổi đối thoại với người dân, doanh nghiệp."
        actions={
          <>
            {canWriteCommunications(user) ? (
              <button type="button" class="btn btn--primary" onClick={() => setAdding(!adding)} aria-expanded={adding ? 'true' : 'false'}>
                Ghi nhận hoạt động
              </button>
            ) : null}
            <a class="btn btn--secondary" href={withQuery('/api/v1/communications/export', { year: year || undefined, kind: kind || undefined })} download="truyen-thong.xlsx">
              Xuất Excel
            </a>
          </>
        }
      />
      <InspectionTabs current="/app/truyen-thong" user={user} />
      {adding ? <CommForm onDone={(c) => navigate(`/app/truyen-thong/${c.id}`)} /> : null}
      <form class="filters" role="search" aria-label="Lọc hoạt động" onSubmit={(e) => e.preventDefault()}>
        <SelectField id="comm-year" label="Năm" options={yearOptions()} placeholder="Tất cả" value={year} onValue={(v) => go({ nam: v, trang: undefined })} />
        <SelectField id="comm-kind-filter" label="Hình thức" options={COMM_KINDS} placeholder="Tất cả" value={kind} onValue={(v) => go({ hinh_thuc: v, trang: undefined })} />
      </form>
      <ProblemAlert error={list.error} onRetry={list.reload} />
      <Table
        caption="Hoạt động truyền thông, đối thoại"
        loading={list.loading}
        rows={list.data?.items}
        className="stack-table"
        empty="Chưa có hoạt động nào."
        columns={[
          { key: 'title', label: 'Tiêu đề', render: (c) => <Link href={`/app/truyen-thong/${c.id}`}>{c.title}</Link> },
          { key: 'kind', label: 'Hình thức', render: (c) => commKindLabel(c.kind) },
          { key: 'date', label: 'Ngày', render: (c) => formatDate(c.date) },
          { key: 'unit_name', label: 'Đơn vị' },
          { key: 'channel', label: 'Kênh', render: (c) => c.channel || '—' },
        ]}
      />
      {list.data ? <Pager page={page} perPage={50} total={list.data.total} onPage={(p) => go({ trang: p })} /> : null}
    </>
  );
}

const K_LABELS = { question: 'Câu hỏi, kiến nghị', answer: 'Nội dung trả lời, cam kết', unit_id: 'Đơn vị thực hiện', due: 'Hạn thực hiện' };

function CommitmentForm({ comm, onSaved }) {
  const tree = useAsync(() => loadUnitTree(), []);
  const form = useForm({ question: '', answer: '', unit_id: String(comm.unit_id), due: '' });
  const options = tree.data ? unitComboOptions(tree.data) : [];
  const onSubmit = (e) =>
    form.submit(
      e,
      async (v) => {
        const next = await api.post(`/communications/${comm.id}/commitments`, { question: v.question.trim(), answer: v.answer.trim(), unit_id: toId(v.unit_id), due: v.due });
        form.reset();
        onSaved(next, 'Đã ghi nhận cam kết; đơn vị thực hiện nhận việc theo dõi.');
      },
      (v) => ({ question: v.question.trim() ? '' : 'Vui lòng nhập câu hỏi.', answer: v.answer.trim() ? '' : 'Vui lòng nhập nội dung trả lời.', due: v.due ? '' : 'Vui lòng nhập hạn.' }),
    );
  return (
    <form onSubmit={onSubmit} noValidate aria-label="Ghi nhận cam kết">
      <ProblemAlert error={form.failure} fieldLabels={K_LABELS} idPrefix="k-" />
      <TextAreaField id="k-question" label={K_LABELS.question} required rows={2} {...form.field('question')} />
      <TextAreaField id="k-answer" label={K_LABELS.answer} required rows={2} {...form.field('answer')} />
      <div class="form-grid">
        <Combobox id="k-unit_id" label={K_LABELS.unit_id} required options={options} placeholder="Gõ tên đơn vị" {...form.field('unit_id')} />
        <DateField id="k-due" label={K_LABELS.due} required {...form.field('due')} />
      </div>
      <div class="form-actions">
        <button type="submit" class="btn btn--primary" disabled={form.submitting}>
          Ghi nhận cam kết
        </button>
      </div>
    </form>
  );
}

function FileForm({ comm, onSaved }) {
  const [file, setFile] = useState(null);
  const [error, setError] = useState(null);
  const send = async (e) => {
    e.preventDefault();
    if (!file) return;
    setError(null);
    try {
      const fd = new FormData();
      fd.append('file', file);
      onSaved(await api.put(`/communications/${comm.id}/file`, fd), 'Đã tải tệp lên.');
    } catch (err) {
      setError(err);
    }
  };
  return (
    <form onSubmit={send} noValidate aria-label="Tệp kèm theo">
      <ProblemAlert error={error} fieldLabels={{ file: 'Tệp' }} />
      <Wrap id="comm-file" label="Tệp (tài liệu, biên bản; tối đa 5 MB)">
        <input id="comm-file" type="file" class="input" onChange={(e) => setFile(e.currentTarget.files[0] || null)} />
      </Wrap>
      <div class="form-actions">
        <button type="submit" class="btn btn--secondary" disabled={!file}>
          Tải tệp lên
        </button>
      </div>
    </form>
  );
}

/** /app/truyen-thong/:id — one communication; a dialogue's commitments. */
export function CommunicationDetail({ user, params }) {
  const loaded = useAsync(() => api.get(`/communications/${params.id}`), [params.id]);
  const tree = useAsync(() => loadUnitTree(), []);
  const [notice, setNotice] = useState('');
  const c = loaded.data;
  usePageTitle(c ? c.title : 'Hoạt động truyền thông');
  if (!c) return <ProblemAlert error={loaded.error} onRetry={loaded.reload} />;
  const writer = canWriteCommunications(user) && inMySubtree(user, tree.data, c.unit_id);
  const saved = (next, text) => {
    loaded.setData(next);
    setNotice(text);
  };
  return (
    <>
      <PageHeader title={c.title} lead={`${commKindLabel(c.kind)} — ${c.unit_name}`} />
      <p>
        <Link href="/app/truyen-thong">← Danh sách hoạt động</Link>
      </p>
      {notice ? <Notice>{notice}</Notice> : null}
      <section class="card" aria-labelledby="comm-facts">
        <h2 id="comm-facts" class="card__title">
          Thông tin
        </h2>
        <dl class="facts">
          <dt>Hình thức</dt>
          <dd>{commKindLabel(c.kind)}</dd>
          <dt>Ngày</dt>
          <dd>{formatDate(c.date)}</dd>
          <dt>Đơn vị</dt>
          <dd>{c.unit_name}</dd>
          <dt>Kênh, nơi tổ chức</dt>
          <dd>{c.channel || '—'}</dd>
          <dt>Đường dẫn</dt>
          <dd class="insp-source">
            {c.link ? (
              <a href={c.link} rel="noopener noreferrer" target="_blank">
                {c.link}
              </a>
            ) : (
              '—'
            )}
          </dd>
          <dt>Tệp</dt>
          <dd>
            {c.file_name ? (
              <a href={`/api/v1/communications/${c.id}/file`} download={c.file_name}>
                {c.file_name}
              </a>
            ) : (
              '—'
            )}
          </dd>
        </dl>
        {writer ? <FileForm comm={c} onSaved={saved} /> : null}
      </section>
      {c.kind === 'dialogue' ? (
        <section class="card" aria-labelledby="comm-commitments">
          <h2 id="comm-commitments" class="card__title">
            Câu hỏi và cam kết trả lời
          </h2>
          <Table
            caption="Cam kết"
            rows={c.commitments}
            className="stack-table"
            empty="Chưa có cam kết nào."
            columns={[
              { key: 'question', label: 'Câu hỏi' },
              { key: 'answer', label: 'Trả lời, cam kết' },
              { key: 'unit_name', label: 'Đơn vị thực hiện' },
              { key: 'due', label: 'Hạn', render: (k) => formatDate(k.due) },
              { key: 'followup_status', label: 'Thực hiện', render: (k) => <FollowupStatus status={k.followup_status} /> },
            ]}
          />
          {writer ? <CommitmentForm comm={c} onSaved={saved} /> : null}
        </section>
      ) : null}
    </>
  );
}
