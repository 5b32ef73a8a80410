import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { OCCUPATIONAL_CATEGORIES, REQUEST_KINDS, type RequestKind } from '@domain/enums';
import { usePreview } from '../../api/policy-versions';
import { Field } from '../../components/Field';
import { controlAttrs } from '../../components/inputs';
import { ProblemNotice } from '../../components/ProblemNotice';
import { useFormat } from '../../format/format';

/** The route an example request would take under the saved draft, with its deadlines. */
export function RoutePreviewPanel({ version, disabled }: { version: number; disabled: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const preview = usePreview(version);
  const [kind, setKind] = useState<RequestKind>('hire');
  const [cost, setCost] = useState('48000');
  const [category, setCategory] = useState('nurse');
  const [newPosition, setNewPosition] = useState(false);
  const [urgent, setUrgent] = useState(false);
  const run = () =>
    preview.mutate({
      kind,
      occupationalCategory: category,
      ...(kind === 'hire'
        ? { monthlyCostSek: Number(cost), newPermanentPosition: newPosition }
        : { estimatedCostSek: Number(cost), urgent }),
    });
  const result = preview.data;
  return (
    <section className="card" aria-labelledby="route-preview-title">
      <h2 id="route-preview-title">{t('routes.previewTitle')}</h2>
      <div className="row">
        <Field label={t('routes.previewKind')}>
          {(c) => (
            <select
              {...controlAttrs(c)}
              value={kind}
              onChange={(e) => setKind(e.target.value as RequestKind)}
            >
              {REQUEST_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`kind.${k}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t(`routes.previewCost.${kind}`)}>
          {(c) => (
            <input
              type="number"
              min={0}
              {...controlAttrs(c)}
              value={cost}
              onChange={(e) => setCost(e.target.value)}
            />
          )}
        </Field>
        <Field label={t('routes.previewCategory')}>
          {(c) => (
            <select {...controlAttrs(c)} value={category} onChange={(e) => setCategory(e.target.value)}>
              {OCCUPATIONAL_CATEGORIES.map((cat) => (
                <option key={cat} value={cat}>
                  {t(`category.${cat}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      {kind === 'hire' ? (
        <label className="choice">
          <input type="checkbox" checked={newPosition} onChange={(e) => setNewPosition(e.target.checked)} />
          {t('routes.previewNewPosition')}
        </label>
      ) : (
        <label className="choice">
          <input type="checkbox" checked={urgent} onChange={(e) => setUrgent(e.target.checked)} />
          {t('routes.previewUrgent')}
        </label>
      )}
      <div className="actions">
        <button type="button" onClick={run} disabled={disabled || preview.isPending}>
          {t('routes.preview')}
        </button>
      </div>
      <ProblemNotice error={preview.error} />
      {result && (
        <p role="status" className="notice">
          {t(`routes.previewSentence.${kind}`, {
            stages: result.stages
              .map((s, i) => {
                const words = t(`stageInText.${s.name}`, s.name);
                const who =
                  s.mode === 'recommending' ? ` (${t('routes.modeName.recommending').toLowerCase()})` : '';
                return `${i === 0 ? words.charAt(0).toUpperCase() + words.slice(1) : words}${who}`;
              })
              .join(' → '),
            due: f.dateTime(result.decidedBy as string | undefined),
          })}
        </p>
      )}
    </section>
  );
}
