import { useEffect, useRef } from 'preact/hooks';

/**
 * A modal dialog on the native <dialog> element: focus is trapped, Escape
 * closes it, focus returns to the opener when it closes.
 */
export function Modal({ title, open, onClose, children, wide = false }) {
  const ref = useRef(null);
  const opener = useRef(null);
  const titleId = useRef(`dlg-${Math.random().toString(36).slice(2, 9)}`).current;

  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) {
      opener.current = document.activeElement;
      d.showModal();
    } else if (!open && d.open) {
      d.close();
    }
  }, [open]);

  useEffect(() => {
    const d = ref.current;
    return () => {
      if (d && d.open) d.close();
    };
  }, []);

  const handleClose = () => {
    if (opener.current && typeof opener.current.focus === 'function') opener.current.focus();
    if (open) onClose();
  };

  return (
    <dialog
      ref={ref}
      class={`modal ${wide ? 'modal--wide' : ''}`}
      aria-labelledby={titleId}
      onClose={handleClose}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      {open ? (
        <div class="modal__body">
          <div class="modal__head">
            <h2 id={titleId} class="modal__title">
              {title}
            </h2>
            <button type="button" class="btn btn--ghost modal__close" onClick={onClose} aria-label="Đóng hộp thoại">
              ✕
            </button>
          </div>
          {children}
        </div>
      ) : null}
    </dialog>
  );
}

/** A confirmation dialog with a message and two buttons. */
export function ConfirmDialog({ open, title, children, confirmLabel = 'Đồng ý', tone = 'primary', busy, onConfirm, onClose }) {
  return (
    <Modal open={open} title={title} onClose={onClose}>
      {children}
      <div class="form-actions">
        <button type="button" class={`btn btn--${tone}`} disabled={busy} onClick={onConfirm}>
          {busy ? 'Đang xử lý…' : confirmLabel}
        </button>
        <button type="button" class="btn btn--secondary" onClick={onClose}>
          Hủy
        </button>
      </div>
    </Modal>
  );
}
