'use client';
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/lib/trpc';
import { Button } from '@/components/ui/button';
import { ErrorBox, Spinner } from '@/components/ui/states';
import { splitQuoted } from './format';

// The ONE rendering path for mail content (issue 7). Plain text by default; HTML only as the server's
// sanitised document inside a sandboxed frame: no allow-scripts, no allow-same-origin (an opaque origin
// that can read nothing of the app), popups allowed so links open in a new tab. Remote images load only
// after "Load images". Never dangerouslySetInnerHTML, anywhere.
export const EMAIL_FRAME_SANDBOX = 'allow-popups allow-popups-to-escape-sandbox';

export function EmailBody({ engagementId, subject }: { engagementId: string; subject: string }) {
  const trpc = useTRPC();
  const [mode, setMode] = useState<'auto' | 'text' | 'html'>('auto');
  const [loadImages, setLoadImages] = useState(false);
  const [showQuoted, setShowQuoted] = useState(false);
  const body = useQuery(trpc.timeline.body.queryOptions({ engagementId, mode, loadImages }, { staleTime: 5 * 60_000 }));

  if (body.isPending) return <Spinner label="Loading email" />;
  if (body.isError) return <ErrorBox title="Could not show this email">{body.error.message}</ErrorBox>;
  const b = body.data;
  if (b.mode === 'removed') {
    return (
      <p className="rounded-md border border-dashed border-slate-300 bg-slate-50 px-3 py-2 text-sm text-slate-600" data-testid="body-removed">
        <span className="font-medium text-slate-700">Email content removed.</span> {b.reason}
      </p>
    );
  }
  if (b.mode === 'text') {
    const { main, quoted } = splitQuoted(b.text);
    return (
      <div className="space-y-2" data-testid="email-text">
        <div className="whitespace-pre-wrap break-words text-sm leading-relaxed text-slate-800">{main || <span className="italic text-slate-500">(no text)</span>}</div>
        {quoted ? (
          <div>
            <button type="button" className="text-xs font-medium text-slate-500 hover:text-slate-800" aria-expanded={showQuoted} onClick={() => setShowQuoted((v) => !v)}>
              {showQuoted ? 'Hide quoted text' : 'Show quoted text'}
            </button>
            {showQuoted ? <div className="mt-1 whitespace-pre-wrap break-words border-l-2 border-slate-200 pl-3 text-sm text-slate-500">{quoted}</div> : null}
          </div>
        ) : null}
        {b.hasHtml ? (
          <Button variant="ghost" className="!px-2 !py-1 text-xs" onClick={() => setMode('html')}>
            Show formatted version
          </Button>
        ) : null}
      </div>
    );
  }
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-2 text-xs text-slate-600">
        {b.blockedImages > 0 && !b.imagesLoaded ? (
          <>
            <span role="note">{b.blockedImages === 1 ? '1 remote image was blocked' : `${b.blockedImages} remote images were blocked`} to protect your privacy.</span>
            <Button variant="secondary" className="!px-2 !py-1 text-xs" onClick={() => setLoadImages(true)}>
              Load images
            </Button>
          </>
        ) : null}
        <Button variant="ghost" className="!px-2 !py-1 text-xs" onClick={() => setMode('text')}>
          Show plain text
        </Button>
        {b.truncated ? <span>This email is very long; only the first part is shown.</span> : null}
      </div>
      <iframe
        title={`Email content: ${subject || '(no subject)'}`}
        sandbox={EMAIL_FRAME_SANDBOX}
        srcDoc={b.srcdoc}
        referrerPolicy="no-referrer"
        data-testid="email-frame"
        className="h-[420px] w-full resize-y rounded-md border border-slate-200 bg-white"
      />
    </div>
  );
}
