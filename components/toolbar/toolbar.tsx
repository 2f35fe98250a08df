/**
 * The two inline buttons on a ticket page and the panel each opens. Rendered inside our shadow
 * root by utils/content/run-adapter.ts; talks to the background only through named operations.
 */
import { render } from 'preact';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { PageTicket } from '@/utils/adapters/types';
import type { ToolbarStyle, ToolbarView } from '@/utils/content/run-adapter';
import type { TicketRef } from '@/utils/tickets/types';
import { SessionPanel } from './session-panel';
import css from './toolbar.css?inline';
import { trusted } from './trusted';
import { VerdictPanel } from './verdict-panel';

const PANEL_WIDTH = 380;

function Toolbar({ ticket, style }: { ticket: PageTicket; style: ToolbarStyle }) {
  const [panel, setPanel] = useState<'verdict' | 'session' | null>(null);
  const [round, setRound] = useState(0);
  const [align, setAlign] = useState<'left' | 'right'>('left');
  const root = useRef<HTMLDivElement>(null);

  // Open the panel towards the side with room: headers put our buttons left or right.
  useLayoutEffect(() => {
    const rect = root.current?.getBoundingClientRect();
    if (panel && rect) setAlign(rect.left + PANEL_WIDTH > window.innerWidth ? 'right' : 'left');
  }, [panel]);
  const ref: TicketRef = {
    kind: ticket.kind,
    id: ticket.id,
    ...(ticket.table ? { table: ticket.table } : {}),
    ...(ticket.displayId ? { displayId: ticket.displayId } : {}),
    hints: { ...(ticket.title ? { title: ticket.title } : {}), ...(ticket.targets ? { targets: ticket.targets } : {}) },
  };
  const label = `${ticket.kind} ${ticket.displayId ?? ticket.id}`;

  return (
    <div
      ref={root}
      class={`pb-toolbar pb-${style}`}
      role="group"
      aria-label="PAM Bridge"
      data-ticket={`${ticket.kind}:${ticket.id}`}
      data-align={align}
    >
      <div class="pb-buttons">
        {style === 'floating' && <span class="pb-brand">PAM Bridge · {label}</span>}
        <button
          type="button"
          class="pb-button"
          aria-expanded={panel === 'verdict'}
          onClick={trusted(() => {
            setPanel('verdict');
            setRound((n) => n + 1);
          })}
        >
          Validate for PAM
        </button>
        <button type="button" class="pb-button" aria-expanded={panel === 'session'} onClick={trusted(() => setPanel('session'))}>
          Open remote session
        </button>
        {panel && (
          <button type="button" class="pb-close" aria-label="Close PAM Bridge panel" onClick={trusted(() => setPanel(null))}>
            ×
          </button>
        )}
      </div>
      {panel === 'verdict' && <VerdictPanel ticketRef={ref} label={label} round={round} />}
      {panel === 'session' && <SessionPanel ticketRef={ref} label={label} />}
    </div>
  );
}

/** The toolbar as run-adapter mounts it. */
export const toolbarView: ToolbarView = {
  css,
  render(container, ticket, style) {
    render(<Toolbar ticket={ticket} style={style} />, container);
  },
  unmount(container) {
    render(null, container);
  },
};
