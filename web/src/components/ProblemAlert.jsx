import { useEffect, useRef } from 'preact/hooks';

/**
 * Shows an ApiError (RFC 9457 problem) as an alert: title, detail, the list of
 * field errors with links to the fields, and the request id for support.
 * fieldLabels maps field name → label; fieldIds maps field name → input id.
 * onRetry: a failed load (not a rejected form) offers "Thử lại"; a 4xx other than 408/429 will
 * not change by itself, so only network failures and 5xx, 408, 429 get the button.
 */
export function ProblemAlert({ error, fieldLabels = {}, idPrefix = '', focus = true, onRetry }) {
  const ref = useRef(null);
  useEffect(() => {
    if (error && focus && ref.current) ref.current.focus();
  }, [error, focus]);
  if (!error) return null;
  const fields = Object.entries(error.fieldErrors || {}).filter(([, m]) => m);
  return (
    <div class="alert alert--error" role="alert" tabIndex={-1} ref={ref}>
      <p class="alert__title">{error.title}</p>
      {error.detail && error.detail !== error.title ? <p>{error.detail}</p> : null}
      {fields.length ? (
        <ul class="alert__list">
          {fields.map(([name, msg]) => (
            <li key={name}>
              {fieldLabels[name] ? (
                <a href={`#${idPrefix}${name}`}>
                  {fieldLabels[name]}: {msg}
                </a>
              ) : (
                msg
              )}
            </li>
          ))}
        </ul>
      ) : null}
      {error.requestId && error.status >= 500 ? <p class="muted small">Mã yêu cầu: {error.requestId}</p> : null}
      {onRetry && (!error.status || error.status >= 500 || error.status === 408 || error.status === 429) ? (
        <p>
          <button type="button" class="btn btn--secondary btn--small" onClick={() => onRetry()}>
            Thử lại
          </button>
        </p>
      ) : null}
    </div>
  );
}

/** A polite success or information message. */
export function Notice({ tone = 'success', children }) {
  if (!children) return null;
  return (
    <div class={`alert alert--${tone}`} role="status">
      {children}
    </div>
  );
}
