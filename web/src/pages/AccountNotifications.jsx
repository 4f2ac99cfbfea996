// The account page's mail preferences (issue 15): for each kind of notification, no mail, a mail
// at once, or the daily digest, and the hour of the digest (/api/v1/me/notification-preferences).
import { useEffect, useState } from 'preact/hooks';
import { ProblemAlert, Notice } from '../components/ProblemAlert.jsx';
import { SelectField } from '../components/Field.jsx';
import { api } from '../api.js';

const CHOICES = [
  ['none', 'Không gửi'],
  ['immediate', 'Gửi ngay'],
  ['digest', 'Gửi tổng hợp hằng ngày'],
];
const HOURS = Array.from({ length: 24 }, (_, h) => h);
const LABELS = { digest_hour: 'Giờ gửi thư tổng hợp', kinds: 'Loại thông báo' };

export function NotificationPrefs() {
  const [prefs, setPrefs] = useState(null);
  const [error, setError] = useState(null);
  const [saving, setSaving] = useState(false);
  const [done, setDone] = useState(false);
  useEffect(() => {
    api.get('/me/notification-preferences').then(setPrefs, setError);
  }, []);
  if (!prefs) return error ? <ProblemAlert error={error} /> : <p aria-busy="true">Đang tải…</p>;
  const choose = (kind, mail) => {
    setDone(false);
    setPrefs({ ...prefs, kinds: prefs.kinds.map((k) => (k.kind === kind ? { ...k, mail } : k)) });
  };
  const onSubmit = async (e) => {
    e.preventDefault();
    setSaving(true);
    setError(null);
    setDone(false);
    try {
      const body = { digest_hour: prefs.digest_hour, kinds: prefs.kinds.map(({ kind, mail }) => ({ kind, mail })) };
      setPrefs(await api.put('/me/notification-preferences', body));
      setDone(true);
    } catch (err) {
      setError(err);
    } finally {
      setSaving(false);
    }
  };
  return (
    <form onSubmit={onSubmit} noValidate>
      <ProblemAlert error={error} fieldLabels={LABELS} idPrefix="np-" />
      {done ? <Notice>Đã lưu cách nhận thư thông báo.</Notice> : null}
      {prefs.email ? (
        <p>
          Thư được gửi đến <strong>{prefs.email}</strong>. Thông báo vẫn luôn hiện trong ứng dụng (biểu tượng chuông).
        </p>
      ) : (
        <p class="muted">Tài khoản chưa có địa chỉ thư điện tử: thông báo chỉ hiện trong ứng dụng. Liên hệ quản trị hệ thống để bổ sung.</p>
      )}
      <div class="table-wrap">
        <table class="table">
          <caption class="sr-only">Cách nhận thư của từng loại thông báo</caption>
          <thead>
            <tr>
              <th scope="col">Loại thông báo</th>
              {CHOICES.map(([, label]) => (
                <th scope="col" key={label}>
                  {label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {prefs.kinds.map((k) => (
              <tr key={k.kind}>
                <th scope="row" id={`np-kind-${k.kind}`}>
                  {k.label}
                </th>
                {CHOICES.map(([mail, label]) => (
                  <td key={mail}>
                    <input
                      type="radio"
                      name={`np-${k.kind}`}
                      value={mail}
                      checked={k.mail === mail}
                      aria-label={`${k.label}: ${label}`}
                      onChange={() => choose(k.kind, mail)}
                    />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <SelectField
        id="np-digest_hour"
        label={LABELS.digest_hour}
        hint='Một thư mỗi ngày, từ giờ này, liệt kê các thông báo chọn "Gửi tổng hợp hằng ngày" (chưa đọc trước).'
        value={String(prefs.digest_hour)}
        onValue={(v) => {
          setDone(false);
          setPrefs({ ...prefs, digest_hour: Number(v) });
        }}
        options={HOURS.map((h) => ({ value: String(h), label: `${String(h).padStart(2, '0')}:00` }))}
      />
      <div class="form-actions">
        <button type="submit" class="btn btn--primary" disabled={saving}>
          {saving ? 'Đang lưu…' : 'Lưu cách nhận thư'}
        </button>
      </div>
    </form>
  );
}
