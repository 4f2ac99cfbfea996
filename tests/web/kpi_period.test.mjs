// The indicator periods of the dashboard and the scoreboard (web/src/kpiPeriod.js): the default
// is the last complete period, and a period not over yet is compared like with like.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { daysBetween, lastComplete, periodFromQuery, previousPeriod, trendRange } from '../../web/src/kpiPeriod.js';

test('the defaults are the last complete month, quarter and year', () => {
  assert.deepEqual(lastComplete('2026-12-03'), { y: 2026, m: 11, qy: 2026, q: 3, yy: 2025 });
  assert.deepEqual(lastComplete('2027-01-01'), { y: 2026, m: 12, qy: 2026, q: 4, yy: 2026 });
  assert.deepEqual(lastComplete('2026-04-30'), { y: 2026, m: 3, qy: 2026, q: 1, yy: 2025 });
  const m = periodFromQuery({}, '2026-12-03');
  assert.deepEqual([m.kind, m.from, m.to, m.label, m.partial], ['month', '2026-11-01', '2026-11-30', 'Tháng 11/2026', false]);
  const q = periodFromQuery({ kind: 'quarter' }, '2026-12-03');
  assert.deepEqual([q.from, q.to, q.label, q.partial], ['2026-07-01', '2026-09-30', 'Quý III/2026', false]);
  const y = periodFromQuery({ kind: 'year' }, '2026-12-03');
  assert.deepEqual([y.from, y.to, y.label, y.partial], ['2025-01-01', '2025-12-31', 'Năm 2025', false]);
  const jan = periodFromQuery({ kind: 'quarter' }, '2027-01-15');
  assert.deepEqual([jan.from, jan.to], ['2026-10-01', '2026-12-31']);
});

test('a period chosen explicitly is taken as it is; one under way is partial, up to today', () => {
  const p = periodFromQuery({ kind: 'month', y: '2026', m: '12' }, '2026-12-03');
  assert.deepEqual([p.from, p.to, p.end, p.partial, p.through], ['2026-12-01', '2026-12-03', '2026-12-31', true, '2026-12-03']);
  const done = periodFromQuery({ kind: 'month', y: '2026', m: '9' }, '2026-12-03');
  assert.equal(done.partial, false);
  assert.equal(done.to, '2026-09-30');
  // the last day of a period: it is not over until the day ends
  const last = periodFromQuery({ kind: 'month', y: '2026', m: '11' }, '2026-11-30');
  assert.deepEqual([last.partial, last.to], [true, '2026-11-30']);
  assert.deepEqual(previousPeriod(last).to, '2026-10-30', '30 days of November against the first 30 of October');
  // a future period is not partial (nothing to compare yet, zero figures)
  assert.equal(periodFromQuery({ kind: 'year', y: '2027' }, '2026-12-03').partial, false);
  const yr = periodFromQuery({ kind: 'year', y: '2026' }, '2026-12-03');
  assert.deepEqual([yr.from, yr.to, yr.partial], ['2026-01-01', '2026-12-03', true]);
  const c = periodFromQuery({ kind: 'custom', from: '2026-11-20', to: '2026-12-20' }, '2026-12-03');
  assert.deepEqual([c.from, c.to, c.partial], ['2026-11-20', '2026-12-03', true]);
  // a bad custom range falls back to a month, bad numbers to the defaults
  const bad = periodFromQuery({ kind: 'custom', from: '2026-12-20', to: '2026-11-20' }, '2026-12-03');
  assert.equal(bad.from, '2026-11-01');
  const junk = periodFromQuery({ kind: 'x', y: '1800', m: '13', q: '9' }, '2026-12-03');
  assert.deepEqual([junk.kind, junk.from], ['month', '2026-11-01']);
});

test('a whole period is compared with the whole period before', () => {
  const cases = [
    [{ kind: 'month', y: '2026', m: '3' }, '2026-02-01', '2026-02-28', 'tháng 02/2026'],
    [{ kind: 'month', y: '2026', m: '1' }, '2025-12-01', '2025-12-31', 'tháng 12/2025'],
    [{ kind: 'quarter', y: '2026', q: '1' }, '2025-10-01', '2025-12-31', 'quý IV/2025'],
    [{ kind: 'year', y: '2025' }, '2024-01-01', '2024-12-31', 'năm 2024'],
    [{ kind: 'custom', from: '2026-01-10', to: '2026-01-19' }, '2025-12-31', '2026-01-09', '10 ngày trước đó'],
  ];
  for (const [query, from, to, label] of cases) {
    const prev = previousPeriod(periodFromQuery(query, '2026-12-03'));
    assert.deepEqual([prev.from, prev.to, prev.label, prev.partial], [from, to, label, false], JSON.stringify(query));
  }
});

test('a partial period is compared with as many days at the start of the period before', () => {
  const dec3 = previousPeriod(periodFromQuery({ kind: 'month', y: '2026', m: '12' }, '2026-12-03'));
  assert.deepEqual([dec3.from, dec3.to, dec3.label, dec3.partial], ['2026-11-01', '2026-11-03', '3 ngày đầu tháng 11/2026', true]);
  // 31 days of March against February: never past February's end
  const mar31 = previousPeriod(periodFromQuery({ kind: 'month', y: '2026', m: '3' }, '2026-03-30'));
  assert.deepEqual([mar31.from, mar31.to], ['2026-02-01', '2026-02-28']);
  const q = previousPeriod(periodFromQuery({ kind: 'quarter', y: '2026', q: '4' }, '2026-12-03'));
  assert.deepEqual([q.from, q.to, q.label], ['2026-07-01', '2026-09-02', '64 ngày đầu quý III/2026']);
  const y = previousPeriod(periodFromQuery({ kind: 'year', y: '2026' }, '2026-12-03'));
  assert.deepEqual([y.from, y.to], ['2025-01-01', '2025-12-03']);
  const c = previousPeriod(periodFromQuery({ kind: 'custom', from: '2026-11-20', to: '2026-12-20' }, '2026-12-03'));
  // the custom range is 31 days long: the 14 days so far against the first 14 of the 31 before
  assert.deepEqual([c.from, c.to, c.partial], ['2026-10-20', '2026-11-02', true]);
  // every partial comparison spans exactly as many days as the period so far
  for (const today of ['2026-01-01', '2026-02-15', '2026-05-31', '2026-08-17', '2026-12-30']) {
    for (const query of [{ kind: 'month', y: today.slice(0, 4), m: String(Number(today.slice(5, 7))) }, { kind: 'year', y: today.slice(0, 4) }]) {
      const p = periodFromQuery(query, today);
      if (!p.partial) continue;
      const prev = previousPeriod(p);
      assert.ok(daysBetween(prev.from, prev.to) <= daysBetween(p.from, p.to), `${today} ${JSON.stringify(query)}`);
      assert.ok(prev.to < p.from);
    }
  }
});

test('the trend covers twelve months up to the period', () => {
  assert.deepEqual(trendRange(periodFromQuery({}, '2026-12-03')), { from: '2025-12-01', to: '2026-11-30' });
  assert.deepEqual(trendRange(periodFromQuery({ kind: 'custom', from: '2024-01-01', to: '2025-12-31' }, '2026-12-03')), { from: '2024-01-01', to: '2025-12-31' });
});
