import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorData } from '../../../common/errors';
import { AlertIcon } from './icons';

/** A failure shown where it happened (under the form or button that caused it), in words. */
export function FormAlert(props: { title: string; children?: ReactNode; id?: string }) {
  return (
    <div className="form-alert" role="alert" id={props.id}>
      <AlertIcon className="form-alert-icon" />
      <div className="form-alert-text">
        <p className="form-alert-title">{props.title}</p>
        {props.children}
      </div>
    </div>
  );
}

/** A success or progress note next to the control that caused it; announced politely. */
export function FormStatus(props: { children: ReactNode }) {
  return (
    <p className="form-status" role="status">
      {props.children}
    </p>
  );
}

/** Any failure from the core: what kind (in the user's language) and the core's own sentence. */
export function ErrorAlert({ error }: { error: AppErrorData }) {
  const { t } = useTranslation();
  return (
    <FormAlert title={t(`errors.codes.${error.code}`)}>
      <p className="form-alert-message">{error.message}</p>
    </FormAlert>
  );
}
