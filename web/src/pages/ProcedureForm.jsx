// /app/thu-tuc/moi and /app/thu-tuc/:id/sua — the form of a procedure: identity, where and how
// it is handled, time limit and fee, publishing decision, internal workflow, and the published
// components. The server checks everything again and answers field by field.
import { useEffect } from 'preact/hooks';
import { PageHeader } from '../components/Layout.jsx';
import { Link } from '../components/Link.jsx';
import { CheckboxField, DateField, SelectField, TextField } from '../components/Field.jsx';
import { Combobox } from '../components/Combobox.jsx';
import { ProblemAlert } from '../components/ProblemAlert.jsx';
import { api } from '../api.js';
import { useAsync, useForm, usePageTitle } from '../hooks.js';
import { navigate } from '../router.js';
import { loadUnitTree, unitComboOptions } from '../units.js';
import { FIELD_LABELS, LEVEL_OPTIONS, ONLINE_OPTIONS, TextAreaField, UNIT_OPTIONS } from './ProcedureCommon.jsx';

const TEXTS = ['agency', 'time_limit_text', 'fee_text', 'decision_no', 'internal_process_decision_no', 'steps', 'way', 'dossier', 'subjects', 'requirements', 'result', 'legal_basis'];
const DATES = ['decision_date', 'effective_date', 'internal_process_date'];
const FLAGS = ['postal', 'boundary_free', 'four_on_spot', 'internal_process_approved'];

const EMPTY = {
  code: '',
  name: '',
  field_id: '',
  levels: [],
  agency_unit_id: '',
  time_limit_value: '',
  time_limit_unit: '',
  fee_amount: '',
  online_level: 'none',
  ...Object.fromEntries(TEXTS.map((k) => [k, ''])),
  ...Object.fromEntries(DATES.map((k) => [k, ''])),
  ...Object.fromEntries(FLAGS.map((k) => [k, false])),
};

/** The stored procedure as form values (strings, booleans, the levels as an array). */
function toValues(p) {
  const v = { ...EMPTY };
  for (const k of Object.keys(EMPTY)) {
    if (p[k] === null || p[k] === undefined) continue;
    v[k] = Array.isArray(p[k]) ? [...p[k]] : typeof p[k] === 'boolean' ? p[k] : String(p[k]);
  }
  if (p.time_limit_value !== null && p.time_limit_value !== undefined) v.time_limit_value = String(p.time_limit_value).replace('.', ',');
  return v;
}

const number = (s) => {
  const t = String(s).trim().replace(/\s/g, '');
  if (t === '') return null;
  return Number(t.replace(',', '.'));
};

/** Form values → the JSON body (empty texts are null). */
function toBody(v) {
  const b = { code: v.code.trim(), name: v.name.trim(), field_id: Number(v.field_id), levels: v.levels, online_level: v.online_level };
  for (const k of TEXTS) b[k] = v[k].trim() || null;
  for (const k of DATES) b[k] = v[k] || null;
  for (const k of FLAGS) b[k] = !!v[k];
  b.agency_unit_id = v.agency_unit_id ? Number(v.agency_unit_id) : null;
  b.time_limit_value = number(v.time_limit_value);
  b.time_limit_unit = v.time_limit_unit || null;
  b.fee_amount = String(v.fee_amount).trim() === '' ? null : Number(String(v.fee_amount).replace(/[.\s]/g, ''));
  return b;
}

function validate(v) {
  const tl = number(v.time_limit_value);
  const fee = String(v.fee_amount).replace(/[.\s]/g, '');
  return {
    code: /^\d{1,2}\.\d{6}$/.test(v.code.trim()) ? '' : 'Mã thủ tục có dạng 1.001234.',
    name: v.name.trim().length >= 3 ? '' : 'Nhập tên thủ tục.',
    field_id: v.field_id ? '' : 'Chọn lĩnh vực.',
    levels: v.levels.length ? '' : 'Chọn ít nhất một cấp thực hiện.',
    time_limit_value: tl !== null && !(tl > 0) ? 'Thời hạn là một số lớn hơn 0.' : tl !== null && !v.time_limit_unit ? 'Chọn đơn vị của thời hạn.' : '',
    time_limit_unit: tl === null && v.time_limit_unit ? 'Nhập số của thời hạn.' : '',
    fee_amount: fee !== '' && !/^\d+$/.test(fee) ? 'Mức phí là số tiền (đồng), ví dụ 50.000.' : '',
    internal_process_decision_no: v.internal_process_approved && !v.internal_process_decision_no.trim() ? 'Nhập số quyết định phê duyệt quy trình nội bộ.' : '',
    ...Object.fromEntries(DATES.map((k) => [k, v[k] === null ? 'Ngày không hợp lệ, hãy nhập theo dạng dd/mm/yyyy.' : ''])),
  };
}

function Levels({ form }) {
  const levels = form.values.levels;
  const toggle = (l, on) => form.setValue('levels', on ? LEVEL_OPTIONS.map((o) => o.value).filter((x) => x === l || levels.includes(x)) : levels.filter((x) => x !== l));
  return (
    <fieldset class="proc-levels" id="proc-levels" aria-describedby={form.errors.levels ? 'proc-levels-error' : undefined}>
      <legend>
        {FIELD_LABELS.levels} <span class="field__req" aria-hidden="true">*</span>
      </legend>
      {LEVEL_OPTIONS.map((o) => (
        <CheckboxField key={o.value} id={`proc-level-${o.value}`} label={o.label} value={levels.includes(o.value)} onValue={(on) => toggle(o.value, on)} />
      ))}
      {form.errors.levels ? (
        <p id="proc-levels-error" class="field__error">
          {form.errors.levels}
        </p>
      ) : null}
    </fieldset>
  );
}

export function ProcedureForm({ params }) {
  const editing = !!params?.id;
  usePageTitle(editing ? 'Sửa thủ tục' : 'Thêm thủ tục');
  const fields = useAsync(() => api.get('/procedure-fields'), []);
  const units = useAsync(() => loadUnitTree(), []);
  const current = useAsync(() => (editing ? api.get(`/procedures/${encodeURIComponent(params.id)}`) : Promise.resolve(null)), [params?.id]);
  const form = useForm(EMPTY);
  useEffect(() => {
    if (current.data) form.reset(toValues(current.data));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [current.data]);

  const f = (name) => ({ id: `proc-${name}`, label: FIELD_LABELS[name], ...form.field(name) });
  const submit = (e) =>
    form.submit(
      e,
      async (v) => {
        const body = toBody(v);
        const saved = editing ? await api.put(`/procedures/${current.data.id}`, body) : await api.post('/procedures', body);
        navigate(`/app/thu-tuc/${saved.id}`);
      },
      validate,
    );
  if (editing && current.error) return <ProblemAlert error={current.error} focus={false} onRetry={current.reload} />;
  if (editing && !current.data) {
    return (
      <p class="loading" role="status">
        Đang tải…
      </p>
    );
  }
  const back = editing ? `/app/thu-tuc/${current.data.id}` : '/app/thu-tuc';
  return (
    <>
      <p>
        <Link href={back}>← Quay lại</Link>
      </p>
      <PageHeader title={editing ? `Sửa thủ tục ${current.data.code}` : 'Thêm thủ tục hành chính'} lead="Các trường có dấu * là bắt buộc. Bảy bộ phận được công khai trên Cổng thông tin." />
      <form onSubmit={submit} noValidate>
        <ProblemAlert error={form.failure || fields.error} fieldLabels={FIELD_LABELS} idPrefix="proc-" />
        <section class="card" aria-labelledby="sec-id">
          <h2 id="sec-id" class="card__title">
            Thông tin chung
          </h2>
          <div class="form-grid">
            <TextField {...f('code')} required hint="Mã trên Cơ sở dữ liệu quốc gia, ví dụ 1.001193" />
            <SelectField {...f('field_id')} required placeholder="— Chọn lĩnh vực —" options={(fields.data?.items || []).map((x) => ({ value: String(x.id), label: x.name }))} />
          </div>
          <TextAreaField {...f('name')} required rows={2} />
          <Levels form={form} />
          <div class="form-grid">
            <Combobox {...f('agency_unit_id')} placeholder="Không gắn với một đơn vị" options={unitComboOptions(units.data || [])} hint="Khi cơ quan thực hiện là một đơn vị trong cơ cấu tổ chức" />
            <SelectField {...f('online_level')} options={ONLINE_OPTIONS} />
          </div>
          <TextAreaField {...f('agency')} rows={2} hint="Như được công bố, ví dụ: UBND cấp xã; Phòng Tư pháp cấp huyện" />
          <div class="form-grid">
            <TextField {...f('time_limit_value')} inputMode="decimal" hint="Số ngày hoặc giờ, ví dụ 5 hoặc 0,5" />
            <SelectField {...f('time_limit_unit')} placeholder="— Đơn vị —" options={UNIT_OPTIONS} />
          </div>
          <div class="form-grid">
            <TextField {...f('fee_amount')} inputMode="numeric" hint="0 nếu không thu phí; bỏ trống nếu không có một mức cố định" />
          </div>
          <TextAreaField {...f('fee_text')} rows={2} />
          <CheckboxField {...f('postal')} />
          <CheckboxField {...f('boundary_free')} />
          <CheckboxField {...f('four_on_spot')} />
        </section>
        <section class="card" aria-labelledby="sec-decision">
          <h2 id="sec-decision" class="card__title">
            Công bố và quy trình nội bộ
          </h2>
          <div class="form-grid">
            <TextField {...f('decision_no')} hint="Ví dụ: 1234/QĐ-UBND" />
            <DateField {...f('decision_date')} />
            <DateField {...f('effective_date')} />
          </div>
          <CheckboxField {...f('internal_process_approved')} />
          <div class="form-grid">
            <TextField {...f('internal_process_decision_no')} />
            <DateField {...f('internal_process_date')} />
          </div>
        </section>
        <section class="card" aria-labelledby="sec-components">
          <h2 id="sec-components" class="card__title">
            Các bộ phận được công khai
          </h2>
          <TextAreaField {...f('steps')} rows={6} />
          <TextAreaField {...f('way')} />
          <TextAreaField {...f('dossier')} rows={6} />
          <TextAreaField {...f('time_limit_text')} rows={2} />
          <TextAreaField {...f('subjects')} rows={2} />
          <TextAreaField {...f('requirements')} rows={3} />
          <TextAreaField {...f('result')} rows={2} />
          <TextAreaField {...f('legal_basis')} rows={3} />
        </section>
        <div class="form-actions">
          <button type="submit" class="btn btn--primary" disabled={form.submitting}>
            {form.submitting ? 'Đang lưu…' : editing ? 'Lưu thay đổi' : 'Thêm thủ tục'}
          </button>
          <Link href={back} class="btn btn--secondary">
            Hủy
          </Link>
        </div>
      </form>
    </>
  );
}
