'use client';
import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { useTRPC } from '@/lib/trpc';
import { Button } from '@/components/ui/button';

// "Connect with Google/Microsoft" (PRODUCT #2): the server creates the PKCE/state flow and answers with
// the provider's URL; unconfigured installations explain what an admin must set up instead.

const NAME = { google: 'Google', microsoft: 'Microsoft' } as const;

function Logo({ provider }: { provider: 'google' | 'microsoft' }) {
  if (provider === 'microsoft') {
    return (
      <svg viewBox="0 0 20 20" className="h-4 w-4" aria-hidden>
        <rect x="1" y="1" width="8.5" height="8.5" fill="#f25022" />
        <rect x="10.5" y="1" width="8.5" height="8.5" fill="#7fba00" />
        <rect x="1" y="10.5" width="8.5" height="8.5" fill="#00a4ef" />
        <rect x="10.5" y="10.5" width="8.5" height="8.5" fill="#ffb900" />
      </svg>
    );
  }
  return (
    <svg viewBox="0 0 20 20" className="h-4 w-4" aria-hidden>
      <circle cx="10" cy="10" r="8" fill="none" stroke="#4285f4" strokeWidth="3" />
      <rect x="10" y="8.5" width="8" height="3" fill="#4285f4" />
    </svg>
  );
}

export function OAuthButton(props: { provider: 'google' | 'microsoft'; configured: boolean; help: string | null; reconnectMailboxId?: string; label?: string }) {
  const trpc = useTRPC();
  const [showHelp, setShowHelp] = useState(false);
  const start = useMutation(trpc.mailboxes.startOAuth.mutationOptions({ onSuccess: ({ url }) => window.location.assign(url) }));
  const label = props.label ?? `Connect with ${NAME[props.provider]}`;
  return (
    <div className="space-y-2">
      <Button
        type="button"
        variant="secondary"
        className="w-full justify-start"
        disabled={start.isPending || start.isSuccess}
        onClick={() => (props.configured ? start.mutate({ provider: props.provider, reconnectMailboxId: props.reconnectMailboxId }) : setShowHelp((v) => !v))}
        aria-expanded={props.configured ? undefined : showHelp}
      >
        <Logo provider={props.provider} />
        {start.isPending || start.isSuccess ? `Opening ${NAME[props.provider]}…` : label}
      </Button>
      {!props.configured && showHelp ? (
        <p role="note" className="rounded-md bg-amber-50 px-3 py-2 text-xs text-amber-900 ring-1 ring-inset ring-amber-200">
          {props.help}
        </p>
      ) : null}
      {start.isError ? (
        <p role="alert" className="text-sm text-red-700">
          {start.error.message}
        </p>
      ) : null}
    </div>
  );
}
