// The reform index results as a chart (issue 19): each unit's total as a bar in its band's
// colour, a click (or the table's button) picks the unit, and the picked unit's areas are shown
// as points against the maximum with a link to its assessment. The ranking table beside it is
// the chart's accessible alternative.
import { useEffect, useRef } from 'preact/hooks';
import { BarController, BarElement, CategoryScale, Chart, LinearScale, Tooltip } from 'chart.js';
import { Link } from '../components/Link.jsx';
import { formatNumber } from '../format.js';
import { wrapLabel } from '../kpiRows.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip);

// The rule set's usual bands, best first; another label takes the grey of "unclassified".
const BANDS = ['Xuất sắc', 'Tốt', 'Khá', 'Trung bình', 'Yếu'];
const COLOURS = ['#1f8a4c', '#0b4f8a', '#0e7490', '#b45309', '#b42318', '#4a5568'];
const bandIndex = (band) => (BANDS.includes(band) ? BANDS.indexOf(band) : BANDS.length);

/** Points with as many decimals as they have (at most 2). */
const pts = (v) => (v === null || v === undefined ? '—' : formatNumber(v, Number.isInteger(v) ? 0 : Math.round(v * 100) % 10 === 0 ? 1 : 2));

/** The band legend: a swatch (a class, no inline style) and the label of each band present. */
function Legend({ rows }) {
  const present = [...new Set(rows.map((r) => r.band || 'Chưa xếp loại'))].sort((a, b) => bandIndex(a) - bandIndex(b));
  return (
    <ul class="ri-legend" aria-label="Chú giải màu theo xếp loại">
      {present.map((b) => (
        <li key={b}>
          <span class={`ri-swatch ri-band-${bandIndex(b)}`} aria-hidden="true" />
          {b}
        </li>
      ))}
    </ul>
  );
}

/** Totals by unit, coloured by band; onPick(row) on a bar's click. */
export function ResultsChart({ rows, year, onPick }) {
  const canvas = useRef(null);
  const chart = useRef(null);
  useEffect(() => {
    if (!canvas.current) return undefined;
    chart.current = new Chart(canvas.current, {
      type: 'bar',
      data: {
        labels: rows.map((r) => wrapLabel(`${r.rank}. ${r.unit_name}`)),
        datasets: [
          {
            label: 'Tổng điểm',
            data: rows.map((r) => r.total),
            backgroundColor: rows.map((r) => COLOURS[bandIndex(r.band)]),
            borderWidth: 0,
          },
        ],
      },
      options: {
        indexAxis: 'y',
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: { x: { beginAtZero: true, max: Math.max(...rows.map((r) => r.max), 1) }, y: { ticks: { autoSkip: false } } },
        plugins: {
          legend: { display: false },
          tooltip: { callbacks: { label: (ctx) => `${pts(ctx.raw)}/${pts(rows[ctx.dataIndex].max)} điểm — ${rows[ctx.dataIndex].band || 'chưa xếp loại'}` } },
        },
        onClick: (evt, elements) => {
          if (elements.length) onPick(rows[elements[0].index]);
        },
        onHover: (evt, elements) => {
          if (evt.native?.target) evt.native.target.classList.toggle('is-pointer', elements.length > 0);
        },
      },
    });
    return () => {
      chart.current?.destroy();
      chart.current = null;
    };
  }, [JSON.stringify(rows.map((r) => [r.unit_id, r.total, r.band]))]);
  const size = rows.length <= 8 ? 'small' : rows.length <= 20 ? 'medium' : 'large';
  return (
    <section class="card ri-chart-panel" aria-labelledby="ri-chart-title">
      <h2 id="ri-chart-title" class="card__title">
        Tổng điểm theo đơn vị năm {year}
      </h2>
      <p class="muted small">Bấm vào một cột (hoặc nút “Xem lĩnh vực” trong bảng) để xem điểm theo từng lĩnh vực.</p>
      <Legend rows={rows} />
      <div class={`ri-chart ri-chart--${size}`}>
        <canvas ref={canvas} role="img" aria-label={`Biểu đồ tổng điểm Chỉ số CCHC năm ${year} theo đơn vị; bảng xếp hạng bên dưới có cùng số liệu`} />
      </div>
    </section>
  );
}

/** One unit's areas: points against the maximum, as bars (meter) and figures. */
export function AreaBreakdown({ row, year, headingRef }) {
  return (
    <section id="ri-drill" class="card ri-drill" aria-labelledby="ri-drill-title" data-testid="ri-drill">
      <h2 id="ri-drill-title" class="card__title" tabIndex={-1} ref={headingRef}>
        {row.unit_name}: điểm theo lĩnh vực
      </h2>
      <p>
        Hạng {row.rank} — {pts(row.total)}/{pts(row.max)} điểm ({formatNumber(row.percent, 2)} %) — {row.band || 'chưa xếp loại'}
      </p>
      <table class="table ri-table">
        <caption class="sr-only">Điểm theo lĩnh vực của {row.unit_name}</caption>
        <thead>
          <tr>
            <th scope="col">Lĩnh vực</th>
            <th scope="col" class="num">Điểm</th>
            <th scope="col">So với điểm tối đa</th>
          </tr>
        </thead>
        <tbody>
          {row.areas.map((a) => (
            <tr key={a.code}>
              <th scope="row" class="ri-name">
                {a.code}. {a.name}
              </th>
              <td class="num">
                {pts(a.points)}/{pts(a.max)}
              </td>
              <td>
                <meter class="ri-meter" min={0} max={a.max} value={a.points} aria-label={`${a.name}: ${pts(a.points)} trên ${pts(a.max)} điểm`}>
                  {pts(a.points)}/{pts(a.max)}
                </meter>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        <Link href={`/app/chi-so-cchc/${year}/${row.unit_id}`}>Xem bản tự chấm và thẩm định của {row.unit_name}</Link>
      </p>
    </section>
  );
}
