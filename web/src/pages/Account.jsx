import { useState } from 'preact/hooks';
import { PageHeader } from '../components/Layout.jsx';
import { TextField } from '../components/Field.jsx';
import { ProblemAlert, Notice } from '../components/ProblemAlert.jsx';
import { Badge } from '../components/Badge.jsx';
import { api } from '../api.js';
import { formatDate, levelLabel, roleLabel } from '../format.js';
import { useForm, usePageTitle } from '../hooks.js';
import { NotificationPrefs } from './AccountNotifications.jsx';

const LABELS = {
  current_password: 'Mật khẩu hiện tại',
  new_password: 'Mật khẩu mới',
  confirm: 'Nhập lại mật khẩu mới',
};

const MIN_PASSWORD = 8;

function PasswordForm() {
  const form = useForm({ current_password: '', new_password: '', confirm: '' });
  const [done, setDone] = useState(false);
  const onSubmit = (e) =>
    form.submit(
      e,
      async (v) => {
        setDone(false);
        await api.post('/auth/password', { current_password: v.current_password, new_password: v.new_password });
        form.reset();
        setDone(true);
      },
      (v) => ({
        current_password: v.current_password ? '' : 'Vui lòng nhập mật khẩu hiện tại.',
        new_password: !v.new_password
          ? 'Vui lòng nhập mật khẩu mới.'
          : v.new_password.length < MIN_PASSWORD
            ? `Mật khẩu mới cần ít nhất ${MIN_PASSWORD} ký tự.`
            : v.new_password === v.current_password
              ? 'Mật khẩu mới phải khác mật khẩu hiện tại.'
              : '',
        confirm: v.confirm === v.new_password ? '' : 'Mật khẩu nhập lại không khớp.',
      }),
    );
  return (
    <form onSubmit={onSubmit} noValidate class="form-narrow">
      <ProblemAlert error={form.failure} fieldLabels={LABELS} idPrefix="pw-" />
      {done ? <Notice>Đã đổi mật khẩu thành công.</Notice> : null}
      <TextField id="pw-current_password" label={LABELS.current_password} type="password" autoComplete="current-password" required {...form.field('current_password')} />
      <TextField
        id="pw-new_password"
        label={LABELS.new_password}
        type="password"
        autoComplete="new-password"
        hint={`Ít nhất ${MIN_PASSWORD} ký tự, nên gồm chữ hoa, chữ thường, chữ số và ký tự đặc biệt.`}
        required
        {...form.field('new_password')}
      />
      <TextField id="pw-confirm" label={LABELS.confirm} type="password" autoComplete="new-password" required {...form.field('confirm')} />
      <div class="form-actions">
        <button type="submit" class="btn btn--primary" disabled={form.submitting}>
          {form.submitting ? 'Đang lưu…' : 'Đổi mật khẩu'}
        </button>
      </div>
    </form>
  );
}

export function Account({ user }) {
  usePageTitle('Tài khoản của tôi');
  return (
    <>
      <PageHeader title="Tài khoản của tôi" />
      <section class="card" aria-labelledby="acc-info">
        <h2 id="acc-info" class="card__title">
          Thông tin tài khoản
        </h2>
        <dl class="facts">
          <dt>Họ và tên</dt>
          <dd>{user.full_name || '—'}</dd>
          <dt>Tên đăng nhập</dt>
          <dd>{user.username}</dd>
          <dt>Thư điện tử</dt>
          <dd>{user.email || '—'}</dd>
          <dt>Điện thoại</dt>
          <dd>{user.phone || '—'}</dd>
          <dt>Đơn vị</dt>
          <dd>
            {user.unit_name || '—'}
            {user.unit_level ? <span class="muted"> ({levelLabel(user.unit_level)})</span> : null}
          </dd>
          <dt>Vai trò</dt>
          <dd>
            {roleLabel(user.role, user.focal_officer)}{' '}
            {user.coordinator ? <Badge tone="info">Đơn vị điều phối</Badge> : null}
          </dd>
          {user.focal_officer ? (
            <>
              <dt>Quyết định cử đầu mối</dt>
              <dd>
                {user.focal_decision_no || '—'}
                {user.focal_decision_date ? ` ngày ${formatDate(user.focal_decision_date)}` : ''}
              </dd>
            </>
          ) : null}
        </dl>
        <p class="muted small">Để thay đổi thông tin tài khoản, vui lòng liên hệ quản trị hệ thống.</p>
      </section>
      <section class="card" aria-labelledby="acc-pw">
        <h2 id="acc-pw" class="card__title">
          Đổi mật khẩu
        </h2>
        <PasswordForm />
      </section>
      <section class="card" aria-labelledby="acc-notify">
        <h2 id="acc-notify" class="card__title">
          Nhận thông báo qua thư điện tử
        </h2>
        <NotificationPrefs />
      </section>
    </>
  );
}
