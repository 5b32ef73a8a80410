import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { REQUEST_KINDS } from '@domain/enums';
import type { RouteDraft } from '@domain/route-rules';
import type { PolicyVersion } from '@contracts/policy-versions';
import { useSaveDraft } from '../../api/policy-versions';
import { ProblemError } from '../../api/problem';
import { Field } from '../../components/Field';
import { controlAttrs } from '../../components/inputs';
import { ProblemNotice } from '../../components/ProblemNotice';
import { useTranslateFieldMessage } from '../../i18n/field-messages';
import { StageEditor } from './StageEditor';
import { RoutePreviewPanel } from './RoutePreviewPanel';
import { PublishForm } from './PublishForm';
import { QuestionsSetting } from './QuestionsSetting';
import { moveStage, NEW_STAGE, removeStage, replaceStage, typed, withStages } from './route-edit';

const byField = (problems: { field: string; message: string }[]) => {
  const out: Record<string, string> = {};
  for (const p of problems) out[p.field] ??= p.message;
  return out;
};

/** A draft route: its stages per kind, approval validity, and what would stop its publication, at each field. */
export function RouteEditor({ version }: { version: PolicyVersion }) {
  const { t } = useTranslation();
  const translate = useTranslateFieldMessage();
  const [draft, setDraft] = useState<RouteDraft>(version.policy as RouteDraft);
  const [dirty, setDirty] = useState(false);
  const save = useSaveDraft(version.version);
  const [publishProblems, setPublishProblems] = useState<{ field: string; message: string }[]>([]);
  const serverProblems =
    save.error instanceof ProblemError ? save.error.errors : (save.data?.problems ?? version.problems);
  const problems = byField([...serverProblems, ...publishProblems]);
  const edit = (next: RouteDraft) => {
    setDraft(next);
    setDirty(true);
  };
  const onSave = async () => {
    setPublishProblems([]);
    try {
      await save.mutateAsync(draft);
      setDirty(false);
    } catch {
      // Shown at the fields below.
    }
  };
  const routeLevel = Object.entries(problems).filter(([f]) => /^routes\.\w+$/.test(f));

  return (
    <section aria-labelledby="route-editor-title">
      <h2 id="route-editor-title">{t('routes.editTitle', { version: version.version })}</h2>
      <p className="lead">{t('routes.editIntro')}</p>
      {REQUEST_KINDS.map((kind) => (
        <section key={kind} aria-labelledby={`route-${kind}`}>
          <h3 id={`route-${kind}`}>{t(`kindPlural.${kind}`)}</h3>
          {routeLevel
            .filter(([f]) => f === `routes.${kind}`)
            .map(([f, m]) => (
              <p key={f} className="field-error" role="alert">
                {translate(m)}
              </p>
            ))}
          {draft.routes[kind].map((stage, i) => (
            <StageEditor
              key={`${kind}-${i}`}
              kind={kind}
              index={i}
              count={draft.routes[kind].length}
              stage={stage}
              problems={problems}
              onChange={(s) => edit(replaceStage(draft, kind, i, s))}
              onMove={(by) => edit(moveStage(draft, kind, i, by))}
              onRemove={() => edit(removeStage(draft, kind, i))}
            />
          ))}
          <div className="actions">
            <button
              type="button"
              onClick={() => edit(withStages(draft, kind, (s) => [...s, { ...NEW_STAGE }]))}
            >
              {t('routes.addStage', { kind: t(`kindPlural.${kind}`) })}
            </button>
          </div>
        </section>
      ))}
      <Field
        label={t('routes.validDays')}
        hint={t('routes.validDaysHint')}
        error={problems.hireApprovalValidDays}
      >
        {(c) => (
          <input
            type="number"
            min={1}
            {...controlAttrs(c)}
            value={Number.isNaN(draft.hireApprovalValidDays) ? '' : draft.hireApprovalValidDays}
            onChange={(e) => edit({ ...draft, hireApprovalValidDays: typed(e.target.value) })}
          />
        )}
      </Field>
      <QuestionsSetting
        draft={draft}
        error={problems['questions.pauseDeadline'] && translate(problems['questions.pauseDeadline'])}
        onChange={edit}
      />
      {save.error && !(save.error instanceof ProblemError && save.error.errors.length) && (
        <ProblemNotice error={save.error} />
      )}
      <div className="actions">
        <button type="button" className="primary" onClick={onSave} disabled={save.isPending}>
          {t('routes.save')}
        </button>
      </div>
      <p role="status" className={Object.keys(problems).length ? 'notice notice-warning' : 'notice'}>
        {dirty
          ? t('routes.unsaved')
          : Object.keys(problems).length
            ? t('routes.problemCount', { count: Object.keys(problems).length })
            : t('routes.valid')}
      </p>
      <RoutePreviewPanel version={version.version} disabled={dirty} />
      <PublishForm version={version.version} disabled={dirty} onRouteProblems={setPublishProblems} />
    </section>
  );
}
