/**
 * "How did we do?" on a closed request's page (issue 19): a labelled group of five radio buttons (shown
 * as numbered boxes), an optional comment and Send; after the answer, thanks. A plain form that posts, so
 * it works without JavaScript; every value escaped by React, so a comment is only ever text.
 */
import type { ReactNode } from 'react';
import { CONVERSATION_LIMITS, RATING } from '@shared/domain/conversation';
import type { Translator } from '@shared/i18n/translator';
import type { Survey } from '../services/satisfaction';
import { joinPaths } from './paths';

/** What the closed page shows of the survey: the form (after a refusal, with its message), or thanks. */
export interface SurveyView {
  readonly survey: Survey;
  /** A refusal of the last answer, in the page's language. */
  readonly error?: string;
  /** What was posted, shown again after a refusal. */
  readonly rating?: number;
  readonly comment?: string;
}

export function ratingPath(token: string): string {
  return `${joinPaths(token).page}/rating`;
}

const RATINGS = Array.from({ length: RATING.max - RATING.min + 1 }, (_, index) => RATING.min + index);

export function SurveySection(props: { i18n: Translator; token: string; view: SurveyView }): ReactNode {
  const { i18n, token, view } = props;
  const { error } = view;
  if (view.survey.rating) {
    return (
      <section className="survey" aria-labelledby="survey-heading">
        <h2 id="survey-heading">{i18n.t('joinPage.rating.heading')}</h2>
        {error ? (
          <p className="error" role="alert">
            {error}
          </p>
        ) : null}
        <p className="outcome outcome-ok">{i18n.t('joinPage.rating.thanks')}</p>
        <p>{i18n.t('joinPage.rating.given', { rating: view.survey.rating.rating, max: RATING.max })}</p>
      </section>
    );
  }
  if (!view.survey.open) return null;
  return (
    <section className="survey" aria-labelledby="survey-heading">
      <h2 id="survey-heading">{i18n.t('joinPage.rating.heading')}</h2>
      <form method="post" action={ratingPath(token)} className="rating-form" noValidate>
        <fieldset
          className="rating"
          aria-describedby={error ? 'rating-error rating-hint' : 'rating-hint'}
          aria-invalid={error ? true : undefined}
        >
          <legend>{i18n.t('joinPage.rating.question')}</legend>
          <p id="rating-hint" className="hint">
            {i18n.t('joinPage.rating.hint', { min: RATING.min, max: RATING.max })}
          </p>
          <div className="rating-options">
            {RATINGS.map((rating) => (
              <label key={rating} className="rating-option">
                <input
                  type="radio"
                  name="rating"
                  value={rating}
                  required
                  defaultChecked={view.rating === rating}
                  autoFocus={error && rating === RATING.min ? true : undefined}
                />
                <span aria-hidden="true">{rating}</span>
                <span className="visually-hidden">
                  {i18n.t('joinPage.rating.option', { rating, max: RATING.max })}
                </span>
              </label>
            ))}
          </div>
        </fieldset>
        <div className="field">
          <label htmlFor="rating-comment">{i18n.t('joinPage.rating.commentLabel')}</label>
          <textarea
            id="rating-comment"
            name="comment"
            rows={3}
            maxLength={CONVERSATION_LIMITS.ratingCommentMax}
            defaultValue={view.comment ?? ''}
          />
        </div>
        {error ? (
          <p id="rating-error" className="error" role="alert">
            {error}
          </p>
        ) : null}
        <div className="buttons">
          <button type="submit" className="allow">
            {i18n.t('joinPage.rating.send')}
          </button>
        </div>
      </form>
    </section>
  );
}
