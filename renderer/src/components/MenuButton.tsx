/**
 * A menu button (WAI-ARIA APG menu button): Enter, Space or ArrowDown on the button open the menu on its
 * first item, ArrowUp on its last; in the menu Up and Down move and wrap, Home and End go to the ends, a
 * letter goes to the next item starting with it, Enter or Space chooses, Esc closes and returns to the
 * button, Tab closes and goes on from the button. An unavailable item stays focusable, aria-disabled,
 * with its reason as tooltip and description. The menu is drawn over the page (fixed, in a portal), so
 * the table's scrolling and clipping do not cut it; it owns every key pressed in it: a portal's events
 * bubble through the React tree, so without that the row's grid (its React ancestor) and the window's
 * shortcuts would act on them too.
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
import { indexAfterKey, indexStartingWith } from './roving-focus';

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
  /** Which item the menu opens on: the last after ArrowUp, otherwise the first. */
  const [openOn, setOpenOn] = useState<'first' | 'last'>('first');
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
        onClick={() => {
          setOpenOn('first');
          onOpenChange(!open);
        }}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
            event.preventDefault();
            event.stopPropagation();
            setOpenOn(event.key === 'ArrowUp' ? 'last' : 'first');
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
          openOn={openOn}
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
  readonly openOn: 'first' | 'last';
  readonly anchor: React.RefObject<HTMLButtonElement | null>;
  /** Closes the menu; `refocus` puts focus back on the button. */
  readonly onClose: (refocus: boolean) => void;
}

function Menu({ id, labelledBy, items, openOn, anchor, onClose }: MenuProps) {
  const ref = useRef<HTMLDivElement>(null);
  // Disabled items are focusable too (they say why): the first item is the first, whatever its state.
  const [focused, setFocused] = useState(() => (openOn === 'last' ? Math.max(0, items.length - 1) : 0));
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
    // The menu's keys are the menu's: not the grid's (its React ancestor), nor the window's shortcuts.
    event.stopPropagation();
    switch (event.key) {
      case 'Escape':
        event.preventDefault();
        return onClose(true);
      case 'Tab':
        // Focus goes back to the button first, so that Tab goes on from there, not from the portal.
        return onClose(true);
      case 'Enter':
      case ' ': {
        event.preventDefault();
        const item = items[focused];
        if (item) choose(item);
        return;
      }
    }
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const next =
      indexAfterKey(event.key, focused, items.length, 'vertical') ??
      indexStartingWith(
        items.map((item) => item.label),
        focused,
        event.key,
      );
    if (next !== null) {
      event.preventDefault();
      setFocused(next);
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
