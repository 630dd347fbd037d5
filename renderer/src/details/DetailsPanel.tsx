/**
 * The request's details beside the table: every field, the participants, the conversation (the chat
 * with the end user and the technicians' thread of notes) and the timeline. Kept fresh by the live updates (the store re-reads it when its request changes). Esc or
 * the close button closes it and focus goes back to the table.
 */
import { useEffect, useId, useRef } from 'react';
import { displayState } from '@shared/domain/display';
import type { RequestRow } from '@shared/ipc/views';
import { CopyButton } from '../components/CopyButton';
import { ReasonButton } from '../components/ReasonButton';
import { StatusIcon } from '../components/StatusIcon';
import { formatFullDateTime, formatPin, formatSessionCode, formatTimeLeft } from '../domain/format';
import { availability, type Availability } from '../domain/row-actions';
import { useActionContext } from '../hooks/useActionContext';
import { useNames } from '../hooks/useNames';
import { useTranslator } from '../i18n/translation';
import { useClock, useNow } from '../store/clock';
import { useApp, useAppShallow, useAppStore } from '../store/context';
import { Conversation } from './Conversation';
import { Participants } from './Participants';
import { TicketRow } from './TicketRow';
import { Timeline } from './Timeline';

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

function Fields({ request, editTicket }: { request: RequestRow; editTicket: Availability | null }) {
  const t = useTranslator();
  const names = useNames();
  const shown = displayState(request, useNow(1_000));
  const left = useClock((now) => formatTimeLeft(t, request.expiresAt, now));
  const none = t.t('table.none');
  const date = (iso: string | null) => (iso ? formatFullDateTime(t, iso) : none);
  return (
    <dl className="details-fields">
      <Row label={t.t('details.fields.status')}>
        <span className={`status-cell status-${request.status}`}>
          <StatusIcon status={request.status} />
          {t.t(`status.${request.status}.label`)}
          {shown.denied ? <span className="badge badge-denied">{t.t('denied')}</span> : null}
          {shown.inQueue ? <span className="badge badge-queue">{t.t('inQueue')}</span> : null}
        </span>
      </Row>
      <Row label={t.t('ticket.label')}>
        <TicketRow request={request} edit={editTicket} />
      </Row>
      <Row label={t.t('details.fields.recipientEmail')}>{request.recipientEmail ?? none}</Row>
      <Row label={t.t('details.fields.recipientPhone')}>{request.recipientPhone ?? none}</Row>
      <Row label={t.t('details.fields.emailLanguage')}>
        <span lang={request.emailLanguage}>{t.t(`languages.${request.emailLanguage}`)}</span>
      </Row>
      <Row label={t.t('details.fields.sendInvitation')}>
        {request.sendInvitation ? t.t('details.yes') : t.t('details.no')}
      </Row>
      {request.handoff ? (
        <Row label={t.t('details.fields.handoff')}>
          {t.t(`details.handoff.${request.handoff.kind}`, { client: request.handoff.client })}
        </Row>
      ) : null}
      {request.status === 'ready' && request.consentLapsesAt ? (
        <Row label={t.t('details.fields.consent')}>
          {t.t('details.consentLapses', { at: formatFullDateTime(t, request.consentLapsesAt) })}
        </Row>
      ) : null}
      <Row label={t.t('details.fields.channel')}>{names.channel(request.channelId)}</Row>
      <Row label={t.t('details.fields.assignee')}>{names.agent(request.assigneeId)}</Row>
      <Row label={t.t('details.fields.participants')}>
        <Participants request={request} />
      </Row>
      <Row label={t.t('details.fields.createdBy')}>{names.agent(request.createdBy)}</Row>
      <Row label={t.t('details.fields.createdAt')}>{date(request.createdAt)}</Row>
      <Row label={t.t('details.fields.updatedAt')}>{date(request.updatedAt)}</Row>
      <Row label={t.t('details.fields.scheduledAt')}>{date(request.scheduledAt)}</Row>
      <Row label={t.t('details.fields.expiresAt')}>
        {date(request.expiresAt)}
        {shown.timeLeft ? <span className="muted"> · {t.t('timeLeft.label', { text: left })}</span> : null}
      </Row>
      <Row label={t.t('details.fields.link')}>
        {request.link ? (
          <span className="copy-line">
            <span className="mono ellipsis" title={request.link}>
              {request.link}
            </span>
            <CopyButton
              value={request.link}
              label={t.t('actions.copyLink')}
              done={t.t('actions.done.copyLink')}
              className="button small"
            />
          </span>
        ) : (
          <span className="muted">{t.t('actions.noLink')}</span>
        )}
      </Row>
      <Row label={t.t('details.fields.pin')}>
        {request.pin ? (
          <span className="copy-line">
            <span className="mono">{formatPin(request.pin)}</span>
            <CopyButton
              value={request.pin}
              label={t.t('create.copyPin')}
              done={t.t('actions.done.copyPin')}
              className="button small"
            />
          </span>
        ) : (
          none
        )}
      </Row>
      <Row label={t.t('details.fields.sessionCode')}>
        {request.sessionCode ? (
          <span className="copy-line" title={t.t('details.fields.sessionCodeHint')}>
            <span className="mono">{formatSessionCode(request.sessionCode)}</span>
            <CopyButton
              value={request.sessionCode}
              label={t.t('details.copySessionCode')}
              done={t.t('actions.done.copied')}
              className="button small"
            />
          </span>
        ) : (
          none
        )}
      </Row>
      <Row label={t.t('details.fields.remote')}>{request.remote ?? none}</Row>
      <Row label={t.t('details.fields.comments')}>
        {request.comments ? <span className="pre-wrap">{request.comments}</span> : none}
      </Row>
    </dl>
  );
}

export function DetailsPanel() {
  const store = useAppStore();
  const t = useTranslator();
  const { details, loaded } = useAppShallow((s) => ({ details: s.details, loaded: s.detailsLoaded }));
  const ctx = useActionContext();
  const titleId = useId();
  const ref = useRef<HTMLElement>(null);
  const live = useApp((s) => s.connection?.state === 'live');

  useEffect(() => {
    ref.current?.focus();
    return () => {
      // Back to the row the agent was on.
      document.querySelector<HTMLElement>('.grid-row[tabindex="0"]')?.focus();
    };
  }, []);

  const request = details?.request ?? null;
  const connect = request && ctx ? availability(t, request, 'connect', ctx) : null;
  const invite = request && ctx ? availability(t, request, 'invite', ctx) : null;
  const leave = request && ctx ? availability(t, request, 'leave', ctx) : null;
  const endSession = request && ctx ? availability(t, request, 'disconnect', ctx) : null;
  const editTicket = request && ctx ? availability(t, request, 'editTicket', ctx) : null;
  const message = request && ctx ? availability(t, request, 'message', ctx) : null;
  const requestId = request?.id ?? null;
  // The core does not notify the chat messages of the request on screen: they are seen here.
  useEffect(() => {
    if (requestId === null) return;
    void store.getState().call('requests.setOnScreen', { requestId });
    return () => void store.getState().call('requests.setOnScreen', { requestId: null });
  }, [store, requestId]);
  return (
    <aside
      ref={ref}
      className="details"
      aria-labelledby={titleId}
      tabIndex={-1}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          e.stopPropagation();
          store.getState().closeDetails();
        }
      }}
    >
      <div className="details-head">
        <div>
          <p className="details-kicker">{t.t('details.label')}</p>
          <h2 id={titleId}>{request?.recipientName ?? t.t('details.label')}</h2>
        </div>
        <button
          type="button"
          className="icon-button"
          aria-label={t.t('details.close')}
          onClick={() => store.getState().closeDetails()}
        >
          <span aria-hidden="true">×</span>
        </button>
      </div>
      <div className="details-body">
        {!loaded ? (
          <p className="muted">{t.t('details.loading')}</p>
        ) : !details || !request ? (
          <p>{t.t('details.notFound')}</p>
        ) : (
          <>
            {connect ? (
              <div className="details-actions">
                <ReasonButton
                  className="button primary"
                  enabled={connect.enabled}
                  reason={connect.reason}
                  onClick={() => void store.getState().connect(request.id)}
                >
                  {t.t('actions.connect')}
                </ReasonButton>
                {connect.reason ? (
                  <p className="muted details-reason" aria-hidden="true">
                    {connect.reason}
                  </p>
                ) : null}
                <div className="button-row">
                  {endSession?.enabled ? (
                    <button
                      type="button"
                      className="button small"
                      onClick={() => void store.getState().endSession(request.id)}
                    >
                      {t.t('actions.endSession')}
                    </button>
                  ) : null}
                  {invite ? (
                    <ReasonButton
                      className="button small"
                      enabled={invite.enabled}
                      reason={invite.reason}
                      onClick={() => store.getState().openDialog({ kind: 'invite', rowId: request.id })}
                    >
                      {t.t('actions.invite')}
                    </ReasonButton>
                  ) : null}
                  {leave?.enabled ? (
                    <button
                      type="button"
                      className="button small"
                      onClick={() => store.getState().openDialog({ kind: 'leave', rowId: request.id })}
                    >
                      {t.t('actions.leave')}
                    </button>
                  ) : null}
                </div>
              </div>
            ) : null}
            <Fields request={request} editTicket={editTicket} />
            {request.id.startsWith('local:') ? null : (
              // One per request: a draft written to one end user never moves to another's chat.
              <Conversation
                key={request.id}
                request={request}
                entries={details.timeline}
                live={live}
                message={message}
              />
            )}
            <h3>{t.t('details.timeline')}</h3>
            <Timeline entries={details.timeline} />
          </>
        )}
      </div>
    </aside>
  );
}
