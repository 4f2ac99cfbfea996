import { useEffect, useState } from 'preact/hooks';
import { PublicLayout } from '../components/Layout.jsx';
import { TextField, CheckboxField } from '../components/Field.jsx';
import { ProblemAlert, Notice } from '../components/ProblemAlert.jsx';
import { ApiError } from '../api.js';
import { api } from '../api.js';
import { login } from '../auth.js';
import { formatDuration } from '../format.js';
import { useForm, usePageTitle } from '../hooks.js';
import { navigate, queryOf, safeNext } from '../router.js';

const LABELS = { username: 'Tên đăng nhập', password: 'Mật khẩu' };

/** Why a sign-in through an identity provider ended back here (?loi=, set by the api). */
const SSO_ERRORS = {
  tu_choi: 'Bạn đã từ chối cho phép hệ thống dùng thông tin tài khoản dùng chung nên chưa đăng nhập.',
  trang_thai:
    'Yêu cầu đăng nhập không hợp lệ hoặc đã được dùng (có thể do bấm quay lại hay mở lại một liên kết cũ). Vui lòng đăng nhập lại.',
  ma_da_dung: 'Mã xác thực từ hệ thống định danh đã được dùng hoặc đã hết hạn. Vui lòng đăng nhập lại.',
  nonce: 'Thông tin đăng nhập trả về không khớp với yêu cầu đăng nhập này. Vui lòng đăng nhập lại.',
  het_han:
    'Thông tin đăng nhập từ hệ thống định danh đã hết hạn (có thể do lệch đồng hồ giữa các máy chủ). Vui lòng thử lại; nếu vẫn lỗi, hãy báo quản trị viên.',
  khoa_la: 'Không xác minh được chữ ký của hệ thống định danh (khóa ký chưa được công bố). Vui lòng báo quản trị viên.',
  token: 'Thông tin đăng nhập từ hệ thống định danh không hợp lệ. Vui lòng báo quản trị viên.',
  bi_khoa: 'Tài khoản của bạn trên hệ thống này đang bị khóa. Vui lòng liên hệ quản trị viên.',
  don_vi:
    'Đơn vị ghi trong tài khoản dùng chung của bạn không có trong hệ thống này. Vui lòng liên hệ quản trị viên để được cấp tài khoản.',
  chua_co_tai_khoan: 'Tài khoản dùng chung của bạn chưa được cấp quyền sử dụng hệ thống này. Vui lòng liên hệ quản trị viên.',
  tai_khoan: 'Tài khoản dùng chung không có tên đăng nhập hợp lệ. Vui lòng liên hệ quản trị viên.',
  nha_cung_cap: 'Hệ thống định danh này chưa được cấu hình hoặc đã từ chối yêu cầu đăng nhập.',
  khong_ket_noi: 'Không kết nối được hệ thống định danh dùng chung. Vui lòng thử lại sau.',
  he_thong: 'Hệ thống đang gặp sự cố nên chưa đăng nhập được. Vui lòng thử lại sau.',
};

/** The identity providers configured on the server, and whether the password form is on. */
function useProviders() {
  const [info, setInfo] = useState({ providers: [], local_login: true });
  useEffect(() => {
    api
      .get('/auth/oidc/providers', undefined, { auth: false })
      .then((b) => setInfo({ providers: b?.providers || [], local_login: b?.local_login !== false }))
      .catch(() => {});
  }, []);
  return info;
}

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
  const sso = useProviders();
  const ssoError = q.loi ? SSO_ERRORS[q.loi] || SSO_ERRORS.he_thong : null;

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
          {ssoError ? (
            <div class="alert alert--error" role="alert">
              <p class="alert__title">Đăng nhập bằng tài khoản dùng chung không thành công</p>
              <p>{ssoError}</p>
            </div>
          ) : null}
          {sso.providers.length ? (
            <div class="login__sso">
              {sso.providers.map((p) => (
                <a
                  key={p.id}
                  class="btn btn--primary btn--block"
                  href={`${p.login_url}?return_to=${encodeURIComponent(next)}`}
                  data-provider={p.id}
                >
                  {p.label}
                </a>
              ))}
              {sso.local_login ? <p class="login__or muted">hoặc đăng nhập bằng tài khoản của hệ thống</p> : null}
            </div>
          ) : null}
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
          {sso.local_login ? (
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
          ) : null}
        </div>
      </section>
    </PublicLayout>
  );
}
