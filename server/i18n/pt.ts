import type { Catalog } from './en';
// Portuguese (Português, Brazil)

export const pt = {
  languageName: 'Português',
  page: {
    title: 'Solicitação de suporte remoto',
    errorTitle: (title: string) => `Erro: ${title}`,
    heading: (agentName: string, orgName: string) =>
      `${agentName}, de ${orgName}, solicita acesso ao seu computador`,
    greeting: (recipientName: string) => `Olá, ${recipientName},`,
    commentsLabel: 'Mensagem do seu agente de suporte',
    explainAllow:
      'Se você permitir o acesso, seu agente de suporte poderá se conectar a este computador com o aplicativo de controle remoto para ajudar você. Você pode encerrar a sessão a qualquer momento nesse aplicativo.',
    allowButton: 'Permitir acesso',
    denyButton: 'Negar',
    remoteIdLabel: (appName: string) => `O ID exibido pelo ${appName}`,
    remoteIdHint: (appName: string) =>
      `Inicie o ${appName} e digite o ID exibido, para que seu agente possa acessar este computador.`,
    remoteIdInvalid:
      'Um ID contém apenas letras, dígitos e os caracteres @ . _ : - [ ], e começa com uma letra ou um dígito.',
    remoteIdMissing: (appName: string) => `O campo está vazio: digite o ID exibido pelo ${appName}.`,
    stepsHeading: (appName: string) => `Como iniciar o ${appName}`,
    stepDownload: (appName: string) => `Baixe o ${appName}.`,
    stepOpen: 'Abra o arquivo baixado e inicie o aplicativo.',
    stepAllow:
      'Digite no campo abaixo o ID exibido pelo aplicativo e, em seguida, escolha “Permitir acesso”.',
    expires: (when: string) => `Esta solicitação é válida até ${when}.`,
    live: 'Esta página é atualizada automaticamente.',
    liveRefreshes: (seconds: number) => `Esta página é atualizada a cada ${seconds} segundos.`,
    liveReload: 'Recarregue esta página para ver se algo mudou.',
    granted:
      'Acesso permitido. Seu agente de suporte já pode se conectar; mantenha o aplicativo de controle remoto aberto.',
    oneSession: (minutes: number) =>
      minutes === 0
        ? 'Sua permissão vale para uma sessão: ela termina quando a sessão terminar.'
        : `Sua permissão vale para uma sessão: ela termina ${minutes === 1 ? '1 minuto' : `${minutes} minutos`} depois que a sessão terminar.`,
    sessionEnded: (when: string) =>
      `A sessão terminou. Sua permissão vale até ${when}; depois disso, seu agente de suporte precisará que você permita o acesso novamente.`,
    consentLapsed:
      'Sua permissão anterior terminou com a última sessão. Para que seu agente de suporte possa se conectar de novo, permita o acesso novamente.',
    endAccessButton: 'Encerrar acesso',
    endAccessHint:
      'Você pode encerrar o acesso a qualquer momento: seu agente de suporte não poderá mais se conectar e será avisado na hora.',
    connected:
      'Seu agente de suporte está conectado. Encerre a sessão no aplicativo de controle remoto quando terminar.',
    denied:
      'Você negou o acesso, e seu agente de suporte foi avisado. Se mudar de ideia, peça ao agente que solicite o acesso novamente.',
    accessEnded:
      'Você encerrou o acesso, e seu agente de suporte foi avisado. Se o aplicativo de controle remoto ainda mostrar uma sessão, encerre-a também nele. Se precisar de ajuda novamente, peça ao agente que solicite o acesso novamente.',
    closedTitle: 'Solicitação encerrada',
    closed:
      'Esta solicitação de suporte foi encerrada. Se ainda precisar de ajuda, entre em contato com sua equipe de suporte para receber um novo link.',
    expiredTitle: 'Solicitação expirada',
    expired:
      'Esta solicitação de suporte expirou. Se ainda precisar de ajuda, entre em contato com sua equipe de suporte para receber um novo link.',
    notFoundTitle: 'Link inválido',
    notFound:
      'Este link não é válido. Verifique se você copiou o link inteiro ou peça um novo à sua equipe de suporte.',
    tooManyAttempts: (seconds: number) => `Muitas tentativas. Aguarde ${seconds} segundos e tente novamente.`,
    somethingWrong: 'Algo deu errado do nosso lado. Tente novamente em instantes.',
  },
  pin: {
    title: 'Digite seu PIN',
    intro: 'Digite o PIN de 9 dígitos que seu agente de suporte forneceu.',
    label: 'PIN',
    button: 'Continuar',
    invalid: 'O PIN tem 9 dígitos.',
    unknown:
      'Nenhuma solicitação de suporte aberta tem este PIN. Confira os dígitos ou peça um novo ao seu agente de suporte.',
  },
  mail: {
    greeting: (name: string) => `Olá, ${name},`,
    signature: (orgName: string) => `Suporte ${orgName}`,
    invitation: {
      subject: (agentName: string, orgName: string) =>
        `${agentName} (${orgName}) solicita acesso remoto para ajudar você`,
      intro: (agentName: string, orgName: string) =>
        `${agentName}, de ${orgName}, gostaria de se conectar ao seu computador para ajudar você.`,
      commentsLabel: 'Mensagem do agente:',
      linkIntro: 'Abra este link para ver a solicitação e permitir o acesso:',
      pinIntro: (pinUrl: string) => `Ou acesse ${pinUrl} e digite este PIN:`,
      scheduled: (when: string) => `A sessão está agendada para ${when}.`,
      expires: (when: string) => `O link é válido até ${when}.`,
      ignore:
        'Se você não esperava esta mensagem, ignore este e-mail: nada acontecerá a menos que você permita o acesso.',
    },
    rescheduled: {
      subject: (agentName: string) => `Sua sessão de suporte com ${agentName} tem um novo horário`,
      body: (agentName: string) => `${agentName} alterou o horário da sua sessão de suporte.`,
      scheduled: (when: string) => `Agora ela está agendada para ${when}.`,
      unscheduled: 'Ela não tem mais um horário agendado: abra o link quando quiser.',
      expires: (when: string) => `O link é válido até ${when}.`,
      linkIntro: 'Seu link:',
    },
    closed: {
      subject: 'Sua solicitação de suporte foi encerrada',
      body: (agentName: string) =>
        `${agentName} encerrou sua solicitação de suporte antes de se conectar. Você não precisa fazer nada; o link não funciona mais.`,
      help: 'Se ainda precisar de ajuda, entre em contato com sua equipe de suporte.',
    },
    technician: {
      subject: (inviterName: string) => `${inviterName} convida você para uma sessão de suporte`,
      intro: (inviterName: string, recipientName: string) =>
        `${inviterName} convida você a participar da sessão de suporte de ${recipientName}.`,
      joinLink: 'Abra este link para entrar na sessão no Sessiondesk:',
      code: 'Ou escolha “Entrar na sessão” no Sessiondesk e digite o código da sessão:',
    },
  },
} satisfies Catalog;
