import type { Catalog } from './en';
// Simplified Chinese, mainland China (简体中文)

export const zhHans = {
  languageName: '简体中文',
  page: {
    title: '远程支持请求',
    errorTitle: (title: string) => `错误：${title}`,
    heading: (agentName: string, orgName: string) => `${orgName} 的 ${agentName} 请求访问您的电脑`,
    greeting: (recipientName: string) => `${recipientName} 您好：`,
    commentsLabel: '支持人员的留言',
    explainAllow:
      '如果您允许访问，支持人员就可以通过远程控制应用连接到这台电脑，为您提供帮助。您可以随时在该应用中结束会话。',
    allowButton: '允许访问',
    denyButton: '拒绝',
    remoteIdLabel: (appName: string) => `${appName} 显示的 ID`,
    remoteIdHint: (appName: string) => `请启动 ${appName} 并输入其显示的 ID，以便支持人员连接到这台电脑。`,
    remoteIdInvalid: 'ID 只能包含字母、数字和字符 @ . _ : - [ ]，并且必须以字母或数字开头。',
    remoteIdMissing: (appName: string) => `输入框为空：请输入 ${appName} 显示的 ID。`,
    stepsHeading: (appName: string) => `如何启动 ${appName}`,
    stepDownload: (appName: string) => `下载 ${appName}。`,
    stepOpen: '打开下载的文件并启动应用。',
    stepAllow: '在下方的输入框中输入应用显示的 ID，然后选择“允许访问”。',
    expires: (when: string) => `此请求将于 ${when} 过期。`,
    live: '此页面会自动更新。',
    liveRefreshes: (seconds: number) => `此页面每 ${seconds} 秒刷新一次。`,
    liveReload: '请刷新此页面，查看是否有变化。',
    granted: '已允许访问。支持人员现在可以连接；请保持远程控制应用处于打开状态。',
    oneSession: (minutes: number) =>
      minutes === 0
        ? '您的许可仅限一次会话：会话结束时即失效。'
        : `您的许可仅限一次会话：会话结束 ${minutes} 分钟后即失效。`,
    sessionEnded: (when: string) =>
      `会话已结束。您的许可有效期至 ${when}；之后，支持人员需要您再次允许访问。`,
    consentLapsed: '您之前的许可已随上一次会话结束。若要让支持人员再次连接，请再次允许访问。',
    endAccessButton: '结束访问',
    endAccessHint: '您可以随时结束访问：支持人员将无法再连接，并会立即收到通知。',
    connected: '支持人员已连接。完成后，请在远程控制应用中结束会话。',
    denied: '您已拒绝访问，我们已通知支持人员。如果您改变主意，请让对方重新请求访问。',
    accessEnded:
      '您已结束访问，我们已通知支持人员。如果远程控制应用仍显示会话，请也在其中结束。如果您再次需要帮助，请让支持人员重新请求访问。',
    closedTitle: '请求已关闭',
    closed: '此支持请求已关闭。如果您仍需要帮助，请联系您的支持团队获取新链接。',
    expiredTitle: '请求已过期',
    expired: '此支持请求已过期。如果您仍需要帮助，请联系您的支持团队获取新链接。',
    notFoundTitle: '链接无效',
    notFound: '此链接无效。请检查您是否复制了完整的链接，或向您的支持团队索取新链接。',
    tooManyAttempts: (seconds: number) => `尝试次数过多。请等待 ${seconds} 秒后重试。`,
    somethingWrong: '我们这边出了点问题。请稍后重试。',
  },
  pin: {
    title: '输入 PIN 码',
    intro: '请输入支持人员提供给您的 9 位 PIN 码。',
    label: 'PIN 码',
    button: '继续',
    invalid: 'PIN 码为 9 位数字。',
    unknown: '没有与此 PIN 码对应的有效支持请求。请检查数字是否正确，或向支持人员索取新的 PIN 码。',
  },
  mail: {
    greeting: (name: string) => `${name} 您好：`,
    signature: (orgName: string) => `${orgName} 支持团队`,
    invitation: {
      subject: (agentName: string, orgName: string) =>
        `${agentName}（${orgName}）请求远程访问，以便为您提供帮助`,
      intro: (agentName: string, orgName: string) =>
        `${orgName} 的 ${agentName} 希望连接到您的电脑，为您提供帮助。`,
      commentsLabel: '对方的留言：',
      linkIntro: '打开此链接以查看请求并允许访问：',
      pinIntro: (pinUrl: string) => `或访问 ${pinUrl} 并输入此 PIN 码：`,
      scheduled: (when: string) => `会话计划于 ${when} 进行。`,
      expires: (when: string) => `链接将于 ${when} 过期。`,
      ignore: '如果您并未预料到这封邮件，请忽略它：除非您允许访问，否则不会发生任何事情。',
    },
    rescheduled: {
      subject: (agentName: string) => `您与 ${agentName} 的支持会话时间已更改`,
      body: (agentName: string) => `${agentName} 更改了您的支持会话时间。`,
      scheduled: (when: string) => `现在计划于 ${when} 进行。`,
      unscheduled: '该会话已不再有计划时间：您准备好后随时打开链接即可。',
      expires: (when: string) => `链接将于 ${when} 过期。`,
      linkIntro: '您的链接：',
    },
    closed: {
      subject: '您的支持请求已关闭',
      body: (agentName: string) =>
        `${agentName} 在连接前关闭了您的支持请求。您无需执行任何操作；该链接已失效。`,
      help: '如果您仍需要帮助，请联系您的支持团队。',
    },
    technician: {
      subject: (inviterName: string) => `${inviterName} 邀请您加入支持会话`,
      intro: (inviterName: string, recipientName: string) =>
        `${inviterName} 邀请您加入 ${recipientName} 的支持会话。`,
      joinLink: '打开此链接，即可在 Sessiondesk 中加入会话：',
      code: '或在 Sessiondesk 中选择“加入会话”，然后输入会话代码：',
    },
  },
} satisfies Catalog;
