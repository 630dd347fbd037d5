import type { Catalog } from './en';
// Traditional Chinese, Taiwan (繁體中文)

export const zhHant = {
  languageName: '繁體中文',
  page: {
    title: '遠端支援請求',
    errorTitle: (title: string) => `錯誤：${title}`,
    heading: (agentName: string, orgName: string) => `${orgName} 的 ${agentName} 要求存取您的電腦`,
    greeting: (recipientName: string) => `${recipientName} 您好：`,
    commentsLabel: '支援人員的留言',
    explainAllow:
      '如果您允許存取，支援人員就能透過遠端控制應用程式連線到這台電腦，為您提供協助。您可以隨時在該應用程式中結束工作階段。',
    allowButton: '允許存取',
    denyButton: '拒絕',
    remoteIdLabel: (appName: string) => `${appName} 顯示的 ID`,
    remoteIdHint: (appName: string) => `請啟動 ${appName} 並輸入其顯示的 ID，讓支援人員能連線到這台電腦。`,
    remoteIdInvalid: 'ID 只能包含字母、數字及字元 @ . _ : - [ ]，且必須以字母或數字開頭。',
    remoteIdMissing: (appName: string) => `欄位是空的：請輸入 ${appName} 顯示的 ID。`,
    stepsHeading: (appName: string) => `如何啟動 ${appName}`,
    stepDownload: (appName: string) => `下載 ${appName}。`,
    stepOpen: '開啟下載的檔案並啟動應用程式。',
    stepAllow: '在下方欄位輸入應用程式顯示的 ID，然後選擇「允許存取」。',
    expires: (when: string) => `此請求將於 ${when} 到期。`,
    live: '此頁面會自動更新。',
    liveRefreshes: (seconds: number) => `此頁面每 ${seconds} 秒重新整理一次。`,
    liveReload: '請重新載入此頁面，查看是否有任何變更。',
    granted: '已允許存取。支援人員現在可以連線；請保持遠端控制應用程式開啟。',
    oneSession: (minutes: number) =>
      minutes === 0
        ? '您的許可僅限一次工作階段：工作階段結束時即失效。'
        : `您的許可僅限一次工作階段：工作階段結束 ${minutes} 分鐘後即失效。`,
    sessionEnded: (when: string) =>
      `工作階段已結束。您的許可有效至 ${when}；之後，支援人員需要您再次允許存取。`,
    consentLapsed: '您先前的許可已隨上一次工作階段結束。若要讓支援人員再次連線，請再次允許存取。',
    endAccessButton: '結束存取',
    endAccessHint: '您可以隨時結束存取：支援人員將無法再連線，並會立即收到通知。',
    connected: '支援人員已連線。完成後，請在遠端控制應用程式中結束工作階段。',
    denied: '您已拒絕存取，我們已通知支援人員。如果您改變主意，請要求對方重新提出存取請求。',
    accessEnded:
      '您已結束存取，我們已通知支援人員。如果遠端控制應用程式仍顯示工作階段，請也在其中結束。如果您再次需要協助，請要求支援人員重新提出存取請求。',
    closedTitle: '請求已關閉',
    closed: '此支援請求已關閉。如果您仍需要協助，請聯絡您的支援團隊取得新連結。',
    expiredTitle: '請求已過期',
    expired: '此支援請求已過期。如果您仍需要協助，請聯絡您的支援團隊取得新連結。',
    notFoundTitle: '連結無效',
    notFound: '此連結無效。請確認您已複製完整連結，或向您的支援團隊索取新連結。',
    tooManyAttempts: (seconds: number) => `嘗試次數過多。請等待 ${seconds} 秒後再試一次。`,
    somethingWrong: '我們這邊發生錯誤。請稍後再試。',
  },
  pin: {
    title: '輸入 PIN 碼',
    intro: '請輸入支援人員提供給您的 9 位數 PIN 碼。',
    label: 'PIN 碼',
    button: '繼續',
    invalid: 'PIN 碼為 9 位數字。',
    unknown: '沒有與此 PIN 碼相符的有效支援請求。請檢查數字是否正確，或向支援人員索取新的 PIN 碼。',
  },
  mail: {
    greeting: (name: string) => `${name} 您好：`,
    signature: (orgName: string) => `${orgName} 支援團隊`,
    invitation: {
      subject: (agentName: string, orgName: string) => `${agentName}（${orgName}）要求遠端存取以協助您`,
      intro: (agentName: string, orgName: string) =>
        `${orgName} 的 ${agentName} 想要連線到您的電腦以協助您。`,
      commentsLabel: '對方的留言：',
      linkIntro: '開啟此連結以查看請求並允許存取：',
      pinIntro: (pinUrl: string) => `或前往 ${pinUrl} 並輸入此 PIN 碼：`,
      scheduled: (when: string) => `工作階段預定於 ${when} 進行。`,
      expires: (when: string) => `連結將於 ${when} 到期。`,
      ignore: '如果您並未預期收到此郵件，請忽略它：除非您允許存取，否則不會發生任何事。',
    },
    rescheduled: {
      subject: (agentName: string) => `您與 ${agentName} 的支援工作階段時間已變更`,
      body: (agentName: string) => `${agentName} 已變更您的支援工作階段時間。`,
      scheduled: (when: string) => `現在預定於 ${when} 進行。`,
      unscheduled: '此工作階段已不再有預定時間：您準備好時隨時開啟連結即可。',
      expires: (when: string) => `連結將於 ${when} 到期。`,
      linkIntro: '您的連結：',
    },
    closed: {
      subject: '您的支援請求已關閉',
      body: (agentName: string) =>
        `${agentName} 在連線前已關閉您的支援請求。您不需要採取任何動作；該連結已失效。`,
      help: '如果您仍需要協助，請聯絡您的支援團隊。',
    },
    technician: {
      subject: (inviterName: string) => `${inviterName} 邀請您加入支援工作階段`,
      intro: (inviterName: string, recipientName: string) =>
        `${inviterName} 邀請您加入 ${recipientName} 的支援工作階段。`,
      joinLink: '開啟此連結，即可在 Sessiondesk 中加入工作階段：',
      code: '或在 Sessiondesk 中選擇「加入工作階段」，然後輸入工作階段代碼：',
    },
  },
} satisfies Catalog;
