import { Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import type { NewBook } from '../contract';
import { NewBookForm } from './NewBookForm';

/** The book menu's "new book" dialog (loaded when first opened: the form is not first-screen code). */
export default function NewBookDialog({
  open,
  locale,
  busy,
  onCancel,
  onSubmit,
}: {
  open: boolean;
  locale: 'zh-CN' | 'en';
  busy: boolean;
  onCancel(): void;
  onSubmit(v: NewBook): void;
}) {
  const { t } = useTranslation('books');
  return (
    <Modal open={open} title={t('newBook.title')} footer={null} onCancel={onCancel} destroyOnHidden>
      <NewBookForm locale={locale} busy={busy} onSubmit={onSubmit} />
    </Modal>
  );
}
