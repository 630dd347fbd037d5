/**
 * The request's details beside the table: every field, the participants, the timeline and a box to
 * add a note. Kept fresh by the live updates (the store re-reads it when its request changes). Esc or
 * the close button closes it and focus goes back to the table.
 */
import { useEffect, useId, useRef } from 'react';
import { displayState } from '@shared/domain/display';
import type { RequestRow } from '@shared/ipc/views';
import { CopyButton } from '../components/CopyButton';
import { ReasonButton } from '../components/ReasonButton';
import { StatusIcon } from '../components/StatusIcon';
import { formatFullDateTime, formatPin, formatSessionCode, formatTimeLeft } from '../domain/format';
import { availability } from '../domain/row-actions';
import { useActionContext } from '../hooks/useActionContext';
import { useNames } from '../hooks/useNames';
import { useClock, useNow } from '../store/clock';
import { useApp, useAppShallow, useAppStore } from '../store/context';
import { STRINGS } from '../strings';
import { NoteBox } from './NoteBox';
import { Participants } from './Participants';
import { Timeline } from './Timeline';

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

function Fields({ request }: { request: RequestRow }) {
  const names = useNames();
  const f = STRINGS.details.fields;
  const shown = displayState(request, useNow(1_000));
  const left = useClock((now) => formatTimeLeft(request.expiresAt, now));
  const date = (iso: string | null) => (iso ? formatFullDateTime(iso) : STRINGS.table.none);
  return (
    <dl className="details-fields">
      <Row label={f.status}>
        <span className={`status-cell status-${request.status}`}>
          <StatusIcon status={request.status} />
          {STRINGS.status[request.status].label}
          {shown.denied ? <span className="badge badge-denied">{STRINGS.denied}</span> : null}
          {shown.inQueue ? <span className="badge badge-queue">{STRINGS.inQueue}</span> : null}
        </span>
      </Row>
      <Row label={f.recipientEmail}>{request.recipientEmail ?? STRINGS.table.none}</Row>
      <Row label={f.emailLanguage}>{STRINGS.languages[request.emailLanguage]}</Row>
      <Row label={f.sendInvitation}>{request.sendInvitation ? STRINGS.details.yes : STRINGS.details.no}</Row>
      {request.handoff ? (
        <Row label={f.handoff}>{STRINGS.details.handoff[request.handoff.kind](request.handoff.client)}</Row>
      ) : null}
      {request.status === 'ready' && request.consentLapsesAt ? (
        <Row label={f.consent}>
          {STRINGS.details.consentLapses(formatFullDateTime(request.consentLapsesAt))}
        </Row>
      ) : null}
      <Row label={f.channel}>{names.channel(request.channelId)}</Row>
      <Row label={f.assignee}>{names.agent(request.assigneeId)}</Row>
      <Row label={f.participants}>
        <Participants request={request} />
      </Row>
      <Row label={f.createdBy}>{names.agent(request.createdBy)}</Row>
      <Row label={f.createdAt}>{date(request.createdAt)}</Row>
      <Row label={f.updatedAt}>{date(request.updatedAt)}</Row>
      <Row label={f.scheduledAt}>{date(request.scheduledAt)}</Row>
      <Row label={f.expiresAt}>
        {date(request.expiresAt)}
        {shown.timeLeft ? <span className="muted"> · {STRINGS.timeLeft.label(left)}</span> : null}
      </Row>
      <Row label={f.link}>
        {request.link ? (
          <span className="copy-line">
            <span className="mono ellipsis" title={request.link}>
              {request.link}
            </span>
            <CopyButton
              value={request.link}
              label={STRINGS.actions.copyLink}
              done={STRINGS.actions.done.copyLink}
              className="button small"
            />
          </span>
        ) : (
          <span className="muted">{STRINGS.actions.noLink}</span>
        )}
      </Row>
      <Row label={f.pin}>
        {request.pin ? (
          <span className="copy-line">
            <span className="mono">{formatPin(request.pin)}</span>
            <CopyButton
              value={request.pin}
              label={STRINGS.create.copyPin}
              done={STRINGS.actions.done.copyPin}
              className="button small"
            />
          </span>
        ) : (
          STRINGS.table.none
        )}
      </Row>
      <Row label={f.sessionCode}>
        {request.sessionCode ? (
          <span className="copy-line" title={f.sessionCodeHint}>
            <span className="mono">{formatSessionCode(request.sessionCode)}</span>
            <CopyButton
              value={request.sessionCode}
              label={STRINGS.details.copy(f.sessionCode.toLowerCase())}
              done={STRINGS.actions.done.copied}
              className="button small"
            />
          </span>
        ) : (
          STRINGS.table.none
        )}
      </Row>
      <Row label={f.remote}>{request.remote ?? STRINGS.table.none}</Row>
      <Row label={f.comments}>
        {request.comments ? <span className="pre-wrap">{request.comments}</span> : STRINGS.table.none}
      </Row>
    </dl>
  );
}

export function DetailsPanel() {
  const store = useAppStore();
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
  const connect = request && ctx ? availability(request, 'connect', ctx) : null;
  const invite = request && ctx ? availability(request, 'invite', ctx) : null;
  const leave = request && ctx ? availability(request, 'leave', ctx) : null;
  const endSession = request && ctx ? availability(request, 'disconnect', ctx) : null;
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
          <p className="details-kicker">{STRINGS.details.label}</p>
          <h2 id={titleId}>{request?.recipientName ?? STRINGS.details.label}</h2>
        </div>
        <button
          type="button"
          className="icon-button"
          aria-label={STRINGS.details.close}
          onClick={() => store.getState().closeDetails()}
        >
          <span aria-hidden="true">×</span>
        </button>
      </div>
      <div className="details-body">
        {!loaded ? (
          <p className="muted">{STRINGS.details.loading}</p>
        ) : !details || !request ? (
          <p>{STRINGS.details.notFound}</p>
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
                  {STRINGS.actions.connect}
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
                      {STRINGS.actions.endSession}
                    </button>
                  ) : null}
                  {invite ? (
                    <ReasonButton
                      className="button small"
                      enabled={invite.enabled}
                      reason={invite.reason}
                      onClick={() => store.getState().openDialog({ kind: 'invite', rowId: request.id })}
                    >
                      {STRINGS.actions.invite}
                    </ReasonButton>
                  ) : null}
                  {leave?.enabled ? (
                    <button
                      type="button"
                      className="button small"
                      onClick={() => store.getState().openDialog({ kind: 'leave', rowId: request.id })}
                    >
                      {STRINGS.actions.leave}
                    </button>
                  ) : null}
                </div>
              </div>
            ) : null}
            <Fields request={request} />
            <h3>{STRINGS.details.timeline}</h3>
            <Timeline entries={details.timeline} />
            {request.id.startsWith('local:') ? null : <NoteBox requestId={request.id} live={live} />}
          </>
        )}
      </div>
    </aside>
  );
}
