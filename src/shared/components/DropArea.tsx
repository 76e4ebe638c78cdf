import { memo, useEffect, useRef } from 'react';
import { useDropzone } from 'react-dropzone';
import { enqueue } from '../intake';
import { useSetting } from '../settings';
import { useFmt } from '../useFmt';
import { DroppedHere } from './DroppedHere';

/**
 * Drop zone for files and whole folders (react-dropzone walks dropped folders), with buttons for
 * files and folders and paste (Ctrl+V) anywhere on the page. Every file goes to the intake queue;
 * the type is checked there by content, so nothing is filtered by name here.
 */
/**
 * Memoised: the pages that hold it re-render on each keystroke of a search. `slim`: one line, the
 * accepted types in its tooltip, for a library that already holds documents (at 768 px the full
 * area, the queue and a notice left two rows of the list: the tenth walk).
 */
export const DropArea = memo(function DropArea({ workspaceId, linkTo, compact = false, slim = false }: { workspaceId: string; linkTo?: string; compact?: boolean; slim?: boolean }) {
  const { t } = useFmt();
  const limit = useSetting('maxFileMB');
  const folderRef = useRef<HTMLInputElement>(null);
  const add = (files: File[]) => files.length && enqueue(workspaceId, files, linkTo ? [{ code: linkTo }] : undefined);
  const { getRootProps, getInputProps, isDragActive, open } = useDropzone({ onDrop: add, noClick: true, noKeyboard: true, multiple: true });

  useEffect(() => {
    if (compact) return;
    const onPaste = (e: ClipboardEvent) => {
      const files = [...(e.clipboardData?.files ?? [])];
      if (files.length) {
        e.preventDefault();
        add(files);
      }
    };
    document.addEventListener('paste', onPaste);
    return () => document.removeEventListener('paste', onPaste);
  });

  return (
    <div
      {...getRootProps({ className: `drop-area${isDragActive ? ' active' : ''}${compact ? ' compact' : ''}${slim ? ' slim' : ''}` })}
      data-testid={compact ? 'drop-question' : 'drop-area'}
      title={slim ? t('evidence.accepted', { limit }) : undefined}
    >
      <input {...getInputProps()} data-testid={compact ? 'file-input-question' : 'file-input'} />
      <p>{isDragActive ? t('evidence.dropActive') : compact && linkTo ? t('evidence.dropHere', { code: linkTo }) : t('evidence.drop')}</p>
      <div className="drop-buttons">
        <button type="button" onClick={open}>
          {t('evidence.pickFiles')}
        </button>
        {!compact && (
          <>
            <button type="button" onClick={() => folderRef.current?.click()}>
              {t('evidence.pickFolder')}
            </button>
            <input
              ref={folderRef}
              type="file"
              hidden
              multiple
              {...({ webkitdirectory: '', directory: '' } as Record<string, string>)}
              onChange={(e) => {
                add([...(e.target.files ?? [])]);
                e.target.value = '';
              }}
            />
          </>
        )}
      </div>
      {!compact && !slim && <p className="muted small">{t('evidence.accepted', { limit })}</p>}
      {compact && linkTo && <DroppedHere workspaceId={workspaceId} code={linkTo} />}
    </div>
  );
});
