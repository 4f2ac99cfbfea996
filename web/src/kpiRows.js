// How the indicator charts lay out many units: long names in lines, long rankings folded. Pure.

/**
 * A category label in lines of at most `max` characters, broken between words: Chart.js draws an
 * array as several lines, so a long unit name is never clipped on a 320 px screen.
 */
export function wrapLabel(text, max = 18) {
  const lines = [];
  let line = '';
  for (const word of String(text).split(/\s+/)) {
    if (line && line.length + 1 + word.length > max) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines.length > 1 ? lines : lines[0] || '';
}

/** The rows a long ranking shows folded: the first and last `n`, with the count left out. */
export function foldRows(rows, n = 10) {
  if (rows.length <= 2 * n + 2) return { shown: rows, hidden: 0 };
  return { shown: [...rows.slice(0, n), ...rows.slice(-n)], hidden: rows.length - 2 * n };
}

