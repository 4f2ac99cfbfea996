// The satisfaction survey (SIPAS, issue 19 part 2): the survey editor (questions grouped, scale,
// units), opening and closing, one-time links shown once, paper entry, results per unit and
// question with the index; the public one-time answer page and the public results. Every figure
// comes from the server.
import { useState } from 'preact/hooks';
import { PageHeader, PublicLayout } from '../components/Layout.jsx';
import { Link } from '../components/Link.jsx';
import { CheckboxField, DateField, SelectField, TextField, Wrap } from '../components/Field.jsx';
import { Notice, ProblemAlert } from '../components/ProblemAlert.jsx';
import { api } from '../api.js';
import { hasPermission } from '../auth.js';
import { formatNumber, todayISO } from '../format.js';
import { useAsync, usePageTitle } from '../hooks.js';
import { navigate, queryOf, withQuery } from '../router.js';
import './Sipas.css';

const STATUS = { draft: 'Đang soạn thảo', open: 'Đang khảo sát', closed: 'Đã kết thúc' };
const pct = (v) => (v === null || v === undefined ? '—' : `${formatNumber(v, 2)} %`);
const num2 = (v) => (v === null || v === undefined ? '—' : formatNumber(v, 2));
const notFoundAsNull = (e) => {
  if (e.status === 404) return null;
  throw e;
};

const DEFAULT_QUESTIONS = [
  { code: 'A1', group: 'access', text: 'Nơi ngồi chờ có đủ chỗ ngồi, tiện nghi' },
  { code: 'B1', group: 'procedures', text: 'Thủ tục hành chính được niêm yết công khai, đầy đủ' },
  { code: 'C1', group: 'officials', text: 'Công chức có thái độ giao tiếp lịch sự' },
  { code: 'D1', group: 'results', text: 'Kết quả giải quyết đúng thời hạn' },
  { code: 'E1', group: 'feedback', text: 'Góp ý, phản ánh được tiếp nhận, trả lời kịp thời' },
];
const DEFAULT_SCALE = {
  choices: [
    { score: 1, label: 'Rất không hài lòng' },
    { score: 2, label: 'Không hài lòng' },
    { score: 3, label: 'Bình thường' },
    { score: 4, label: 'Hài lòng' },
    { score: 5, label: 'Rất hài lòng' },
  ],
  satisfied: [4, 5],
};

function yearOptions(year) {
  const ty = Number(todayISO().slice(0, 4));
  const out = [];
  for (let y = ty + 1; y >= 2022; y--) out.push({ value: String(y), label: `Năm ${y}` });
  if (!out.some((o) => o.value === year)) out.unshift({ value: year, label: `Năm ${year}` });
  return out;
}

function useYear(search, path) {
  const q = queryOf(search || '');
  const year = /^\d{4}$/.test(q.nam || '') ? q.nam : String(Number(todayISO().slice(0, 4)) - 1);
  const setYear = (v) => navigate(withQuery(path, { ...q, nam: v }), { replace: true });
  return { year, setYear };
}

/** Questions grouped by their SIPAS group, read-only. */
function QuestionList({ survey }) {
  return (
    <div class="sp-groups">
      {survey.groups.map((g) => {
        const qs = survey.questions.filter((q) => q.group === g.code);
        if (!qs.length) return null;
        return (
          <section key={g.code} class="sp-group">
            <h3 class="sp-group__title">{g.label}</h3>
            <ol class="sp-group__list">
              {qs.map((q) => (
                <li key={q.code}>
                  <strong>{q.code}</strong>. {q.text}
                </li>
              ))}
            </ol>
          </section>
        );
      })}
      <p class="muted">
        Thang điểm: {survey.scale.choices.map((c) => `${c.score} – ${c.label}`).join('; ')}. Được tính là hài lòng: {survey.scale.satisfied.join(', ')}.
      </p>
    </div>
  );
}

const GROUP_OPTIONS = [
  { value: 'access', label: 'Tiếp cận dịch vụ' },
  { value: 'procedures', label: 'Thủ tục hành chính' },
  { value: 'officials', label: 'Công chức trực tiếp giải quyết công việc' },
  { value: 'results', label: 'Kết quả giải quyết thủ tục hành chính' },
  { value: 'feedback', label: 'Tiếp nhận, xử lý góp ý, phản ánh, kiến nghị' },
];

/** The question rows: code, group, text; add and remove. */
function QuestionRows({ rows, onRows, errors }) {
  const set = (i, patch) => onRows(rows.map((r, k) => (k === i ? { ...r, ...patch } : r)));
  return (
    <fieldset class="sp-rows" id="sp-questions">
      <legend>Bộ câu hỏi</legend>
      {errors.questions ? <p class="field__error">{errors.questions}</p> : null}
      {rows.map((r, i) => (
        <div key={i} class="sp-row">
          <TextField id={`sp-q${i}-code`} label={`Mã câu ${i + 1}`} value={r.code} onValue={(x) => set(i, { code: x })} error={errors[`questions[${i}].code`]} className="sp-row__code" />
          <SelectField id={`sp-q${i}-group`} label={`Nhóm câu ${i + 1}`} value={r.group} options={GROUP_OPTIONS} onValue={(x) => set(i, { group: x })} error={errors[`questions[${i}].group`]} />
          <TextField id={`sp-q${i}-text`} label={`Nội dung câu ${i + 1}`} value={r.text} onValue={(x) => set(i, { text: x })} error={errors[`questions[${i}].text`]} className="sp-row__text" />
          <button type="button" class="btn btn--ghost btn--small" onClick={() => onRows(rows.filter((_, k) => k !== i))}>
            Xoá<span class="sr-only"> câu {i + 1}</span>
          </button>
        </div>
      ))}
      <button type="button" class="btn btn--secondary btn--small" onClick={() => onRows([...rows, { code: '', group: 'access', text: '' }])}>
        Thêm câu hỏi
      </button>
    </fieldset>
  );
}

/** The scale rows: score, label, counted as satisfied. */
function ScaleRows({ rows, onRows, errors }) {
  const set = (i, patch) => onRows(rows.map((r, k) => (k === i ? { ...r, ...patch } : r)));
  return (
    <fieldset class="sp-rows" id="sp-scale">
      <legend>Thang điểm (các mức theo điểm tăng dần)</legend>
      {errors['scale.choices'] || errors['scale.satisfied'] || errors.scale ? <p class="field__error">{errors['scale.choices'] || errors['scale.satisfied'] || errors.scale}</p> : null}
      {rows.map((r, i) => (
        <div key={i} class="sp-row">
          <TextField id={`sp-c${i}-score`} label={`Điểm mức ${i + 1}`} type="number" min={0} max={10} value={r.score} onValue={(x) => set(i, { score: x })} error={errors[`scale.choices[${i}].score`]} className="sp-row__code" />
          <TextField id={`sp-c${i}-label`} label={`Tên mức ${i + 1}`} value={r.label} onValue={(x) => set(i, { label: x })} error={errors[`scale.choices[${i}].label`]} className="sp-row__text" />
          <CheckboxField id={`sp-c${i}-satisfied`} label="Tính là hài lòng" value={r.satisfied} onValue={(x) => set(i, { satisfied: x })} />
          <button type="button" class="btn btn--ghost btn--small" onClick={() => onRows(rows.filter((_, k) => k !== i))}>
            Xoá<span class="sr-only"> mức {i + 1}</span>
          </button>
        </div>
      ))}
      <button type="button" class="btn btn--secondary btn--small" onClick={() => onRows([...rows, { score: '', label: '', satisfied: false }])}>
        Thêm mức
      </button>
    </fieldset>
  );
}

const scaleRowsOf = (scale) => scale.choices.map((c) => ({ score: String(c.score), label: c.label, satisfied: scale.satisfied.includes(c.score) }));
/** A typed score as the integer the server checks ('' and other text pass as they are: it says why). */
const scoreOf = (t) => (/^\d+$/.test(String(t).trim()) ? Number(t) : t);

/** The editor of a draft (or a new) survey: title, period, units, questions and scale. */
function SurveyEditor({ year, survey, onSaved }) {
  const units = useAsync(() => api.get('/units', { per_page: 1000 }), []);
  const [v, setV] = useState(() => ({
    title: survey?.title || `Khảo sát sự hài lòng của người dân, tổ chức năm ${year}`,
    period_from: survey?.period_from || '',
    period_to: survey?.period_to || '',
    unit_ids: (survey?.units || []).map((u) => u.id),
    questions: (survey?.questions || DEFAULT_QUESTIONS).map((q) => ({ ...q })),
    scale: scaleRowsOf(survey?.scale || DEFAULT_SCALE),
  }));
  const [error, setError] = useState(null);
  const choices = (units.data?.items || []).filter((u) => u.level === 'department' || u.level === 'district');
  const toggle = (id) => setV({ ...v, unit_ids: v.unit_ids.includes(id) ? v.unit_ids.filter((x) => x !== id) : [...v.unit_ids, id] });
  const save = async (e) => {
    e.preventDefault();
    setError(null);
    const scale = {
      choices: v.scale.map((c) => ({ score: scoreOf(c.score), label: c.label.trim() })),
      satisfied: v.scale.filter((c) => c.satisfied).map((c) => scoreOf(c.score)),
    };
    const questions = v.questions.map((q) => ({ code: q.code.trim(), group: q.group, text: q.text.trim() }));
    try {
      const body = { title: v.title.trim(), period_from: v.period_from || null, period_to: v.period_to || null, questions, scale, unit_ids: v.unit_ids };
      onSaved(await api.put(`/sipas/${year}/survey`, body));
    } catch (err) {
      setError(err);
    }
  };
  const fe = error?.fieldErrors || {};
  return (
    <form class="card sp-editor" onSubmit={save} noValidate>
      <h2 class="card__title">{survey ? 'Sửa phiếu khảo sát' : 'Soạn phiếu khảo sát'}</h2>
      <ProblemAlert error={error} idPrefix="sp-" fieldLabels={{ title: 'Tiêu đề', questions: 'Bộ câu hỏi', scale: 'Thang điểm', unit_ids: 'Đơn vị được khảo sát', period_to: 'Đến ngày' }} />
      <TextField id="sp-title" label="Tiêu đề" required value={v.title} onValue={(x) => setV({ ...v, title: x })} error={fe.title} />
      <div class="filters">
        <DateField id="sp-period_from" label="Từ ngày" value={v.period_from} onValue={(x) => setV({ ...v, period_from: x || '' })} error={fe.period_from} />
        <DateField id="sp-period_to" label="Đến ngày" value={v.period_to} onValue={(x) => setV({ ...v, period_to: x || '' })} error={fe.period_to} />
      </div>
      <fieldset class="sp-units" id="sp-unit_ids">
        <legend>Đơn vị được khảo sát (sở, ngành, UBND cấp huyện)</legend>
        {fe.unit_ids ? <p class="field__error">{fe.unit_ids}</p> : null}
        {choices.map((u) => (
          <label key={u.id} class="sp-unit">
            <input type="checkbox" checked={v.unit_ids.includes(u.id)} onChange={() => toggle(u.id)} /> {u.name}
          </label>
        ))}
      </fieldset>
      <QuestionRows rows={v.questions} onRows={(rows) => setV({ ...v, questions: rows })} errors={fe} />
      <ScaleRows rows={v.scale} onRows={(rows) => setV({ ...v, scale: rows })} errors={fe} />
      <button type="submit" class="btn btn--primary">
        Lưu phiếu khảo sát
      </button>
    </form>
  );
}

/** Issues one-time links for a unit and shows them once, with a copy button. */
function LinkIssuer({ year, survey, onIssued }) {
  const [v, setV] = useState({ unit_id: String(survey.units[0]?.id || ''), count: '5' });
  const [links, setLinks] = useState(null);
  const [error, setError] = useState(null);
  const [copied, setCopied] = useState(false);
  const issue = async (e) => {
    e.preventDefault();
    setError(null);
    setCopied(false);
    try {
      const r = await api.post(`/sipas/${year}/links`, { unit_id: Number(v.unit_id), count: Number(v.count) });
      setLinks(r.links.map((l) => `${window.location.origin}${l.url}`));
      onIssued();
    } catch (err) {
      setError(err);
    }
  };
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(links.join('\n'));
      setCopied(true);
    } catch {
      document.getElementById('sp-new-links')?.select();
    }
  };
  return (
    <form class="card" onSubmit={issue} noValidate>
      <h2 class="card__title">Phát đường dẫn khảo sát dùng một lần</h2>
      <ProblemAlert error={error} idPrefix="spl-" fieldLabels={{ unit_id: 'Đơn vị', count: 'Số đường dẫn' }} />
      <div class="filters">
        <SelectField id="spl-unit_id" label="Đơn vị" value={v.unit_id} options={survey.units.map((u) => ({ value: String(u.id), label: u.name }))} onValue={(x) => setV({ ...v, unit_id: x })} />
        <TextField id="spl-count" label="Số đường dẫn (1–200)" type="number" min={1} max={200} value={v.count} onValue={(x) => setV({ ...v, count: x })} error={error?.fieldErrors?.count} />
      </div>
      <button type="submit" class="btn btn--primary">
        Phát đường dẫn
      </button>
      {links ? (
        <div class="sp-links" role="status">
          <p>
            <strong>Các đường dẫn chỉ hiện một lần này.</strong> Hãy sao chép và gửi cho người được chọn khảo sát; mỗi đường dẫn trả lời được một lần.
          </p>
          <Wrap id="sp-new-links" label="Đường dẫn mới">
            <textarea id="sp-new-links" class="input sp-json" rows={Math.min(links.length, 8)} readOnly value={links.join('\n')} />
          </Wrap>
          <button type="button" class="btn btn--secondary" onClick={copy}>
            Sao chép tất cả
          </button>
          {copied ? <span class="muted"> Đã sao chép.</span> : null}
        </div>
      ) : null}
    </form>
  );
}

/** The radio groups of a survey's questions, grouped; value: {code: score}. */
function AnswerFields({ survey, idPrefix, value, onValue, errors = {} }) {
  return survey.groups.map((g) => {
    const qs = survey.questions.filter((q) => q.group === g.code);
    if (!qs.length) return null;
    return (
      <section key={g.code} class="sp-group">
        <h3 class="sp-group__title">{g.label}</h3>
        {qs.map((q) => {
          const idx = survey.questions.indexOf(q);
          const err = errors[`answers[${idx}].score`] || errors[`answers[${idx}].code`];
          return (
            <fieldset key={q.code} class="sp-question" id={`${idPrefix}-${q.code}`}>
              <legend>
                {q.code}. {q.text}
              </legend>
              <div class="sp-choices">
                {survey.scale.choices.map((c) => (
                  <label key={c.score} class="sp-choice">
                    <input type="radio" name={`${idPrefix}-${q.code}`} value={c.score} checked={value[q.code] === c.score} onChange={() => onValue({ ...value, [q.code]: c.score })} />
                    <span>{c.label}</span>
                  </label>
                ))}
              </div>
              {err ? <p class="field__error">{err}</p> : null}
            </fieldset>
          );
        })}
      </section>
    );
  });
}

const answersOf = (survey, value) => survey.questions.filter((q) => value[q.code] !== undefined).map((q) => ({ code: q.code, score: value[q.code] }));

/** A paper form typed in by an officer of the appraising unit. */
function PaperEntry({ year, survey, onSaved }) {
  const [unit, setUnit] = useState(String(survey.units[0]?.id || ''));
  const [value, setValue] = useState({});
  const [error, setError] = useState(null);
  const [saved, setSaved] = useState(0);
  const save = async (e) => {
    e.preventDefault();
    setError(null);
    try {
      await api.post(`/sipas/${year}/responses`, { unit_id: Number(unit), answers: answersOf(survey, value) });
      setValue({});
      setSaved(saved + 1);
      onSaved();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <form class="card" onSubmit={save} noValidate>
      <h2 class="card__title">Nhập phiếu khảo sát giấy</h2>
      <ProblemAlert error={error} idPrefix="spp-" fieldLabels={{ unit_id: 'Đơn vị', answers: 'Câu trả lời' }} />
      {saved ? <Notice>Đã ghi nhận {saved} phiếu giấy.</Notice> : null}
      <SelectField id="spp-unit_id" label="Đơn vị được đánh giá trên phiếu" value={unit} options={survey.units.map((u) => ({ value: String(u.id), label: u.name }))} onValue={setUnit} />
      <AnswerFields survey={survey} idPrefix="spp" value={value} onValue={setValue} errors={error?.fieldErrors} />
      <button type="submit" class="btn btn--primary">
        Ghi nhận phiếu giấy
      </button>
    </form>
  );
}

/** The results: the index, the groups, each unit, and each question. */
function Results({ results, label }) {
  return (
    <div class="sp-results">
      <p class="sp-index">
        Chỉ số hài lòng chung: <strong data-testid="sp-index">{pct(results.index)}</strong> ({results.responses} phiếu, {results.count} câu trả lời, {results.satisfied} hài lòng; điểm trung bình {num2(results.mean)})
      </p>
      <div class="table-wrap" role="region" aria-label={`${label}: theo đơn vị`} tabIndex={0}>
        <table class="table sp-table">
          <caption>Theo đơn vị</caption>
          <thead>
            <tr>
              <th scope="col">Đơn vị</th>
              <th scope="col" class="num">Số phiếu</th>
              <th scope="col" class="num">Câu trả lời</th>
              <th scope="col" class="num">Điểm trung bình</th>
              <th scope="col" class="num">Chỉ số hài lòng</th>
            </tr>
          </thead>
          <tbody>
            {results.units.map((u) => (
              <tr key={u.unit_id} data-testid={`sp-unit-${u.unit_id}`}>
                <td>{u.unit_name}</td>
                <td class="num">{u.responses}</td>
                <td class="num">{u.count}</td>
                <td class="num">{num2(u.mean)}</td>
                <td class="num">{pct(u.index)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div class="table-wrap" role="region" aria-label={`${label}: theo nhóm và câu hỏi`} tabIndex={0}>
        <table class="table sp-table">
          <caption>Theo nhóm và câu hỏi</caption>
          <thead>
            <tr>
              <th scope="col">Câu hỏi</th>
              <th scope="col" class="num">Câu trả lời</th>
              <th scope="col" class="num">Điểm trung bình</th>
              <th scope="col" class="num">Tỷ lệ hài lòng</th>
            </tr>
          </thead>
          <tbody>
            {results.groups.map((g) => [
              <tr key={g.group} class="sp-group-row">
                <th scope="row">{g.label}</th>
                <td class="num">{g.count}</td>
                <td class="num">{num2(g.mean)}</td>
                <td class="num">{pct(g.satisfied_share)}</td>
              </tr>,
              ...results.questions
                .filter((q) => q.group === g.group)
                .map((q) => (
                  <tr key={q.code}>
                    <td class="sp-qtext">
                      {q.code}. {q.text}
                    </td>
                    <td class="num">{q.count}</td>
                    <td class="num">{num2(q.mean)}</td>
                    <td class="num">{pct(q.satisfied_share)}</td>
                  </tr>
                )),
            ])}
          </tbody>
        </table>
      </div>
    </div>
  );
}

export function SipasPage({ user, search }) {
  usePageTitle('Khảo sát sự hài lòng');
  const { year, setYear } = useYear(search, '/app/khao-sat-hai-long');
  const survey = useAsync(() => api.get(`/sipas/${year}/survey`).catch(notFoundAsNull), [year]);
  // figures and counts only once there is a survey (no 404 to ask for)
  const status = survey.data?.status;
  const results = useAsync(() => (status ? api.get(`/sipas/${year}/results`) : Promise.resolve(null)), [year, status]);
  const links = useAsync(() => (status ? api.get(`/sipas/${year}/links`) : Promise.resolve(null)), [year, status]);
  const [error, setError] = useState(null);
  const [editing, setEditing] = useState(false);
  const keeper = hasPermission(user, 'index.appraise');
  const s = survey.data;
  const reloadAll = () => {
    survey.reload();
    results.reload();
    links.reload();
  };
  const move = async (to) => {
    setError(null);
    try {
      survey.setData(await api.post(`/sipas/${year}/survey/${to}`));
      reloadAll();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <>
      <PageHeader
        title="Khảo sát sự hài lòng của người dân, tổ chức"
        lead="Phiếu khảo sát (SIPAS), đường dẫn dùng một lần, phiếu giấy và kết quả theo đơn vị, câu hỏi."
        actions={
          <Link class="btn btn--secondary" href={withQuery('/app/chi-so-cchc', { nam: year })}>
            Chỉ số CCHC
          </Link>
        }
      />
      <div class="filters">
        <SelectField id="sp-year" label="Năm khảo sát" value={year} options={yearOptions(year)} onValue={setYear} />
      </div>
      <ProblemAlert error={survey.error || error} onRetry={survey.error ? survey.reload : undefined} />
      {survey.loading && survey.data === undefined ? <p role="status">Đang tải…</p> : null}
      {s === null ? <p>Năm {year} chưa có phiếu khảo sát.</p> : null}
      {s ? (
        <section class="card">
          <h2 class="card__title">{s.title}</h2>
          <p>
            Trạng thái: <strong data-testid="sp-status">{STATUS[s.status]}</strong>. Đơn vị được khảo sát: {s.units.map((u) => u.name).join(', ')}.
          </p>
          <QuestionList survey={s} />
          {keeper && s.status === 'draft' ? (
            <p class="sp-actions">
              <button type="button" class="btn btn--secondary" onClick={() => setEditing(!editing)}>
                {editing ? 'Đóng phần sửa' : 'Sửa phiếu'}
              </button>
              <button type="button" class="btn btn--primary" onClick={() => move('open')}>
                Mở khảo sát
              </button>
            </p>
          ) : null}
          {keeper && s.status === 'open' ? (
            <p class="sp-actions">
              <button type="button" class="btn btn--primary" onClick={() => move('close')}>
                Kết thúc khảo sát
              </button>
            </p>
          ) : null}
        </section>
      ) : null}
      {keeper && survey.data !== undefined && (s === null || (s.status === 'draft' && editing)) ? (
        <SurveyEditor
          key={`${year}-${s ? 'edit' : 'new'}`}
          year={year}
          survey={s}
          onSaved={(x) => {
            survey.setData(x);
            setEditing(false);
            results.reload();
          }}
        />
      ) : null}
      {keeper && s?.status === 'open' ? <LinkIssuer year={year} survey={s} onIssued={links.reload} /> : null}
      {keeper && s?.status === 'open' ? <PaperEntry year={year} survey={s} onSaved={reloadAll} /> : null}
      {s && links.data?.length ? (
        <div class="table-wrap" role="region" aria-label="Đường dẫn đã phát" tabIndex={0}>
          <table class="table sp-table">
            <caption>Đường dẫn đã phát và đã dùng</caption>
            <thead>
              <tr>
                <th scope="col">Đơn vị</th>
                <th scope="col" class="num">Đã phát</th>
                <th scope="col" class="num">Đã trả lời</th>
              </tr>
            </thead>
            <tbody>
              {links.data.map((l) => (
                <tr key={l.unit_id}>
                  <td>{l.unit_name}</td>
                  <td class="num">{l.issued}</td>
                  <td class="num">{l.used}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {s && results.data ? (
        <section>
          <h2 class="section-title">Kết quả khảo sát năm {year}</h2>
          <Results results={results.data} label={`Kết quả khảo sát năm ${year}`} />
        </section>
      ) : null}
    </>
  );
}

/** The public page of a one-time link: large radio groups, one submission. */
export function PublicSipasForm({ params }) {
  usePageTitle('Khảo sát sự hài lòng');
  const token = String(params.token || '');
  const form = useAsync(() => api.get(`/public/sipas/${encodeURIComponent(token)}`, undefined, { auth: false }).catch(notFoundAsNull), [token]);
  const [value, setValue] = useState({});
  const [error, setError] = useState(null);
  const [sent, setSent] = useState(false);
  const f = form.data;
  const submit = async (e) => {
    e.preventDefault();
    setError(null);
    try {
      await api.post(`/public/sipas/${encodeURIComponent(token)}`, { answers: answersOf(f, value) }, { auth: false });
      setSent(true);
    } catch (err) {
      setError(err);
    }
  };
  return (
    <PublicLayout>
      <PageHeader title="Khảo sát sự hài lòng của người dân, tổ chức" lead="Ý kiến của bạn giúp cơ quan nhà nước phục vụ tốt hơn. Phiếu không ghi họ tên, địa chỉ hay số điện thoại của bạn." />
      <ProblemAlert error={form.error} onRetry={form.reload} />
      {form.loading && form.data === undefined ? <p role="status">Đang tải…</p> : null}
      {f === null && !sent ? <p>Đường dẫn khảo sát không đúng, đã được dùng hoặc cuộc khảo sát đã kết thúc.</p> : null}
      {sent ? <Notice>Cảm ơn bạn đã tham gia khảo sát. Câu trả lời của bạn đã được ghi nhận.</Notice> : null}
      {f && !sent ? (
        <form class="sp-public" onSubmit={submit} noValidate>
          <h2 class="section-title">{f.title}</h2>
          <p>
            Đơn vị được đánh giá: <strong>{f.unit_name}</strong>. Chọn một mức cho mỗi câu hỏi; có thể bỏ qua câu không có ý kiến.
          </p>
          <ProblemAlert error={error} fieldLabels={{ answers: 'Câu trả lời' }} />
          <AnswerFields survey={f} idPrefix="spq" value={value} onValue={setValue} errors={error?.fieldErrors} />
          <button type="submit" class="btn btn--primary">
            Gửi câu trả lời
          </button>
        </form>
      ) : null}
    </PublicLayout>
  );
}

/** The public results of a closed survey. */
export function PublicSipasResults({ search }) {
  usePageTitle('Kết quả khảo sát sự hài lòng');
  const { year, setYear } = useYear(search, '/khao-sat-hai-long');
  const data = useAsync(() => api.get(`/public/sipas/${year}/results`, undefined, { auth: false }).catch(notFoundAsNull), [year]);
  return (
    <PublicLayout>
      <PageHeader title="Kết quả khảo sát sự hài lòng" lead="Mức độ hài lòng của người dân, tổ chức với sự phục vụ của các sở, ngành và UBND cấp huyện." />
      <div class="filters">
        <SelectField id="psp-year" label="Năm khảo sát" value={year} options={yearOptions(year)} onValue={setYear} />
      </div>
      <ProblemAlert error={data.error} onRetry={data.reload} />
      {data.data === null ? <p>Kết quả khảo sát năm {year} chưa được công bố.</p> : null}
      {data.data ? <Results results={data.data} label={`Kết quả khảo sát năm ${year}`} /> : null}
    </PublicLayout>
  );
}
