import type { EmailLanguage } from '@shared/domain/languages';
import type { RequestStatus } from '@shared/domain/status';
import type { TimelineEventType } from '@shared/protocol/api';
import type { RemoteClientId } from '@shared/ipc/settings';
import type { ThemeSetting } from '@shared/ipc/views';

/**
 * Every string the renderer shows, in one English catalogue ready for translation. The words are the
 * ones agents know from AnyDesk's Session Requests and Splashtop's Service Desk (PRODUCT.md). Sentences
 * that carry values are functions, so a translation can reorder them.
 */
export const STRINGS = {
  appName: 'Sessiondesk',
  tagline: 'Session requests for remote support',
  noBridge:
    'This window is not connected to the Sessiondesk app. Open it from the desktop app or the address the browser shell prints.',
  noBridgeHelp:
    'Sessiondesk runs inside its desktop app, or in a browser from the address `npm run start:browser` prints (it carries a key).',
  loading: 'Starting Sessiondesk…',

  status: {
    open: { label: 'Open', meaning: 'Created; the end user has not opened the link yet.' },
    waiting: { label: 'Waiting', meaning: 'The end user opened the link but has not allowed access.' },
    ready: { label: 'Ready', meaning: 'The end user allowed access: you can connect.' },
    connected: { label: 'Connected', meaning: 'A remote session is in progress.' },
    closed: { label: 'Closed', meaning: 'Closed by an agent; create a new request to connect again.' },
    expired: { label: 'Expired', meaning: 'The expiry time passed before the request was closed.' },
  } satisfies Record<RequestStatus, { label: string; meaning: string }>,
  denied: 'Denied',
  deniedMeaning: 'The end user denied access. You can request access again.',
  inQueue: 'In queue',
  inQueueMeaning: 'No agent is assigned: it waits in the channel’s queue to be picked up.',

  signIn: {
    title: 'Sign in to Sessiondesk',
    intro: 'Sign in with your support agent account to see your session requests.',
    serverUrl: 'Service address',
    serverUrlPlaceholder: 'https://support.example.com',
    serverUrlHint:
      'The address of your organisation’s Sessiondesk service, like https://support.example.com.',
    serverLocked: (url: string) => `Service: ${url}`,
    serverLockedReason: 'Set by your organisation.',
    email: 'E-mail',
    password: 'Password',
    submit: 'Sign in',
    signingIn: 'Signing in…',
    errors: {
      invalid_credentials: 'The e-mail address or the password is wrong. Check them and try again.',
      unreachable: 'The service cannot be reached. Check the address and your network.',
      certificate:
        'The service’s certificate is not trusted by this computer, so Sessiondesk did not send your password.',
      timeout: 'The service did not answer in time. Try again in a moment.',
      rate_limited: 'Too many sign-in attempts. Wait a minute, then try again.',
      account_disabled: 'Your account is disabled. Ask an administrator to enable it.',
      invalid_input: 'Check the fields marked below.',
      internal: 'Something went wrong in Sessiondesk. Try again.',
    } as Record<string, string>,
    endedNotice: (reason: string) => reason,
  },

  sync: {
    bootstrapping: 'Getting your session requests…',
    resyncing: 'Bringing your session requests up to date…',
    progress: (received: string, total: string | null) =>
      total === null ? `${received} so far` : `${received} of ${total}`,
    progressLabel: 'Session requests received',
  },

  sidebar: {
    label: 'Views',
    heading: 'Session Requests',
    home: 'Home',
    homeHint: 'Assigned to me',
    all: 'All',
    channels: 'Channels',
    private: 'Private',
    past: 'Past',
    pastHint: 'Closed and expired',
    upcoming: 'Upcoming',
    upcomingHint: 'Scheduled',
    count: (label: string, count: string) => `${label}, ${count}`,
    settings: 'Settings',
  },

  header: {
    search: 'Search requests',
    searchPlaceholder: 'Search name, e-mail, comments or PIN',
    newRequest: 'New request',
    joinSession: 'Join session',
    accountMenu: (name: string) => `Account: ${name}`,
    signOut: 'Sign out',
    settings: 'Settings',
    signedInAs: (name: string, email: string) => `${name} (${email})`,
  },

  connection: {
    live: 'Live',
    reconnecting: 'Reconnecting…',
    offlineSince: (time: string) => `Offline since ${time}`,
    offline: 'Offline',
    button: (state: string) => `Connection: ${state}`,
    retryNow: 'Retry now',
    nextAttempt: (time: string) => `Next attempt at ${time}.`,
    liveDetail: 'Changes arrive as they happen.',
    offlineWorks:
      'Still works offline: every cached request and its timeline, search and filters, copying links and PINs, creating requests and adding notes (sent once the connection is back).',
    offlineShort:
      'Offline: cached requests, search and copying links and PINs still work; new requests and notes are queued.',
    offlineNeeds:
      'Needs the connection: Connect, Assign, Transfer, Release, Pick up, Invite, Close and Delete.',
  },

  table: {
    label: 'Session requests',
    columns: {
      recipientName: 'Recipient',
      recipientEmail: 'Email',
      status: 'Status',
      assignee: 'Assigned to',
      channel: 'Channel',
      createdAt: 'Created',
      scheduledAt: 'Scheduled',
      expiresAt: 'Expires',
      comments: 'Comments',
      connect: 'Connect',
      actions: 'Actions',
    },
    sortBy: (column: string) => `Sort by ${column}`,
    resize: (column: string) => `Width of ${column}`,
    width: (pixels: number) => `${pixels} pixels`,
    loadingRow: 'Loading…',
    empty: 'No session requests here yet. Create one with New request.',
    emptySearch: (search: string) => `No session requests match “${search}”.`,
    myPart: {
      invited: { label: 'Invited', hint: 'You are invited to help on this session.' },
      joined: { label: 'Joined', hint: 'You joined this session with its code.' },
    },
    emptyFilter: 'No session requests have the chosen statuses.',
    unassigned: 'Unassigned',
    unknownAgent: 'Unknown agent',
    unknownChannel: 'Unknown channel',
    none: '—',
    rowsTotal: (count: string) => `${count} requests`,
    rowsOne: '1 request',
    failed: (message: string) => `The requests could not be read: ${message}`,
  },

  columnsDialog: {
    open: 'Columns…',
    openHint: 'Choose which columns the table shows and their order.',
    title: 'Columns',
    intro:
      'Choose the columns and their order. Connect and the row’s actions always end the row. When the window is too narrow, the less essential columns are narrowed, then left out: the scheduled and created times first, the recipient and the status never.',
    list: 'Columns',
    alwaysShown: 'Always shown',
    moveUp: (column: string) => `Move ${column} up`,
    moveDown: (column: string) => `Move ${column} down`,
    up: 'Up',
    down: 'Down',
    reset: 'Reset to the default',
    done: 'Done',
  },

  filter: {
    label: 'Filter by status',
    all: 'All statuses',
    toggle: (status: string) => `Show ${status}`,
  },

  pending: {
    queued: 'Queued',
    queuedHint: 'Created offline: it is sent to the service as soon as the connection is back.',
    sending: 'Sending…',
    sendingHint: 'Being sent to the service.',
    rejected: 'Not created',
    rejectedHint: (message: string) => `The service refused this request: ${message}`,
    dismiss: 'Dismiss',
    dismissLabel: (name: string) => `Dismiss the refused request for ${name}`,
    noteQueued: 'Not sent yet',
    noteSending: 'Sending…',
    noteRejected: (message: string) => `Not added: ${message}`,
  },

  timeLeft: {
    days: (d: number, h: number) => (h > 0 ? `${d} d ${h} h` : `${d} d`),
    hours: (h: number, m: number) => (m > 0 ? `${h} h ${m} min` : `${h} h`),
    minutes: (m: number) => `${m} min`,
    seconds: (s: number) => `${s} s`,
    now: 'Expiring now',
    label: (text: string) => `Expires in ${text}`,
    ended: '—',
  },

  actions: {
    connect: 'Connect',
    connectLabel: (name: string) => `Connect to ${name}`,
    connecting: 'Connecting…',
    endSession: 'End session',
    menu: (name: string) => `Actions for ${name}`,
    copyLink: 'Copy link',
    showPin: 'Show PIN',
    resend: 'Resend invitation',
    rerequest: 'Request access again',
    assign: 'Assign…',
    transfer: 'Transfer…',
    release: 'Release',
    pickup: 'Pick up',
    invite: 'Invite technicians…',
    leave: 'Leave session…',
    close: 'Close',
    delete: 'Delete…',
    details: 'Details',
    verbs: {
      connect: 'Connecting',
      disconnect: 'Ending your remote session',
      copyLink: 'Copying the link',
      showPin: 'Showing the PIN',
      resend: 'Resending the invitation',
      rerequest: 'Requesting access again',
      assign: 'Assigning',
      transfer: 'Transferring',
      release: 'Releasing',
      pickup: 'Picking up',
      invite: 'Inviting technicians',
      leave: 'Leaving the session',
      end: 'Ending the session',
      close: 'Closing',
      delete: 'Deleting',
    },
    needsConnection: (verb: string) =>
      `${verb} needs the connection to the service, and Sessiondesk is offline. It works again as soon as the connection is back.`,
    notSentYet: 'This request has not reached the service yet: wait until it is created.',
    unknownChannel: 'Sessiondesk does not know this request’s channel yet. Try again in a moment.',
    noLink: 'The link exists once the service has created the request.',
    noAgents: 'There is no other agent to choose.',
    noChannels: 'There is no other channel you can move it to.',
    done: {
      copyLink: 'Link copied.',
      copyPin: 'PIN copied.',
      copied: 'Copied.',
      resend: 'The invitation is being sent again.',
      rerequest: 'Access requested again: the end user sees the prompt again.',
      assign: (name: string) => `Assigned to ${name}.`,
      transfer: (name: string) => `Transferred to ${name}.`,
      release: 'Released to the queue.',
      pickup: 'Picked up: it is assigned to you.',
      invite: (names: string) => `Invited ${names}.`,
      leave: 'You left the session.',
      end: 'Session ended for everyone.',
      close: 'Request closed.',
      delete: 'Request deleted.',
      connect: (client: string) => `${client} started.`,
      /** A link hand-off: the OS opened the app, which tells nobody when the session ends. */
      connectLink: (client: string) =>
        `${client} opened. It cannot tell Sessiondesk when the session ends: choose End session in the row’s menu when you are done.`,
      connectAgain: (client: string) => `${client} opened again.`,
      endSession: 'Session ended.',
      endSessionStillOpen: (client: string) =>
        `Session ended. ${client} is still open: close it when you are done.`,
      endSessionLink: (client: string) => `Session ended. Close ${client} if it is still open.`,
      join: 'You joined the session.',
      dismissed: 'Dismissed.',
      noteAdded: 'Note added.',
    },
    failed: (message: string) => message,
    copyFailed: 'Could not copy to the clipboard.',
  },

  confirm: {
    cancel: 'Cancel',
    closeTitle: 'Close this request?',
    closeBody: (name: string) =>
      `The request for ${name} will be closed. No further connection is possible; a new request is needed to connect again.`,
    closeConfirm: 'Close request',
    deleteTitle: 'Delete this request?',
    deleteBody: (name: string) =>
      `The request for ${name} will be removed from its channel and from every agent’s list. This cannot be undone.`,
    deleteConfirm: 'Delete request',
    signOutTitle: 'Sign out and discard offline changes?',
    signOutConfirm: 'Discard and sign out',
  },

  leave: {
    title: 'Leave this session?',
    /** A participant leaving: the session is someone else's. */
    participantBody: (name: string) =>
      `You leave the session with ${name}; it goes on for the other technicians. You can join again with its session code while it is live.`,
    /** The owner, with others on the session: pass it on, or end it for everyone. */
    ownerBody: (name: string, successor: string) =>
      `You own the session with ${name}. Leave it and ${successor} takes it over, or end it for everyone: the request closes and every technician on it is told.`,
    /** The owner alone (the request goes back to its channel's queue). */
    aloneBody: (name: string) =>
      `Nobody else is on the session with ${name}. Leave it and it goes back to its channel’s queue, or end it: the request closes.`,
    leave: 'Leave',
    leaveHint: (successor: string) => `${successor} becomes the owner.`,
    leaveToQueue: 'Leave it in the queue',
    end: 'End session for everyone',
    cancel: 'Cancel',
  },

  pin: {
    title: 'PIN',
    body: (name: string) => `${name} can type this PIN at the address below instead of opening the link.`,
    where: 'Where to type it:',
    copy: 'Copy PIN',
    close: 'Close',
  },

  picker: {
    assignTitle: 'Assign',
    assignIntro: (name: string) => `Choose the agent who handles the request for ${name}.`,
    assignSubmit: 'Assign',
    transferTitle: 'Transfer',
    transferIntro: (name: string) => `Transfer the request for ${name} to another agent or channel.`,
    transferSubmit: 'Transfer',
    toAgent: 'To an agent',
    toChannel: 'To a channel',
    note: 'Note (optional)',
    inviteTitle: 'Invite technicians',
    inviteIntro: (name: string, room: number) =>
      `Invite technicians to help with ${name}. ${room === 1 ? 'One more agent fits' : `${room} more agents fit`} on this request.`,
    inviteSubmit: 'Invite',
    inviteNone: 'Pick at least one technician to invite.',
    inviteFull: (limit: number) =>
      `No more fit: this channel allows ${limit} agents in all on a request. Unpick someone to choose another.`,
    shareHeading: 'Or share the session',
    shareIntro: (code: string) =>
      `Technicians allowed on this channel can join with the session code ${code}, or by opening the join URL.`,
    copyJoinUrl: 'Copy join URL',
    joinUrlCopied: 'Join URL copied.',
    emailJoinUrl: 'Email join URL',
    emailJoinUrlOpened: 'Your e-mail program opened with the join URL.',
    noSessionCode: 'The session code exists once the service has created the request.',
    agents: 'Agents',
    channels: 'Channels',
    cancel: 'Cancel',
    noChoice: 'Choose one first.',
  },

  create: {
    title: 'New session request',
    recipientName: 'Recipient name',
    recipientEmail: 'Recipient email',
    sendInvitation: 'Send invitation email',
    sendInvitationHint: 'Sends the session link and updates to this address.',
    emailLanguage: 'Email language',
    comments: 'Comments',
    commentsHint: 'The end user sees these on the join page.',
    commentsCount: (n: number, max: number) => `${n} / ${max}`,
    schedule: 'Schedule',
    scheduledAt: 'Scheduled time',
    scheduleMissing: 'Choose the date and time of the session.',
    expiresIn: 'Expires in',
    expiresAt: 'Expiry time',
    expiryMissing: 'Choose when the request expires.',
    durations: {
      days: (n: number) => (n === 1 ? '1 day' : `${n} days`),
      hours: (n: number) => (n === 1 ? '1 hour' : `${n} hours`),
      minutes: (n: number) => `${n} min`,
    },
    expiryOptions: {
      default: (label: string) => `Channel default (${label})`,
      h1: '1 hour',
      h4: '4 hours',
      h8: '8 hours',
      d1: '1 day',
      d3: '3 days',
      d7: '7 days',
      d30: '30 days',
      custom: 'A date and time…',
    },
    assignTo: 'Assign to',
    myself: 'Myself',
    agentsGroup: 'Agents',
    queuesGroup: 'Queues',
    queue: (channel: string) => `${channel} queue`,
    unassigned: 'Unassigned',
    channel: 'Channel',
    channelHint: 'Where the request belongs.',
    submit: 'Create request',
    submitting: 'Creating…',
    cancel: 'Cancel',
    createdTitle: 'Request created',
    createdBody: (name: string) => `Share the link or the PIN with ${name}.`,
    invitationSent: (email: string) => `An invitation is on its way to ${email}.`,
    queuedTitle: 'Request queued',
    queuedBody:
      'Sessiondesk is offline: the request is saved and will be created as soon as the connection is back. Its link and PIN appear then, in the request’s details.',
    link: 'Link',
    pin: 'PIN',
    copyLink: 'Copy link',
    copyPin: 'Copy PIN',
    another: 'Create another',
    done: 'Done',
    showDetails: 'Show details',
    fixFields: 'Check the fields marked in red.',
  },

  details: {
    label: 'Request details',
    close: 'Close details',
    notFound: 'This request is no longer in your list.',
    loading: 'Loading…',
    fields: {
      status: 'Status',
      recipientName: 'Recipient',
      recipientEmail: 'Email',
      emailLanguage: 'Email language',
      sendInvitation: 'Invitation email',
      channel: 'Channel',
      assignee: 'Assigned to',
      createdBy: 'Created by',
      createdAt: 'Created',
      updatedAt: 'Last change',
      scheduledAt: 'Scheduled',
      expiresAt: 'Expires',
      link: 'Link',
      pin: 'PIN',
      sessionCode: 'Session code',
      sessionCodeHint: 'Other agents join the session with this code.',
      remote: 'Remote ID',
      comments: 'Comments',
      participants: 'Participants',
      connectedNow: 'Connected now',
      consent: 'Permission',
      handoff: 'Remote-control client',
    },
    /** What this app launched for the request, while it runs. */
    handoff: {
      starting: (client: string) => `${client} is starting…`,
      process: (client: string) => `${client} is running.`,
      uri: (client: string) => `${client} was opened.`,
    },
    /** Ready after a session: the end user's Allow lasts until the grace period ends. */
    consentLapses: (at: string) => `Allowed until ${at}; after that the end user is asked again.`,
    yes: 'Yes',
    no: 'No',
    noParticipants: 'No other technicians.',
    participant: (name: string, via: string, since: string) => `${name} — ${via} ${since}`,
    owner: (name: string) => `${name} — owner`,
    via: { invited: 'invited', joined: 'joined' },
    copy: (what: string) => `Copy ${what}`,
    timeline: 'Timeline',
    emptyTimeline: 'Nothing has happened yet.',
    addNote: 'Add a note',
    noteSubmit: 'Add note',
    notePlaceholder: 'Visible to every agent on this request.',
    noteOffline: 'Offline: the note is sent once the connection is back.',
  },

  timeline: {
    byEndUser: 'The end user',
    bySystem: 'Sessiondesk',
    events: {
      created: (who: string, channel: string) => `${who} created the request in ${channel}.`,
      link_opened: (who: string) => `${who} opened the link.`,
      allowed: (who: string) => `${who} allowed access.`,
      denied: (who: string) => `${who} denied access.`,
      access_ended: (who: string) => `${who} ended access.`,
      consent_lapsed: () =>
        'The end user’s permission ended with the last session: connecting again needs a new Allow access.',
      access_requested_again: (who: string) => `${who} requested access again.`,
      connected: (who: string) => `${who} connected.`,
      disconnected: (who: string) => `${who} disconnected.`,
      closed: (who: string) => `${who} closed the request.`,
      ended: (who: string) => `${who} ended the session for everyone.`,
      expired: () => 'The request expired.',
      assigned: (who: string, target: string) =>
        who === target ? `${who} took it on.` : `${who} assigned it to ${target}.`,
      transferred: (who: string, target: string) => `${who} transferred it to ${target}.`,
      released: (who: string) => `${who} released it to the queue.`,
      picked_up: (who: string) => `${who} picked it up.`,
      invited: (who: string, targets: string) => `${who} invited ${targets}.`,
      joined: (who: string) => `${who} joined the session.`,
      left: (who: string) => `${who} left the session.`,
      owner_changed: (target: string | null) =>
        target ? `${target} now owns the session.` : 'Nobody owns the session now: it waits in the queue.',
      note: (who: string) => `${who} added a note:`,
      rescheduled: (who: string, when: string) => `${who} rescheduled it to ${when}.`,
      email_queued: (to: string) => `Invitation email queued for ${to}.`,
      email_sent: (to: string) => `Email sent to ${to}.`,
      email_failed: (to: string, reason: string) => `Email to ${to} could not be sent: ${reason}`,
      reminder: () => 'The scheduled session is due.',
    } satisfies Record<TimelineEventType, (...args: never[]) => string>,
    unscheduled: 'no scheduled time',
    someone: 'someone',
    /** "A, B and C" */
    list: (names: readonly string[]) =>
      names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`,
    removedFromChannel: ' (removed from the channel)',
  },

  settings: {
    title: 'Settings',
    remoteClient: 'Remote-control client',
    remoteClientHint: 'Connect launches this program for a Ready request.',
    remoteClientPath: 'Path of the program',
    remoteClientPathHint: 'Leave empty to use the usual place for it.',
    customCommand: 'Custom command',
    customCommandHint:
      'A program and its arguments, or a URI, with {remoteId}, {password}, {host} and {port} where the values go. It is never run by a shell.',
    notifications: 'Notifications',
    notificationsHint:
      'When a request of yours is Waiting or Ready or is due, when one is assigned or transferred to you, when you are invited, and when colleagues join, leave or end a session you are on.',
    queueNotifications: 'Queue notifications',
    queueNotificationsHint: 'Also for requests waiting in the queues of your channels.',
    queueNotificationMinutes: 'Minutes between queue notifications',
    queueNotificationMinutesHint:
      'At most one queue notification per channel in this time; 0 notifies each request as it arrives.',
    theme: 'Theme',
    themes: { system: 'Follow the system', light: 'Light', dark: 'Dark' } satisfies Record<
      ThemeSetting,
      string
    >,
    locked: 'Locked',
    /** The core's sentence ("Set by your organisation's policy (Theme).") */
    lockedReason: (reason: string) => reason,
    save: 'Save',
    saving: 'Saving…',
    saved: 'Settings saved.',
    cancel: 'Close',
    autoUpdateOff: 'Automatic updates are turned off by your organisation.',
  },

  join: {
    title: 'Join session',
    intro: 'Type the 8-digit session code another agent gave you.',
    code: 'Session code',
    submit: 'Join',
    cancel: 'Cancel',
  },

  toasts: {
    region: 'Notifications',
    show: 'Show',
    dismiss: 'Dismiss notification',
  },

  dialog: {
    close: 'Close',
  },

  errors: {
    internal: 'Something went wrong in Sessiondesk. Try again.',
  },

  languages: {
    en: 'English',
    es: 'Español',
    pt: 'Português',
    fr: 'Français',
    de: 'Deutsch',
    'zh-Hant': '繁體中文',
    'zh-Hans': '简体中文',
  } satisfies Record<EmailLanguage, string>,

  remoteClients: {
    rustdesk: 'RustDesk',
    anydesk: 'AnyDesk',
    teamviewer: 'TeamViewer',
    vnc: 'VNC viewer',
    rdp: 'Remote Desktop (RDP)',
    custom: 'Custom command',
  } satisfies Record<RemoteClientId, string>,

  shortcuts: {
    newRequest: 'Control+N',
    search: 'Control+F /',
  },
} as const;
