/**
 * A menu button (WAI-ARIA menu pattern): the button opens a menu of items; arrows, Home and End move,
 * Enter or Space chooses, Esc closes and returns to the button, Tab closes. An unavailable item stays
 * focusable, aria-disabled, with its reason as tooltip and description. The menu is drawn over the page
 * (fixed, in a portal), so the table's scrolling and clipping do not cut it.
 */
import {
  Fragment,
  useEffect,
  useId,
  useLayoutEffect,
  useRef,
  useState,
  type KeyboardEvent,
  type ReactNode,
} from 'react';
import { createPortal } from 'react-dom';

export interface MenuItem {
  readonly id: string;
  readonly label: string;
  readonly enabled: boolean;
  readonly reason: string | null;
  readonly onSelect: () => void;
  /** A line above this item. */
  readonly separatorBefore?: boolean;
  readonly danger?: boolean;
}

export interface MenuButtonProps {
  readonly label: string;
  readonly items: () => readonly MenuItem[];
  readonly open: boolean;
  readonly onOpenChange: (open: boolean) => void;
  readonly children: ReactNode;
  readonly buttonClassName?: string;
  readonly tabIndex?: number;
}

export function MenuButton({
  label,
  items,
  open,
  onOpenChange,
  children,
  buttonClassName,
  tabIndex,
}: MenuButtonProps) {
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuId = useId();
  const buttonId = useId();

  return (
    <>
      <button
        ref={buttonRef}
        id={buttonId}
        type="button"
        className={buttonClassName ?? 'button'}
        aria-label={label}
        title={label}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        tabIndex={tabIndex}
        onClick={() => onOpenChange(!open)}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
            event.preventDefault();
            event.stopPropagation();
            onOpenChange(true);
          }
        }}
      >
        {children}
      </button>
      {open ? (
        <Menu
          id={menuId}
          labelledBy={buttonId}
          items={items()}
          anchor={buttonRef}
          onClose={(refocus) => {
            onOpenChange(false);
            if (refocus) buttonRef.current?.focus();
          }}
        />
      ) : null}
    </>
  );
}

interface MenuProps {
  readonly id: string;
  readonly labelledBy: string;
  readonly items: readonly MenuItem[];
  readonly anchor: React.RefObject<HTMLButtonElement | null>;
  readonly onClose: (refocus: boolean) => void;
}

function Menu({ id, labelledBy, items, anchor, onClose }: MenuProps) {
  const ref = useRef<HTMLDivElement>(null);
  const [focused, setFocused] = useState(() =>
    Math.max(
      0,
      items.findIndex((i) => i.enabled),
    ),
  );
  const [position, setPosition] = useState<{ top: number; left: number } | null>(null);
  const reasonId = useId();

  useLayoutEffect(() => {
    const button = anchor.current;
    const menu = ref.current;
    if (!button || !menu) return;
    const at = button.getBoundingClientRect();
    const size = menu.getBoundingClientRect();
    const below = at.bottom + 4;
    const top = below + size.height > window.innerHeight - 8 ? Math.max(8, at.top - 4 - size.height) : below;
    const left = Math.min(Math.max(8, at.right - size.width), window.innerWidth - size.width - 8);
    setPosition({ top, left });
  }, [anchor]);

  useEffect(() => {
    ref.current?.querySelectorAll<HTMLElement>('[role="menuitem"]')[focused]?.focus();
  }, [focused, position]);

  useEffect(() => {
    const onPointerDown = (event: PointerEvent) => {
      const target = event.target as Node;
      if (ref.current?.contains(target) || anchor.current?.contains(target)) return;
      onClose(false);
    };
    document.addEventListener('pointerdown', onPointerDown, true);
    return () => document.removeEventListener('pointerdown', onPointerDown, true);
  }, [anchor, onClose]);

  const choose = (item: MenuItem) => {
    if (!item.enabled) return;
    onClose(true);
    item.onSelect();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const last = items.length - 1;
    const move = (to: number) => {
      event.preventDefault();
      setFocused(to);
    };
    switch (event.key) {
      case 'ArrowDown':
        return move(focused >= last ? 0 : focused + 1);
      case 'ArrowUp':
        return move(focused <= 0 ? last : focused - 1);
      case 'Home':
        return move(0);
      case 'End':
        return move(last);
      case 'Escape':
        event.preventDefault();
        event.stopPropagation();
        return onClose(true);
      case 'Tab':
        return onClose(false);
      case 'Enter':
      case ' ': {
        event.preventDefault();
        const item = items[focused];
        if (item) choose(item);
        return;
      }
      default: {
        // Typing a letter moves to the next item starting with it.
        if (event.key.length !== 1 || event.ctrlKey || event.metaKey) return;
        const letter = event.key.toLowerCase();
        const order = [...items.keys()].map((k) => (k + focused + 1) % items.length);
        const next = order.find((k) => items[k]!.label.toLowerCase().startsWith(letter));
        if (next !== undefined) move(next);
      }
    }
  };

  return createPortal(
    <div
      ref={ref}
      id={id}
      role="menu"
      aria-labelledby={labelledBy}
      className="menu"
      style={position ? { top: position.top, left: position.left } : { visibility: 'hidden' }}
      onKeyDown={onKeyDown}
    >
      {items.map((item, index) => (
        <Fragment key={item.id}>
          {item.separatorBefore ? <div role="separator" className="menu-separator" /> : null}
          <div
            role="menuitem"
            tabIndex={index === focused ? 0 : -1}
            aria-disabled={item.enabled ? undefined : true}
            aria-describedby={item.reason ? `${reasonId}-${index}` : undefined}
            title={item.reason ?? undefined}
            className={`menu-item${item.danger ? ' is-danger' : ''}${item.enabled ? '' : ' is-disabled'}`}
            onClick={() => choose(item)}
            onMouseEnter={() => setFocused(index)}
          >
            {item.label}
            {item.reason ? (
              <span id={`${reasonId}-${index}`} hidden>
                {item.reason}
              </span>
            ) : null}
            {/* The reason, visible for the item in focus (read once, through the description). */}
            {item.reason && index === focused ? (
              <span className="menu-reason" aria-hidden="true">
                {item.reason}
              </span>
            ) : null}
          </div>
        </Fragment>
      ))}
    </div>,
    document.body,
  );
}
