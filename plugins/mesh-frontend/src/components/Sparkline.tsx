import { TrendPoint } from '@mesh-templates/plugin-mesh-common';

/**
 * A tiny SVG line for a trend. Scaled to its own maximum (a flat series sits in the middle), since it
 * shows shape over the hour, not absolute values — those are in the table.
 */
export function Sparkline(props: {
  points: TrendPoint[];
  label: string;
  width?: number;
  height?: number;
  color?: string;
}) {
  const {
    points,
    label,
    width = 80,
    height = 20,
    color = 'currentColor',
  } = props;
  if (points.length < 2) {
    return <span aria-label={`${label}: no data`}>–</span>;
  }
  const t0 = points[0].t;
  const span = points[points.length - 1].t - t0 || 1;
  const max = Math.max(...points.map(p => p.v));
  const min = Math.min(...points.map(p => p.v));
  // Below 1 % of the peak the wiggle is rate() rounding, not a trend: draw it flat.
  const range = max - min > Math.abs(max) * 0.01 ? max - min : 0;
  const coords = points.map(p => {
    const x = ((p.t - t0) / span) * width;
    const y =
      range === 0
        ? height / 2
        : height - 1 - ((p.v - min) / range) * (height - 2);
    return `${x.toFixed(1)},${y.toFixed(1)}`;
  });
  return (
    <svg width={width} height={height} role="img" aria-label={label}>
      <polyline
        points={coords.join(' ')}
        fill="none"
        stroke={color}
        strokeWidth={1.5}
      />
    </svg>
  );
}
