/**
 * English strings of the end-user join page and of the e-mails: the catalogue every other language
 * follows (see catalog.ts). Functions take the values to interpolate; they return plain text, which the
 * page and the e-mail templates escape.
 */
export const en = {
  /** The language's own name, for the page's language attribute and switchers. */
  languageName: 'English',
  page: {
    title: 'Remote support request',
    errorTitle: (title: string) => `Error: ${title}`,
    heading: (agentName: string, orgName: string) =>
      `${agentName} from ${orgName} asks for access to your computer`,
    greeting: (recipientName: string) => `Hello ${recipientName},`,
    commentsLabel: 'Message from your support agent',
    explainAllow:
      'If you allow access, your support agent can connect to this computer with the remote-control app to help you. You can end the session at any time from that app.',
    allowButton: 'Allow access',
    denyButton: 'Deny',
    remoteIdLabel: (appName: string) => `The ID shown by ${appName}`,
    remoteIdHint: (appName: string) =>
      `Start ${appName} and type the ID it shows, so your agent can reach this computer.`,
    remoteIdInvalid:
      'An ID contains only letters, digits and the characters @ . _ : - [ ], and starts with a letter or digit.',
    remoteIdMissing: (appName: string) => `The field is empty: type the ID that ${appName} shows.`,
    stepsHeading: (appName: string) => `How to start ${appName}`,
    stepDownload: (appName: string) => `Download ${appName}.`,
    stepOpen: 'Open the downloaded file and start the app.',
    stepAllow: 'Type the ID it shows in the field below, then choose Allow access.',
    expires: (when: string) => `This request expires on ${when}.`,
    live: 'This page updates by itself.',
    liveRefreshes: (seconds: number) => `This page refreshes every ${seconds} seconds.`,
    liveReload: 'Reload this page to see whether anything has changed.',
    granted: 'Access allowed. Your support agent can now connect; keep the remote-control app open.',
    oneSession: (minutes: number) =>
      minutes === 0
        ? 'Your permission is for one session: it ends when the session ends.'
        : `Your permission is for one session: it ends ${minutes === 1 ? '1 minute' : `${minutes} minutes`} after the session ends.`,
    sessionEnded: (when: string) =>
      `The session has ended. Your permission lasts until ${when}; after that, your support agent needs you to allow access again.`,
    consentLapsed:
      'Your earlier permission ended with the last session. To let your support agent connect again, allow access again.',
    endAccessButton: 'End access',
    endAccessHint:
      'You can end access at any time: your support agent can then no longer connect, and is told at once.',
    connected:
      'Your support agent is connected. End the session from the remote-control app when you are done.',
    denied:
      'You denied access, and your support agent has been told. If you change your mind, ask them to request access again.',
    accessEnded:
      'You ended access, and your support agent has been told. If the remote-control app still shows a session, end it there too. If you need help again, ask your agent to request access again.',
    closedTitle: 'Request closed',
    closed:
      'This support request is closed. If you still need help, contact your support team for a new link.',
    expiredTitle: 'Request expired',
    expired:
      'This support request has expired. If you still need help, contact your support team for a new link.',
    notFoundTitle: 'Link not valid',
    notFound:
      'This link is not valid. Check that you copied the whole link, or ask your support team for a new one.',
    tooManyAttempts: (seconds: number) => `Too many attempts. Wait ${seconds} seconds and try again.`,
    somethingWrong: 'Something went wrong on our side. Please try again in a moment.',
  },
  pin: {
    title: 'Enter your PIN',
    intro: 'Type the 9-digit PIN your support agent gave you.',
    label: 'PIN',
    button: 'Continue',
    invalid: 'The PIN has 9 digits.',
    unknown:
      'No open support request has this PIN. Check the digits, or ask your support agent for a new one.',
  },
  mail: {
    greeting: (name: string) => `Hello ${name},`,
    signature: (orgName: string) => `${orgName} support`,
    invitation: {
      subject: (agentName: string, orgName: string) =>
        `${agentName} (${orgName}) asks for remote access to help you`,
      intro: (agentName: string, orgName: string) =>
        `${agentName} from ${orgName} would like to connect to your computer to help you.`,
      commentsLabel: 'Their message:',
      linkIntro: 'Open this link to see the request and allow access:',
      pinIntro: (pinUrl: string) => `Or go to ${pinUrl} and type this PIN:`,
      scheduled: (when: string) => `The session is planned for ${when}.`,
      expires: (when: string) => `The link expires on ${when}.`,
      ignore: 'If you were not expecting this, ignore this e-mail: nothing happens unless you allow access.',
    },
    rescheduled: {
      subject: (agentName: string) => `Your support session with ${agentName} has a new time`,
      body: (agentName: string) => `${agentName} changed the time of your support session.`,
      scheduled: (when: string) => `It is now planned for ${when}.`,
      unscheduled: 'It no longer has a planned time: open the link whenever you are ready.',
      expires: (when: string) => `The link expires on ${when}.`,
      linkIntro: 'Your link:',
    },
    closed: {
      subject: 'Your support request was closed',
      body: (agentName: string) =>
        `${agentName} closed your support request before connecting. You do not need to do anything; the link no longer works.`,
      help: 'If you still need help, contact your support team.',
    },
    technician: {
      subject: (inviterName: string) => `${inviterName} invites you to a support session`,
      intro: (inviterName: string, recipientName: string) =>
        `${inviterName} invites you to join the support session for ${recipientName}.`,
      joinLink: 'Open this link to join in Sessiondesk:',
      code: 'Or choose Join session in Sessiondesk and type the session code:',
    },
  },
};

type Widen<T> = T extends string
  ? string
  : T extends (...args: infer A) => string
    ? (...args: A) => string
    : { [K in keyof T]: Widen<T[K]> };

/** The shape every language's catalogue has. */
export type Catalog = Widen<typeof en>;
