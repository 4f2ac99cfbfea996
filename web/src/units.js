// The unit tree, loaded once and shared by the pages that need it
// (selects, filters, the admin tree); invalidated after any unit change.
import { api } from './api.js';
import { fold, levelLabel, todayISO } from './format.js';

let cache = null;

/** GET /units?tree=1 → roots [{..., children: [...]}] (cached). */
export function loadUnitTree({ force = false } = {}) {
  if (!cache || force) {
    cache = api.get('/units', { tree: 1 }).then((body) => (Array.isArray(body) ? body : body?.items || []));
    cache.catch(() => {
      cache = null;
    });
  }
  return cache;
}

export function invalidateUnits() {
  cache = null;
}

/** Is the unit in force on the given day (yyyy-mm-dd)? */
export function isActive(unit, day = todayISO()) {
  if (!unit) return false;
  if (unit.valid_from && unit.valid_from.slice(0, 10) > day) return false;
  if (unit.valid_to && unit.valid_to.slice(0, 10) < day) return false;
  return true;
}

/** Depth-first list: [{ unit, depth, path: [ancestor ids] }]. */
export function flatten(roots) {
  const out = [];
  const walk = (nodes, depth, path) => {
    for (const n of nodes || []) {
      out.push({ unit: n, depth, path });
      walk(n.children, depth + 1, [...path, n.id]);
    }
  };
  walk(roots, 0, []);
  return out;
}

/** Map id → unit for a tree. */
export function indexById(roots) {
  const m = new Map();
  for (const { unit } of flatten(roots)) m.set(unit.id, unit);
  return m;
}

/** Ids of a unit and all its descendants. */
export function subtreeIds(unit) {
  const ids = new Set();
  const walk = (n) => {
    ids.add(n.id);
    (n.children || []).forEach(walk);
  };
  if (unit) walk(unit);
  return ids;
}

/**
 * Filter a tree by a search text folded without diacritics (name or code).
 * Keeps matching nodes with their ancestors; returns { roots, expand: Set }.
 */
export function searchTree(roots, text, { includeRetired = true } = {}) {
  const q = fold(text);
  const expand = new Set();
  const visit = (n) => {
    if (!includeRetired && !isActive(n)) return null;
    const kids = (n.children || []).map(visit).filter(Boolean);
    const hit = q !== '' && (fold(n.name).includes(q) || fold(n.code).includes(q));
    if (q === '' || hit || kids.length) {
      if (kids.length && q !== '') expand.add(n.id);
      return { ...n, children: q === '' || !hit ? kids : mergeChildren(n, kids, includeRetired) };
    }
    return null;
  };
  const mergeChildren = (n, kids, inc) => {
    // A matching node shows all its (filtered by validity) children.
    const shown = new Map(kids.map((k) => [k.id, k]));
    return (n.children || []).filter((c) => inc || isActive(c)).map((c) => shown.get(c.id) || c);
  };
  return { roots: roots.map(visit).filter(Boolean), expand };
}

/** Options for a <select>: indented by depth. */
export function unitOptions(roots, { activeOnly = true, exclude = new Set() } = {}) {
  return flatten(roots)
    .filter(({ unit }) => (!activeOnly || isActive(unit)) && !exclude.has(unit.id))
    .map(({ unit, depth }) => ({
      value: String(unit.id),
      label: `${'\u00a0\u00a0'.repeat(depth)}${depth ? '– ' : ''}${unit.name}${isActive(unit) ? '' : ' (đã ngừng hoạt động)'}`,
    }));
}

const LEVEL_ORDER = ['province', 'department', 'district', 'commune', 'vertical', 'onestop', 'office'];

/**
 * Options for a searchable unit picker (components/Combobox.jsx), grouped by level in the
 * order of the tree's levels, each with its parent's name as a note (two communes of the
 * same name in two districts are told apart), alphabetical within a level.
 */
export function unitComboOptions(roots, { activeOnly = true, exclude = new Set(), levels = null } = {}) {
  const byId = indexById(roots);
  const rank = (l) => {
    const i = LEVEL_ORDER.indexOf(l);
    return i < 0 ? LEVEL_ORDER.length : i;
  };
  return flatten(roots)
    .map(({ unit }) => unit)
    .filter((u) => (!activeOnly || isActive(u)) && !exclude.has(u.id) && (!levels || levels.includes(u.level)))
    .sort((a, b) => rank(a.level) - rank(b.level) || a.name.localeCompare(b.name, 'vi'))
    .map((u) => {
      const parent = u.parent_id ? byId.get(u.parent_id) : null;
      return {
        value: String(u.id),
        label: `${u.name}${isActive(u) ? '' : ' (đã ngừng hoạt động)'}`,
        group: levelLabel(u.level) || 'Khác',
        note: parent && parent.level !== 'province' ? parent.name : undefined,
        search: `${u.code || ''} ${parent ? parent.name : ''}`,
      };
    });
}
