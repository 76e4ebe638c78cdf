import { useRef } from 'react';

/**
 * The app's own button for choosing files: a hidden file input behind it, since the browser's own
 * button speaks the browser's language ("Choose File"). `testId` and `label` stay on the input, so
 * tests and assistive tools find it as before.
 */
export function FileButton(props: { children: React.ReactNode; label: string; testId: string; accept?: string; multiple?: boolean; folder?: boolean; disabled?: boolean; onFiles: (files: FileList | null) => void }) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" onClick={() => input.current?.click()} disabled={props.disabled}>
        {props.children}
      </button>
      <input
        ref={input}
        type="file"
        hidden
        multiple={props.multiple}
        accept={props.accept}
        aria-label={props.label}
        data-testid={props.testId}
        {...(props.folder ? { webkitdirectory: '' } : {})}
        onChange={(e) => {
          props.onFiles(e.target.files);
          e.target.value = '';
        }}
      />
    </>
  );
}
