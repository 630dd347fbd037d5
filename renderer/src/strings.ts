import type { RequestStatus } from '@shared/domain/status';

/** Every string the renderer shows, in one English catalogue ready for translation. */
export const STRINGS = {
  appName: 'Sessiondesk',
  tagline: 'Session requests for remote support',
  noBridge:
    'This window is not connected to the Sessiondesk app. Open it from the desktop app or the address the browser shell prints.',
  statusesHeading: 'Request statuses',
  status: {
    open: { label: 'Open', meaning: 'Created; the end user has not opened the link yet.' },
    waiting: { label: 'Waiting', meaning: 'The end user opened the link but has not allowed access.' },
    ready: { label: 'Ready', meaning: 'The end user allowed access: you can connect.' },
    connected: { label: 'Connected', meaning: 'A remote session is in progress.' },
    closed: { label: 'Closed', meaning: 'Closed by an agent; create a new request to connect again.' },
    expired: { label: 'Expired', meaning: 'The expiry time passed before the request was closed.' },
  } satisfies Record<RequestStatus, { label: string; meaning: string }>,
} as const;
