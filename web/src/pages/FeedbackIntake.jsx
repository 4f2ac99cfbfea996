// /app/phan-anh/tiep-nhan — staff record feedback received by phone, letter, in person, e-mail or
// the hotline (issue 20): channel, received date, the sender's details as given, the content and
// files; it enters the same workflow with its clock from the received date. Also the province
// admin's editor of the public contact (/app/quan-tri/lien-he).
import { useEffect, useState } from 'preact/hooks';
import { PageHeader } from '../components/Layout.jsx';
import { Link } from '../components/Link.jsx';
import { DateField, TextField, SelectField } from '../components/Field.jsx';
import { ProblemAlert, Notice } from '../components/ProblemAlert.jsx';
import { api } from '../api.js';
import { formatDate } from '../format.js';
import { useAsync, usePageTitle } from '../hooks.js';
import { FILE_ACCEPT, checkFiles, loadMeta } from './PublicFeedbackCommon.jsx';
import { TextAreaField, fileToBase64 } from './PlanCommon.jsx';

const CHANNELS = [
  { value: 'phone', label: 'Điện thoại' },
  { value: 'letter', label: 'Thư, văn bản' },
  { value: 'in_person', label: 'Trực tiếp' },
  { value: 'email', label: 'Thư điện tử' },
  { value: 'hotline', label: 'Đường dây nóng' },
];

/** Today in Asia/Ho_Chi_Minh as YYYY-MM-DD. */
const today = () => new Date(Date.now() + 7 * 3600 * 1000).toISOString().slice(0, 10);
const EMPTY = { channel: 'phone', received_at: '', name: '', phone: '', address: '', email: '', title: '', content: '', type: '', note: '' };

export function FeedbackIntake() {
  usePageTitle('Tiếp nhận phản ánh, kiến nghị');
  const meta = useAsync(() => loadMeta(), []);
  const [v, setV] = useState({ ...EMPTY, received_at: today() });
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(null);
  const set = (k) => (x) => setV({ ...v, [k]: x });
  const fe = error?.fieldErrors || {};
  const types = (meta.data?.types || []).map((t) => ({ value: String(t.id), label: `${t.id}. ${t.label}` }));
  const send = async (e) => {
    e.preventDefault();
    const list = [...(e.currentTarget.elements.files?.files || [])];
    const bad = checkFiles(list, meta.data);
    if (bad) {
      setError({ title: 'Tệp đính kèm chưa hợp lệ', detail: bad, fieldErrors: { attachments: bad } });
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const opt = (s) => (s.trim() ? s.trim() : null);
      const body = {
        channel: v.channel,
        received_at: v.received_at || '',
        name: opt(v.name),
        phone: opt(v.phone),
        address: opt(v.address),
        email: opt(v.email),
        title: v.title.trim(),
        content: v.content.trim(),
        type: Number(v.type) || 0,
        note: opt(v.note),
      };
      if (list.length) body.attachments = await Promise.all(list.map(async (f) => ({ name: f.name, content_base64: await fileToBase64(f) })));
      setDone(await api.post('/feedback/intake', body));
      setV({ ...EMPTY, received_at: today() });
      e.currentTarget?.reset?.();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <PageHeader
        title="Tiếp nhận phản ánh, kiến nghị"
        lead="Nhập phản ánh, kiến nghị nhận qua điện thoại, thư, trực tiếp, thư điện tử hoặc đường dây nóng. Thời hạn xử lý tính từ ngày nhận, theo quy định có hiệu lực vào ngày đó."
        actions={<Link href="/app/phan-anh">← Về danh sách</Link>}
      />
      {done ? (
        <Notice>
          <span data-testid="intake-done">
            Đã tiếp nhận. Mã tra cứu <strong>{done.tracking_code}</strong> (báo cho người gửi); hạn xử lý {formatDate(done.due_date)}, hạn trả lời {formatDate(done.answer_due)}.{' '}
            <Link href={`/app/phan-anh/${done.id}`}>Mở phản ánh</Link>
          </span>
        </Notice>
      ) : null}
      <ProblemAlert error={error} />
      <form onSubmit={send} noValidate class="fb-form">
        <SelectField id="in-channel" label="Kênh tiếp nhận" required options={CHANNELS} value={v.channel} onValue={set('channel')} error={fe.channel} />
        <DateField id="in-date" label="Ngày nhận" required value={v.received_at} onValue={set('received_at')} error={fe.received_at} />
        <fieldset>
          <legend>Người gửi (ghi theo thông tin người gửi cung cấp, có thể để trống)</legend>
          <TextField id="in-name" label="Họ và tên" value={v.name} onValue={set('name')} error={fe.name} />
          <TextField id="in-phone" label="Số điện thoại" value={v.phone} onValue={set('phone')} error={fe.phone} />
          <TextField id="in-address" label="Địa chỉ" value={v.address} onValue={set('address')} error={fe.address} />
          <TextField id="in-email" type="email" label="Thư điện tử" value={v.email} onValue={set('email')} error={fe.email} />
        </fieldset>
        <SelectField id="in-type" label="Loại phản ánh, kiến nghị" required options={types} placeholder="— Chọn loại —" value={v.type} onValue={set('type')} error={fe.type} />
        <TextField id="in-title" label="Tiêu đề" required value={v.title} onValue={set('title')} error={fe.title} />
        <TextAreaField id="in-content" label="Nội dung" required rows={6} value={v.content} onValue={set('content')} error={fe.content} />
        <TextAreaField id="in-note" label="Ghi chú nội bộ" value={v.note} onValue={set('note')} error={fe.note} />
        <div class={`field ${fe.attachments ? 'field--error' : ''}`}>
          <label for="in-files" class="field__label">
            Tệp kèm theo (tối đa 3 tệp, mỗi tệp 5 MB)
          </label>
          <input id="in-files" name="files" type="file" multiple accept={FILE_ACCEPT} class="input" />
          {fe.attachments ? <p class="field__error">{fe.attachments}</p> : null}
        </div>
        <div class="form-actions">
          <button type="submit" class="btn btn--primary" disabled={busy}>
            {busy ? 'Đang lưu…' : 'Tiếp nhận'}
          </button>
        </div>
      </form>
    </>
  );
}

/** /app/quan-tri/lien-he — the public contact (hotline, address, e-mail), province admins only. */
export function PublicContactAdmin() {
  usePageTitle('Thông tin liên hệ công khai');
  const [v, setV] = useState({ hotline: '', address: '', email: '' });
  const [error, setError] = useState(null);
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    api.get('/public/contact', undefined, { auth: false }).then((c) => setV({ hotline: c.hotline, address: c.address, email: c.email }), setError);
  }, []);
  const set = (k) => (x) => setV({ ...v, [k]: x });
  const fe = error?.fieldErrors || {};
  const save = async (e) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const c = await api.put('/settings/contact', { hotline: v.hotline.trim(), address: v.address.trim(), email: v.email.trim() });
      setV({ hotline: c.hotline, address: c.address, email: c.email });
      setNotice('Đã lưu thông tin liên hệ; trang phản ánh, kiến nghị công khai hiển thị ngay.');
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <PageHeader title="Thông tin liên hệ công khai" lead="Đường dây nóng, địa chỉ và thư điện tử tiếp nhận phản ánh, kiến nghị, hiển thị trên các trang công khai. Để trống mục nào thì mục đó không hiển thị." />
      <Notice>{notice}</Notice>
      <ProblemAlert error={error} />
      <form onSubmit={save} noValidate class="fb-form">
        <TextField id="ct-hotline" label="Đường dây nóng" hint="Ví dụ: 1900 1234 hoặc 0228 3 123 456" value={v.hotline} onValue={set('hotline')} error={fe.hotline} />
        <TextField id="ct-address" label="Địa chỉ tiếp nhận" value={v.address} onValue={set('address')} error={fe.address} />
        <TextField id="ct-email" type="email" label="Thư điện tử" value={v.email} onValue={set('email')} error={fe.email} />
        <div class="form-actions">
          <button type="submit" class="btn btn--primary" disabled={busy}>
            {busy ? 'Đang lưu…' : 'Lưu'}
          </button>
        </div>
      </form>
    </>
  );
}
