// A QR code drawn as one SVG path from uqr's module matrix: no canvas, no network, crisp at any
// size and in print, and small enough to sit in the entry bundle with the member card.
import { encode } from 'uqr';
import { useMemo } from 'preact/hooks';

interface Props {
  value: string;
  label: string;
  // Rendered size in rem, so it grows with large text and the phone's font size.
  sizeRem?: number;
  ecc?: 'L' | 'M' | 'Q' | 'H';
}

// Horizontal runs of dark modules become "M x y h n v 1 h -n z" rectangles: a few hundred path
// commands instead of thousands of <rect> nodes.
export function qrPath(data: boolean[][]): string {
  let d = '';
  data.forEach((row, y) => {
    let x = 0;
    while (x < row.length) {
      if (!row[x]) {
        x++;
        continue;
      }
      const start = x;
      while (x < row.length && row[x]) x++;
      d += `M${start} ${y}h${x - start}v1h${start - x}z`;
    }
  });
  return d;
}

export function QrCode({ value, label, sizeRem = 10, ecc = 'M' }: Props) {
  const { size, d } = useMemo(() => {
    // Four modules of quiet zone, as the standard asks, so cheap cameras lock on.
    const qr = encode(value, { ecc, border: 4 });
    return { size: qr.size, d: qrPath(qr.data) };
  }, [value, ecc]);
  return (
    <svg
      class="qr"
      role="img"
      aria-label={label}
      viewBox={`0 0 ${size} ${size}`}
      width={`${sizeRem}rem`}
      height={`${sizeRem}rem`}
      shape-rendering="crispEdges"
    >
      <rect width={size} height={size} fill="#fff" />
      <path d={d} fill="#000" />
    </svg>
  );
}
