import { useEffect, useState } from 'preact/hooks';
import { PublicLayout } from '../components/Layout.jsx';
import { TextField, CheckboxField } from '../components/Field.jsx';
import { ProblemAlert, Notice } from '../components/ProblemAlert.jsx';
import { ApiError } from '../api.js';
import { login } from '../auth.js';
import { formatDuration } from '../format.js';
import { useForm, usePageTitle } from '../hooks.js';
import { navigate, queryOf, safeNext } from '../router.js';

const LABELS = { username: 'Tên đăng nhập', password: 'Mật khẩu' };

/** Seconds left until `until` (ms timestamp), ticking every second. */
function useCountdown(until) {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (!until) return undefined;
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [until]);
  return until ? Math.max(0, Math.ceil((until - now) / 1000)) : 0;
}

function explain(err) {
  if (!err) return null;
  if (err.status === 401) {
    return new ApiError({
      status: 401,
      title: 'Đăng nhập không thành công',
      detail: err.detail || 'Tên đăng nhập hoặc mật khẩu không đúng.',
      fieldErrors: err.fieldErrors,
    });
  }
  return err;
}

export function Login({ search }) {
  usePageTitle('Đăng nhập');
  const q = queryOf(search);
  const next = safeNext(q.next) || '/app';
  const form = useForm({ username: '', password: '' });
  const [showPassword, setShowPassword] = useState(false);
  const [lockedUntil, setLockedUntil] = useState(null);
  const wait = useCountdown(lockedUntil);
  const locked = wait > 0;

  const onSubmit = (e) =>
    form.submit(
      e,
      async (v) => {
        setLockedUntil(null);
        try {
          await login(v.username.trim(), v.password);
        } catch (err) {
          if (err.status === 429) setLockedUntil(Date.now() + (err.retryAfter || 60) * 1000);
          throw err;
        }
        navigate(next, { replace: true });
      },
      (v) => ({
        username: v.username.trim() ? '' : 'Vui lòng nhập tên đăng nhập.',
        password: v.password ? '' : 'Vui lòng nhập mật khẩu.',
      }),
    );

  const failure = explain(form.failure);

  return (
    <PublicLayout>
      <section class="login" aria-labelledby="login-title">
        <div class="card login__card">
          <h1 id="login-title" class="page-title">
            Đăng nhập
          </h1>
          <p class="muted">Dành cho cán bộ, công chức sử dụng hệ thống kiểm soát thủ tục hành chính.</p>
          {q.het_han ? <Notice tone="info">Phiên làm việc đã hết hạn. Vui lòng đăng nhập lại để tiếp tục.</Notice> : null}
          {failure && failure.status === 429 ? (
            <div class="alert alert--error" role="alert">
              <p class="alert__title">Tạm khóa đăng nhập</p>
              <p>{failure.detail || 'Bạn đã đăng nhập sai quá nhiều lần.'}</p>
              <p>
                {locked
                  ? `Vui lòng thử lại sau ${formatDuration(wait)}.`
                  : 'Bạn có thể thử đăng nhập lại.'}
              </p>
            </div>
          ) : (
            <ProblemAlert error={failure} fieldLabels={LABELS} idPrefix="login-" />
          )}
          <form onSubmit={onSubmit} noValidate>
            <TextField
              id="login-username"
              label={LABELS.username}
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              required
              {...form.field('username')}
            />
            <TextField
              id="login-password"
              label={LABELS.password}
              type={showPassword ? 'text' : 'password'}
              autoComplete="current-password"
              required
              {...form.field('password')}
            />
            <CheckboxField id="login-show" label="Hiện mật khẩu" value={showPassword} onValue={setShowPassword} />
            <div class="form-actions">
              <button type="submit" class="btn btn--primary btn--block" disabled={form.submitting || locked}>
                {form.submitting ? 'Đang đăng nhập…' : 'Đăng nhập'}
              </button>
            </div>
          </form>
        </div>
      </section>
    </PublicLayout>
  );
}
