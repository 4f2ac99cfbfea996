// A searchable picker (ARIA 1.2 combobox with a listbox popup): type "vi xuyen" to find
// "UBND phường Vị Xuyên". Options are grouped (by unit level), matched without diacritics on
// every word, chosen with the mouse or the keyboard (↓ ↑ Enter Esc). The value is the chosen
// option's value ('' for none); what was typed without choosing is never taken as a value.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { fold } from '../format.js';
import { Wrap } from './Field.jsx';

const MAX_SHOWN = 100;

function matches(option, words) {
  if (!words.length) return true;
  const hay = option.folded || (option.folded = fold(`${option.label} ${option.search || ''}`));
  return words.every((w) => hay.includes(w));
}

/**
 * <Combobox id label value onValue options=[{value, label, group?, search?, note?}] hint error
 *   required placeholder className labelHidden />
 */
export function Combobox({ id, label, value, onValue, options, hint, error, required, placeholder = 'Gõ để tìm…', className = '', labelHidden = false }) {
  const chosen = useMemo(() => options.find((o) => o.value === String(value ?? '')), [options, value]);
  const [text, setText] = useState(chosen ? chosen.label : '');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const [typing, setTyping] = useState(false);
  const list = useRef(null);
  useEffect(() => {
    if (!typing) setText(chosen ? chosen.label : '');
  }, [chosen, typing]);
  const words = typing ? fold(text).split(/\s+/).filter(Boolean) : [];
  const found = useMemo(() => options.filter((o) => matches(o, words)), [options, words.join(' ')]);
  const shown = found.slice(0, MAX_SHOWN);
  useEffect(() => {
    const el = list.current && list.current.querySelector(`[data-index="${active}"]`);
    if (el && el.scrollIntoView) el.scrollIntoView({ block: 'nearest' });
  }, [active, open]);

  const choose = (o) => {
    setTyping(false);
    setOpen(false);
    setText(o ? o.label : '');
    onValue && onValue(o ? o.value : '');
  };
  const close = () => {
    setOpen(false);
    setTyping(false);
    // Typed text that was not chosen is dropped; an emptied box clears the value.
    if (!text.trim()) {
      if (chosen) onValue && onValue('');
      setText('');
    } else {
      setText(chosen ? chosen.label : '');
    }
  };
  const onKeyDown = (e) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      if (!open) setOpen(true);
      else setActive((a) => Math.min(a + 1, shown.length - 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(a - 1, 0));
    } else if (e.key === 'Enter') {
      if (open && shown[active]) {
        e.preventDefault();
        choose(shown[active]);
      }
    } else if (e.key === 'Escape') {
      if (open) {
        e.preventDefault();
        e.stopPropagation();
        close();
      }
    }
  };

  const listId = `${id}-list`;
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null, `${id}-count`].filter(Boolean).join(' ');
  let lastGroup = null;
  return (
    <Wrap id={id} label={label} hint={hint} error={error} required={required} className={`combobox ${className}`} labelHidden={labelHidden}>
      <div class="combobox__box">
        <input
          id={id}
          type="text"
          class="input combobox__input"
          role="combobox"
          aria-expanded={open ? 'true' : 'false'}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={open && shown[active] ? `${id}-opt-${active}` : undefined}
          aria-required={required ? 'true' : undefined}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={describedBy}
          autoComplete="off"
          spellcheck={false}
          placeholder={placeholder}
          value={text}
          onInput={(e) => {
            setText(e.currentTarget.value);
            setTyping(true);
            setOpen(true);
            setActive(0);
          }}
          onFocus={() => setOpen(true)}
          onClick={() => setOpen(true)}
          onBlur={close}
          onKeyDown={onKeyDown}
        />
        {chosen && !required ? (
          <button type="button" class="combobox__clear" aria-label={`Bỏ chọn ${label.toLowerCase()}`} onMouseDown={(e) => e.preventDefault()} onClick={() => choose(null)}>
            ×
          </button>
        ) : null}
      </div>
      <p id={`${id}-count`} class="sr-only" aria-live="polite">
        {open && typing ? `${found.length} kết quả` : ''}
      </p>
      <ul id={listId} role="listbox" aria-label={label} class={`combobox__list ${open ? '' : 'is-hidden'}`} ref={list}>
        {open
          ? shown.map((o, i) => {
              const head = o.group && o.group !== lastGroup ? o.group : null;
              lastGroup = o.group;
              return [
                head ? (
                  <li key={`g-${head}`} role="presentation" class="combobox__group" aria-hidden="true">
                    {head}
                  </li>
                ) : null,
                <li
                  key={o.value}
                  id={`${id}-opt-${i}`}
                  data-index={i}
                  role="option"
                  aria-selected={o.value === String(value ?? '') ? 'true' : 'false'}
                  class={`combobox__option ${i === active ? 'is-active' : ''}`}
                  onMouseDown={(e) => e.preventDefault()}
                  onClick={() => choose(o)}
                  onMouseMove={() => i !== active && setActive(i)}
                >
                  {o.label}
                  {o.note ? <span class="combobox__note">{o.note}</span> : null}
                </li>,
              ];
            })
          : null}
        {open && !found.length ? (
          <li role="presentation" class="combobox__empty">
            Không tìm thấy. Hãy gõ một phần tên, không cần dấu.
          </li>
        ) : null}
        {open && found.length > MAX_SHOWN ? (
          <li role="presentation" class="combobox__empty">
            Còn {found.length - MAX_SHOWN} kết quả nữa: hãy gõ thêm để thu hẹp.
          </li>
        ) : null}
      </ul>
    </Wrap>
  );
}
