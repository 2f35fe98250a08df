/**
 * Who the technician is in the portal (for "assigned to me"), read from the portal page's own
 * globals by a tiny function run in the page's MAIN world. Page data is a hint: it is
 * zod-checked, and only ever compared with the ticket's assignee.
 */
import * as z from 'zod';
import { browser } from 'wxt/browser';
import { readSdpIdentity } from '@/utils/adapters/sdp/identity';
import { readServiceNowIdentity } from '@/utils/adapters/servicenow/identity';
import type { Connector } from '@/utils/config/schema';
import type { Person } from '@/utils/tickets/types';

const READERS: Partial<Record<Connector['kind'], () => unknown>> = { sdp: readSdpIdentity, servicenow: readServiceNowIdentity };

const identitySchema = z.object({
  login: z.string().max(200).optional(),
  name: z.string().max(200).optional(),
  id: z.string().max(100).optional(),
  email: z.string().max(200).optional(),
});

export async function readPageIdentity(kind: Connector['kind'], tab?: { tabId: number; frameId: number }): Promise<Person | undefined> {
  const reader = READERS[kind];
  if (!reader || !tab) return undefined;
  try {
    const [result] = await browser.scripting.executeScript({
      target: { tabId: tab.tabId, frameIds: [tab.frameId] },
      world: 'MAIN',
      func: reader,
    });
    const parsed = identitySchema.safeParse(result?.result);
    if (!parsed.success) return undefined;
    const { login, name, id, email } = parsed.data;
    if (!login && !name && !id && !email) return undefined;
    return { name: name ?? login ?? '', ...(login ? { login } : {}), ...(id ? { id } : {}), ...(email ? { email } : {}) };
  } catch {
    return undefined; // tab gone or navigated: "assigned to me" becomes "unknown", not an error
  }
}
