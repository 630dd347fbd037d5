/**
 * How the period's closed requests ended (issue 19): how many by the outcome given at closing, those closed
 * without one, and the end users' answers to "How did we do?" — how many and their mean, 1 to 5. The same
 * figures boxes as the totals, in the reader's language.
 */
import type { ReportSummary } from '@shared/protocol/integrations';
import { outcomeLabel } from '../details/outcome-label';
import { useTranslator } from '../i18n/translation';

export function WrapUpFigures({ summary }: { readonly summary: ReportSummary }) {
  const t = useTranslator();
  const { outcomes, satisfaction } = summary;
  const counts = [
    ['resolved', outcomeLabel(t, 'resolved'), outcomes.resolved],
    ['not-resolved', outcomeLabel(t, 'not_resolved'), outcomes.notResolved],
    ['follow-up', outcomeLabel(t, 'follow_up'), outcomes.followUp],
    ['none', t.t('reports.wrapUp.none'), outcomes.none],
  ] as const;
  return (
    <section className="report-totals" aria-labelledby="report-wrap-up-heading">
      <h3 id="report-wrap-up-heading">{t.t('reports.wrapUp.heading')}</h3>
      <dl className="report-figures">
        {counts.map(([key, label, count]) => (
          <div key={key} className={`report-figure report-figure-outcome-${key}`}>
            <dt>{label}</dt>
            <dd>{t.formatNumber(count)}</dd>
          </div>
        ))}
        <div className="report-figure report-figure-rating">
          <dt>{t.t('reports.wrapUp.rating')}</dt>
          <dd>
            {satisfaction.averageRating === null
              ? t.t('reports.noValue')
              : t.t('reports.wrapUp.ratingValue', {
                  average: satisfaction.averageRating,
                  count: satisfaction.ratings,
                })}
          </dd>
        </div>
      </dl>
    </section>
  );
}
