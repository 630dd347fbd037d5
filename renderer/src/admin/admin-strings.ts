import type { Role } from '@shared/domain/permissions';

/**
 * Every string of the admin screens (agents, channels, organisation), in the style of ../strings.ts: one English
 * catalogue ready for translation, sentences that carry values as functions.
 */
export const ADMIN_STRINGS = {
  /** The sidebar entry and the screen's heading. */
  title: 'Administration',
  sidebarHint: 'Agents, channels and the organisation',
  tabsLabel: 'Administration sections',
  tabs: {
    agents: 'Agents',
    channels: 'Channels',
    organisation: 'Organisation',
  },
  /** The core's reason ("The connection to the service was lost.") follows the sentence. */
  offline: (reason: string | null) =>
    `Agents and channels cannot be changed while Sessiondesk is not connected to the service; they can be again as soon as the connection is back.${
      reason ? ` ${reason}` : ''
    }`,
  offlineReason: 'Needs the connection to the service.',
  busy: 'Saving…',
  cancel: 'Cancel',
  save: 'Save',
  close: 'Close',
  fixFields: 'Check the fields marked in red.',
  nothingChanged: 'Nothing was changed.',

  roles: {
    admin: 'Administrator',
    support_agent: 'Support agent',
  } satisfies Record<Role, string>,
  roleHints: {
    admin: 'Manages agents, channels and the organisation’s settings.',
    support_agent: 'Creates and handles session requests.',
  } satisfies Record<Role, string>,
  noRoles: 'No roles',

  agents: {
    heading: 'Agents',
    tableLabel: 'Agents',
    add: 'Add agent',
    columns: { name: 'Name', email: 'E-mail', roles: 'Roles', status: 'Status', actions: 'Actions' },
    you: 'you',
    active: 'Active',
    disabled: 'Disabled',
    empty: 'No agents yet.',
    count: (n: number) => (n === 1 ? '1 agent' : `${n} agents`),
    edit: 'Edit',
    editLabel: (name: string) => `Edit ${name}`,
    resetPassword: 'Reset password',
    resetPasswordLabel: (name: string) => `Reset password for ${name}`,
    disable: 'Disable',
    disableLabel: (name: string) => `Disable ${name}`,
    enable: 'Enable',
    enableLabel: (name: string) => `Enable ${name}`,
    cannotDisableSelf: 'You cannot disable your own account: another administrator can.',
    cannotDropOwnAdmin: 'You cannot remove your own administrator role: another administrator can.',

    createTitle: 'Add agent',
    editTitle: (name: string) => `Edit ${name}`,
    email: 'E-mail',
    emailHint: 'They sign in with this address.',
    emailFixed: 'The e-mail address cannot be changed.',
    name: 'Name',
    nameHint: 'Shown to other agents and to end users.',
    rolesLegend: 'Roles',
    passwordLegend: 'Password',
    modePassword: 'Set an initial password',
    modeLink: 'Send a set-password link by e-mail',
    modeLinkHint: (email: string) =>
      email.trim() === ''
        ? 'The agent gets an e-mail with a link to choose their own password.'
        : `${email.trim()} gets an e-mail with a link to choose their own password.`,
    password: 'Initial password',
    passwordHint: (min: number) => `At least ${min} characters. Give it to the agent in a safe way.`,
    createSubmit: 'Add agent',
    created: (name: string) => `${name} was added.`,
    createdWithLink: (name: string, email: string) =>
      `${name} was added. A set-password link is on its way to ${email}.`,
    saved: (name: string) => `${name} was changed.`,

    resetTitle: (name: string) => `Reset the password of ${name}`,
    resetIntro: (name: string) =>
      `${name} is signed out everywhere at once and signs in again with the new password.`,
    resetIntroSelf:
      'You are signed out everywhere at once, here too, and sign in again with the new password.',
    resetIntroLink: (name: string) =>
      `${name} keeps their password and stays signed in until they use the link; choosing the new password signs them out everywhere.`,
    resetIntroSelfLink:
      'You keep your password and stay signed in until you use the link; choosing the new password signs you out everywhere.',
    resetModePassword: 'Set a new password',
    newPassword: 'New password',
    resetSubmit: 'Reset password',
    resetDone: (name: string) => `The password of ${name} was reset.`,
    resetLinkSent: (name: string, email: string) =>
      `A set-password link for ${name} is on its way to ${email}.`,

    disableTitle: (name: string) => `Disable ${name}?`,
    disableBody: (name: string) =>
      `${name} is signed out at once and cannot sign in until an administrator enables the account again. Their requests stay where they are.`,
    disableConfirm: 'Disable agent',
    disabledDone: (name: string) => `${name} was disabled.`,
    enabledDone: (name: string) => `${name} was enabled.`,
  },

  channels: {
    heading: 'Channels',
    tableLabel: 'Shared channels',
    intro:
      'Shared channels and their queues. Every agent also has a Private channel, which has fixed settings.',
    add: 'New channel',
    columns: {
      name: 'Name',
      defaultExpiry: 'Default expiry',
      participantLimit: 'Participant limit',
      members: 'Members',
      actions: 'Actions',
    },
    empty: 'No shared channels yet. Create one with New channel.',
    count: (n: number) => (n === 1 ? '1 channel' : `${n} channels`),
    memberCount: (n: number) => (n === 1 ? '1 member' : `${n} members`),
    agentsCount: (n: number) => (n === 1 ? '1 agent' : `${n} agents`),
    edit: 'Edit',
    editLabel: (name: string) => `Edit the channel ${name}`,
    members: 'Members',
    membersLabel: (name: string) => `Members of ${name}`,

    createTitle: 'New channel',
    editTitle: (name: string) => `Edit the channel ${name}`,
    name: 'Channel name',
    defaultExpiry: 'Default expiry',
    /** The unit menu beside the amount (its own name, not one containing the amount's label). */
    expiryUnit: 'Expiry unit',
    expiryHint:
      'How long a new request in this channel stays valid unless its creator chooses otherwise (5 minutes to 30 days).',
    expiryInMinutes: (text: string) => `That is ${text}.`,
    units: { minutes: 'minutes', hours: 'hours', days: 'days' },
    participantLimit: 'Participant limit',
    participantLimitHint: (min: number, max: number) =>
      `Agents on one request in all, the assigned agent included (${min}–${max}).`,
    createSubmit: 'Create channel',
    created: (name: string) => `The channel ${name} was created.`,
    saved: (name: string) => `The channel ${name} was changed.`,
  },

  duration: {
    days: (n: number) => (n === 1 ? '1 day' : `${n} days`),
    hours: (n: number) => (n === 1 ? '1 hour' : `${n} hours`),
    minutes: (n: number) => (n === 1 ? '1 minute' : `${n} minutes`),
    /** Mixed units, short: "1 d 6 h", "1 h 30 min". */
    short: {
      days: (n: number) => `${n} d`,
      hours: (n: number) => `${n} h`,
      minutes: (n: number) => `${n} min`,
    },
  },

  members: {
    title: (channel: string) => `Members of ${channel}`,
    intro:
      'Members see the channel’s requests and can pick them up from its queue. The release permission lets a member transfer the channel’s requests to another agent.',
    listLabel: 'Members',
    none: 'Nobody is a member of this channel yet.',
    canRelease: 'Release permission',
    canReleaseLabel: (name: string) => `Release permission for ${name}`,
    remove: 'Remove',
    removeLabel: (name: string) => `Remove ${name} from the channel`,
    disabledAgent: 'disabled',
    addLegend: 'Add a member',
    agent: 'Agent',
    chooseAgent: 'Choose an agent…',
    everyoneIsMember: 'Every agent is already a member.',
    addCanRelease: 'With the release permission',
    addSubmit: 'Add member',
    pickAgent: 'Choose the agent to add.',
    added: (name: string, channel: string) => `${name} was added to ${channel}.`,
    releaseOn: (name: string) => `${name} now has the release permission.`,
    releaseOff: (name: string) => `${name} no longer has the release permission.`,
    removeTitle: (name: string) => `Remove ${name} from the channel?`,
    removeBody: (name: string, channel: string) =>
      `${name} no longer sees the requests of ${channel}. The ones assigned to them go back to the channel’s queue, and they leave the sessions they are on there.`,
    removeConfirm: 'Remove member',
    removed: (name: string, channel: string) => `${name} was removed from ${channel}.`,
    unknownAgent: 'Unknown agent',
  },

  organisation: {
    intro:
      'What end users see: the organisation’s name on the join page and in invitations, how to start the remote-control app, and how long their permission lasts.',
    loading: 'Loading the organisation’s settings…',
    name: 'Organisation name',
    nameHint: 'Shown on the join page and in invitation e-mails.',
    remoteAppName: 'Remote-control app',
    remoteAppNameHint: 'The app end users start so you can connect, like AnyDesk or RustDesk.',
    remoteAppUrl: 'Download page',
    remoteAppUrlHint: 'Where end users get the app.',
    remoteIdRequired: 'Ask end users for the ID the app shows',
    remoteIdRequiredHint: 'The join page asks for it before Allow access; Connect uses it.',
    remoteAppInstructions: 'Instructions for end users',
    remoteAppInstructionsHint: 'Shown on the join page and in invitations, as written (several lines).',
    consentGraceMinutes: 'Permission after a session (minutes)',
    consentGraceMinutesHint: (max: number) =>
      `An end user’s Allow access lasts for one session. For this many minutes after the last agent disconnects you can connect again without asking; then the end user has to allow access again. 0 ends it with the session; at most ${max}.`,
    count: (n: number, max: number) => `${n} / ${max}`,
    saved: 'The organisation’s settings are saved: end users see them at once.',
    lastChanged: (when: string) => `Last changed ${when}.`,
  },

  /** Service refusals shown beside a field rather than above the buttons. */
  codeFields: {
    email_taken: 'email',
  } as Record<string, string>,
} as const;
