// Shared hooks: page title, async loading, form state with server field errors.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from './api.js';

const SITE = 'KSTT';

export function usePageTitle(title) {
  useEffect(() => {
    document.title = title ? `${title} — ${SITE}` : `${SITE} — Kiểm soát thủ tục hành chính`;
  }, [title]);
}

/**
 * Run an async loader whenever deps change.
 * Returns { data, error, loading, reload, setData }.
 */
export function useAsync(loader, deps) {
  const [state, setState] = useState({ data: undefined, error: null, loading: true });
  const seq = useRef(0);
  const run = useCallback(() => {
    const n = ++seq.current;
    setState((s) => ({ ...s, loading: true, error: null }));
    Promise.resolve()
      .then(loader)
      .then(
        (data) => n === seq.current && setState({ data, error: null, loading: false }),
        (error) => n === seq.current && setState((s) => ({ data: s.data, error, loading: false })),
      );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  useEffect(() => {
    run();
  }, [run]);
  const setData = useCallback((data) => setState((s) => ({ ...s, data })), []);
  return { ...state, reload: run, setData };
}

/**
 * Form state: values, per-field errors (from the client or the server's
 * problem+json), a summary error, and a submit wrapper.
 */
export function useForm(initial) {
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState({});
  const [failure, setFailure] = useState(null);
  const [submitting, setSubmitting] = useState(false);

  const setValue = useCallback((name, value) => {
    setValues((v) => ({ ...v, [name]: value }));
    setErrors((e) => (e[name] ? { ...e, [name]: undefined } : e));
  }, []);

  /** props for a field: value + onInput/onChange, error. */
  const field = (name) => ({
    name,
    value: values[name],
    error: errors[name],
    onValue: (v) => setValue(name, v),
  });

  /**
   * submit(event, async () => ...). validate() may return a map of client-side
   * errors; when non-empty nothing is sent.
   */
  const submit = async (event, action, validate) => {
    if (event) event.preventDefault();
    if (submitting) return undefined;
    setFailure(null);
    const clientErrors = validate ? Object.fromEntries(Object.entries(validate(values) || {}).filter(([, m]) => m)) : {};
    if (Object.keys(clientErrors).length) {
      setErrors(clientErrors);
      setFailure(new ApiError({ status: 422, title: 'Dữ liệu chưa hợp lệ', detail: 'Vui lòng kiểm tra các trường được đánh dấu.', fieldErrors: clientErrors }));
      return undefined;
    }
    setErrors({});
    setSubmitting(true);
    try {
      return await action(values);
    } catch (err) {
      setErrors(err.fieldErrors || {});
      setFailure(err);
      return undefined;
    } finally {
      setSubmitting(false);
    }
  };

  const reset = (next) => {
    setValues(next ?? initial);
    setErrors({});
    setFailure(null);
  };

  return { values, setValue, setValues, errors, failure, setFailure, submitting, field, submit, reset };
}
