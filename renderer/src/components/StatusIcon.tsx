/** One icon per status, different in shape as well as colour. Decorative: the label says the status. */
import type { RequestStatus } from '@shared/domain/status';

const PATHS: Record<RequestStatus, string> = {
  // an empty ring
  open: 'M8 2.5a5.5 5.5 0 1 0 0 11 5.5 5.5 0 0 0 0-11Zm0 1.8a3.7 3.7 0 1 1 0 7.4 3.7 3.7 0 0 1 0-7.4Z',
  // an hourglass
  waiting:
    'M4 2h8v1.5c0 1.6-1 2.9-2.4 3.5v2c1.4.6 2.4 1.9 2.4 3.5V14H4v-1.5c0-1.6 1-2.9 2.4-3.5V7C5 6.4 4 5.1 4 3.5V2Z',
  // a tick in a disc
  ready: 'M8 1.5a6.5 6.5 0 1 0 0 13 6.5 6.5 0 0 0 0-13Zm3.2 4.3-3.9 4.6-2.5-2.2 1-1.1 1.4 1.2 2.9-3.5 1.1 1Z',
  // two linked screens
  connected: 'M1.5 3h7v5h-7V3Zm6 5.5h7v5h-7v-5ZM9.5 4.5h3v2.5H11V6h-1.5V4.5ZM4.5 9.5V11h1.5v1.5H3v-3h1.5Z',
  // a cross in a disc
  closed:
    'M8 1.5a6.5 6.5 0 1 0 0 13 6.5 6.5 0 0 0 0-13Zm2.6 3 1 1L9 8l2.6 2.5-1 1L8 9l-2.6 2.5-1-1L7 8 4.4 5.5l1-1L8 7l2.6-2.5Z',
  // a clock face
  expired:
    'M8 1.5a6.5 6.5 0 1 0 0 13 6.5 6.5 0 0 0 0-13Zm0 1.6a4.9 4.9 0 1 1 0 9.8 4.9 4.9 0 0 1 0-9.8ZM7.2 4.5h1.5v3.2l2.2 1.3-.8 1.3-2.9-1.7V4.5Z',
};

export function StatusIcon({ status }: { readonly status: RequestStatus }) {
  return (
    <svg
      className={`status-icon status-${status}`}
      viewBox="0 0 16 16"
      width="16"
      height="16"
      aria-hidden="true"
      focusable="false"
    >
      <path d={PATHS[status]} fill="currentColor" fillRule="evenodd" />
    </svg>
  );
}
