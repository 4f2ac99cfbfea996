// Labelled form controls. Each renders its own <label>, hint and error, and
// wires aria-invalid / aria-describedby so screen readers announce them.
import { useEffect, useState } from 'preact/hooks';
import { formatDate, parseDateVN } from '../format.js';

function describedBy(id, hint, error) {
  const ids = [];
  if (hint) ids.push(`${id}-hint`);
  if (error) ids.push(`${id}-error`);
  return ids.length ? ids.join(' ') : undefined;
}

/** A field's frame: label (visually hidden with labelHidden), hint, the control, its error. */
export function Wrap({ id, label, hint, error, required, children, className = '', labelHidden = false }) {
  return (
    <div class={`field ${error ? 'field--error' : ''} ${className}`}>
      <div class={`field__label-row ${labelHidden ? 'sr-only' : ''}`}>
        <label for={id} class="field__label">
          {label}
        </label>
        {required ? (
          <span class="field__req" aria-hidden="true" title="Bắt buộc">
            *
          </span>
        ) : null}
      </div>
      {hint ? (
        <p id={`${id}-hint`} class="field__hint">
          {hint}
        </p>
      ) : null}
      {children}
      {error ? (
        <p id={`${id}-error`} class="field__error">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** <TextField id label name value onValue error hint required type autoComplete /> */
export function TextField({ id, label, hint, error, required, value, onValue, type = 'text', className, ...rest }) {
  return (
    <Wrap id={id} label={label} hint={hint} error={error} required={required} className={className}>
      <input
        id={id}
        type={type}
        class="input"
        value={value ?? ''}
        required={required}
        aria-required={required ? 'true' : undefined}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, hint, error)}
        onInput={(e) => onValue && onValue(e.currentTarget.value)}
        {...rest}
      />
    </Wrap>
  );
}

/** options: [{value, label}] */
export function SelectField({ id, label, hint, error, required, value, onValue, options, placeholder, className, ...rest }) {
  return (
    <Wrap id={id} label={label} hint={hint} error={error} required={required} className={className}>
      <select
        id={id}
        class="input"
        value={value ?? ''}
        required={required}
        aria-required={required ? 'true' : undefined}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, hint, error)}
        onChange={(e) => onValue && onValue(e.currentTarget.value)}
        {...rest}
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value} disabled={o.disabled}>
            {o.label}
          </option>
        ))}
      </select>
    </Wrap>
  );
}

export function CheckboxField({ id, label, hint, error, value, onValue, className = '', ...rest }) {
  return (
    <div class={`field field--check ${error ? 'field--error' : ''} ${className}`}>
      <input
        id={id}
        type="checkbox"
        class="checkbox"
        checked={!!value}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, hint, error)}
        onChange={(e) => onValue && onValue(e.currentTarget.checked)}
        {...rest}
      />
      <label for={id}>{label}</label>
      {hint ? (
        <p id={`${id}-hint`} class="field__hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} class="field__error">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/**
 * A date typed as dd/mm/yyyy whatever the browser's locale; value and onValue
 * use ISO yyyy-mm-dd ('' when empty). An unparsable entry is reported on blur
 * and passed on as null so the form can refuse it.
 */
export function DateField({ id, label, hint = 'Định dạng ngày/tháng/năm, ví dụ 31/12/2023', error, required, value, onValue, className }) {
  const [text, setText] = useState(formatDate(value));
  const [localError, setLocalError] = useState('');
  useEffect(() => {
    // Follow outside changes (reset, load) without fighting the user's typing.
    if (value !== null && parseDateVN(text) !== value) setText(formatDate(value));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value]);
  const shown = error || localError;
  return (
    <Wrap id={id} label={label} hint={hint} error={shown} required={required} className={className}>
      <input
        id={id}
        type="text"
        class="input input--date"
        inputMode="numeric"
        autoComplete="off"
        placeholder="dd/mm/yyyy"
        value={text}
        required={required}
        aria-required={required ? 'true' : undefined}
        aria-invalid={shown ? 'true' : undefined}
        aria-describedby={describedBy(id, hint, shown)}
        onInput={(e) => {
          const t = e.currentTarget.value;
          setText(t);
          const iso = parseDateVN(t);
          if (iso !== null) setLocalError('');
          if (onValue) onValue(iso);
        }}
        onBlur={() => setLocalError(parseDateVN(text) === null ? 'Ngày không hợp lệ, hãy nhập theo dạng dd/mm/yyyy.' : '')}
      />
    </Wrap>
  );
}
