/**
 * The handle at a column header's right edge: drag it, or focus it and use the arrow keys (Shift for
 * bigger steps, Home and End for the least and most). A window splitter in WAI-ARIA terms: a focusable
 * separator with its value, limits and the column it sizes.
 */
import type { KeyboardEvent, PointerEvent } from 'react';
import { useRef } from 'react';
import { useTranslator } from '../i18n/translation';

const STEP = 8;
const BIG_STEP = 40;

export interface ColumnResizerProps {
  /** The column's name, as its header shows it. */
  readonly label: string;
  readonly width: number;
  readonly min: number;
  readonly max: number;
  /** A new width; `save` once the agent is done (each key, or letting go of the handle). */
  readonly onResize: (width: number, save: boolean) => void;
}

export function ColumnResizer({ label, width, min, max, onResize }: ColumnResizerProps) {
  const t = useTranslator();
  const drag = useRef<{ x: number; width: number; last: number } | null>(null);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const step = event.shiftKey ? BIG_STEP : STEP;
    const next = {
      ArrowLeft: width - step,
      ArrowRight: width + step,
      Home: min,
      End: max,
    }[event.key];
    if (next === undefined) return;
    // The table's own keys (rows, Home/End) are not for a handle that has them.
    event.preventDefault();
    event.stopPropagation();
    onResize(Math.min(max, Math.max(min, next)), true);
  };

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    if (event.button !== 0) return;
    event.preventDefault();
    event.currentTarget.setPointerCapture(event.pointerId);
    drag.current = { x: event.clientX, width, last: width };
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    const start = drag.current;
    if (!start) return;
    const next = Math.min(max, Math.max(min, Math.round(start.width + event.clientX - start.x)));
    if (next === start.last) return;
    start.last = next;
    onResize(next, false);
  };
  const onPointerUp = () => {
    const start = drag.current;
    drag.current = null;
    if (start && start.last !== start.width) onResize(start.last, true);
  };

  return (
    <div
      role="separator"
      aria-orientation="vertical"
      aria-label={t.t('table.resize', { column: label })}
      aria-valuenow={width}
      aria-valuemin={min}
      aria-valuemax={max}
      aria-valuetext={t.t('table.width', { pixels: width })}
      tabIndex={0}
      className="col-resizer"
      onKeyDown={onKeyDown}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
      onClick={(event) => event.stopPropagation()}
    />
  );
}
