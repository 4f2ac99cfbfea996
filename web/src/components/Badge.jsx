/** A small label; tone: neutral | info | success | warning | danger. */
export function Badge({ tone = 'neutral', children, title }) {
  return (
    <span class={`badge badge--${tone}`} title={title}>
      {children}
    </span>
  );
}
