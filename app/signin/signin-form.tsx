'use client';
import { useActionState } from 'react';
import { signInWithPassword, type SignInState } from './actions';
import { Button } from '@/components/ui/button';
import { Field, Input } from '@/components/ui/field';

export function SignInForm({ initialError }: { initialError?: string }) {
  const [state, action, pending] = useActionState<SignInState, FormData>(signInWithPassword, { error: initialError });
  return (
    <form action={action} className="space-y-4" noValidate>
      {state.error ? (
        <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {state.error}
        </div>
      ) : null}
      <Field label="Work email">{(id) => <Input id={id} name="email" type="email" autoComplete="email" required defaultValue={state.email} autoFocus />}</Field>
      <Field label="Password">{(id) => <Input id={id} name="password" type="password" autoComplete="current-password" required />}</Field>
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? 'Signing in…' : 'Sign in'}
      </Button>
    </form>
  );
}
