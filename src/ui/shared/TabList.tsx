// Tabs as the ARIA tabs pattern has them: one Tab stop (the selected tab), arrow keys move between
// tabs and select them, Home and End jump to the ends. The panel each tab controls is the caller's.

import { useRef, type KeyboardEvent } from 'react';

export interface TabListProps<Id extends string> {
  label: string;
  tabs: readonly { id: Id; label: string }[];
  selected: Id;
  onSelect(id: Id): void;
  /** The id of the element showing the selected tab's content. */
  panelId: string;
  /** Prefix of each tab's element id, so a panel can name its tab (`${idPrefix}${tab.id}`). */
  idPrefix: string;
  className?: string;
}

export function TabList<Id extends string>({ label, tabs, selected, onSelect, panelId, idPrefix, className }: TabListProps<Id>) {
  const list = useRef<HTMLDivElement>(null);
  const onKeyDown = (event: KeyboardEvent) => {
    const at = tabs.findIndex((t) => t.id === selected);
    const next = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: tabs.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    const tab = tabs[(next + tabs.length) % tabs.length];
    onSelect(tab.id);
    list.current?.querySelector<HTMLElement>(`#${CSS.escape(idPrefix + tab.id)}`)?.focus();
  };
  return (
    <div ref={list} className={className} role="tablist" aria-label={label} onKeyDown={onKeyDown}>
      {tabs.map((tab) => (
        <button
          key={tab.id}
          type="button"
          role="tab"
          id={idPrefix + tab.id}
          aria-selected={tab.id === selected}
          aria-controls={panelId}
          tabIndex={tab.id === selected ? 0 : -1}
          onClick={() => onSelect(tab.id)}
        >
          {tab.label}
        </button>
      ))}
    </div>
  );
}
